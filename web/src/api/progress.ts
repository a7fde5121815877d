// Progress endpoints (/api/v1/training/progress): fitness, volume, load
// ratio, records, predictions, comparisons and the comparison opt-in.
// Dates are calendar days (YYYY-MM-DD) in the athlete's own time. Typed by
// the generated OpenAPI document (schema.d.ts).
import { call } from "./client";
import type { components, operations } from "./schema";

type S = components["schemas"];

/** PROGRESS_BASE is the progress service's path prefix. */
export const PROGRESS_BASE = "/api/v1/training/progress";

/** FitnessDay is one day of the fitness series. */
export type FitnessDay = S["ProgressFitnessDay"];
/** FitnessToday is today's fitness with its form label. */
export type FitnessToday = S["ProgressFitnessToday"];
/** Form is the descriptive band of the training stress balance. */
export type Form = FitnessToday["form"];
/** VolumeRow is one period's volume of one sport. */
export type VolumeRow = S["ProgressVolume"];
/** RecordEntry is one best effort: where, how fast, when, and by how much it beat the one before. */
export type RecordEntry = S["ProgressRecordEntry"];
/** PersonalRecord is the current best over one standard distance with every improvement, oldest first. */
export type PersonalRecord = S["ProgressRecord"];
/** Prediction is a race time predicted by Riegel's formula and by VDOT (null when not computable). */
export type Prediction = S["ProgressPrediction"];
/** Predictions are the race predictions from the best recent running effort. */
export type Predictions = S["ProgressPredictions"];
/** Acwr is the acute:chronic workload ratio, descriptive only. */
export type Acwr = S["ProgressACWR"];
/** Summary is the dashboard's headline. */
export type Summary = S["ProgressSummary"];
/** ActivityRef is one of the athlete's activities in a comparison. */
export type ActivityRef = S["ProgressActivityRef"];
/** OwnComparison ranks the activity among the athlete's earlier ones (rank 1 = fastest of count). */
export type OwnComparison = S["ProgressOwnComparison"];
/** Comparisons put one activity beside the athlete's past, standards and peers. */
export type Comparisons = S["ProgressComparisons"];

export const getSummary = (signal?: AbortSignal) => call("get", "/api/v1/training/progress/me/summary", { signal });
export const getFitness = (query: { from?: string; to?: string }, signal?: AbortSignal) =>
  call("get", "/api/v1/training/progress/me/fitness", { query, signal }).then((r) => r.items ?? []);
/** VolumeQuery chooses the periods and sport of the volume. */
export type VolumeQuery = NonNullable<operations["getProgressVolume"]["parameters"]["query"]>;
/** Family is a sport family records are kept for. */
export type Family = NonNullable<NonNullable<operations["getProgressRecords"]["parameters"]["query"]>["family"]>;

export const getVolume = (query: VolumeQuery, signal?: AbortSignal) =>
  call("get", "/api/v1/training/progress/me/volume", { query, signal }).then((r) => r.items ?? []);
export const getAcwr = (signal?: AbortSignal) => call("get", "/api/v1/training/progress/me/acwr", { signal });
export const getRecords = (family: Family | undefined, signal?: AbortSignal) =>
  call("get", "/api/v1/training/progress/me/records", { query: { family }, signal }).then((r) => r.items ?? []);
export const getPredictions = (signal?: AbortSignal) => call("get", "/api/v1/training/progress/me/predictions", { signal });
export const getComparisons = (id: string, signal?: AbortSignal) =>
  call("get", "/api/v1/training/progress/me/activities/{id}/comparisons", { path: { id }, signal });
export const getProgressSettings = (signal?: AbortSignal) => call("get", "/api/v1/training/progress/me/settings", { signal });
export const putProgressSettings = (body: S["ProgressSettingsInput"]) =>
  call("put", "/api/v1/training/progress/me/settings", { body });
