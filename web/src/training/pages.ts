// The training pages, loaded on first visit (one chunk; the map library
// loads with the pages that draw maps).
import "./training.css";
export { TrainingLayout } from "./TrainingLayout";
export { ActivitiesPage } from "./ActivitiesPage";
export { UploadPage } from "./UploadPage";
export { ActivityPage } from "./ActivityPage";
export { LivePage } from "./LivePage";
export { SharedLivePage } from "./SharedLivePage";
export { ProgressPage } from "./ProgressPage";
export { DevicesPage } from "./DevicesPage";
export { SafetyPage } from "./SafetyPage";
export { WatchPage } from "./WatchPage";
