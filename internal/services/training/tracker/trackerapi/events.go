package trackerapi

import (
	"time"

	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// Event types the tracker publishes. The subject is the activity id for
// activity events, the session id for session events, the import id for
// ImportRejected.
const (
	EventActivityCompleted = "training.tracker.activity_completed.v1"
	EventActivityUpdated   = "training.tracker.activity_updated.v1"
	EventActivityDeleted   = "training.tracker.activity_deleted.v1"
	EventImportRejected    = "training.tracker.import_rejected.v1"
	EventSessionStarted    = "training.tracker.session_started.v1"
	EventSessionEnded      = "training.tracker.session_ended.v1"
)

// ActivityV1 is an activity as events carry it: what gear wear, loyalty,
// challenges, goals and progress need, with its analysis. Updated events
// carry the whole activity as it now is.
type ActivityV1 struct {
	ActivityID string    `json:"activity_id"`
	UserID     string    `json:"user_id"`
	Sport      string    `json:"sport"`
	Name       string    `json:"name"`
	StartedAt  time.Time `json:"started_at"`
	// TimeZone is the IANA zone of the start when known (else "").
	TimeZone string `json:"time_zone"`
	// Source is "live" (a tracker session), "import" (a file) or "demo"
	// (generated demo data stored by the platform itself).
	Source   string `json:"source"`
	ImportID string `json:"import_id,omitempty"`
	DeviceID string `json:"device_id,omitempty"`
	GearID   string `json:"gear_id,omitempty"`
	// Visibility is "public", "followers" or "private" (profilesapi values).
	Visibility string `json:"visibility"`
	// StartLatLng and EndLatLng are [lat, lon] (nil without a route);
	// Polyline is the simplified route (Google encoded polyline, 1e5).
	// Together they let consumers find the same route again.
	StartLatLng []float64 `json:"start_latlng,omitempty"`
	EndLatLng   []float64 `json:"end_latlng,omitempty"`
	Polyline    string    `json:"polyline,omitempty"`
	// Analysis holds distance, durations, load, best efforts and the rest.
	Analysis analysis.Result `json:"analysis"`
}

// ActivityDeletedV1 says an activity is gone.
type ActivityDeletedV1 struct {
	ActivityID string `json:"activity_id"`
	UserID     string `json:"user_id"`
	ImportID   string `json:"import_id,omitempty"`
}

// ImportRejectedV1 says an imported activity was not stored: Reason is
// "duplicate" (DuplicateOf names the activity it repeats) or "invalid".
type ImportRejectedV1 struct {
	ImportID    string `json:"import_id"`
	UserID      string `json:"user_id"`
	Reason      string `json:"reason"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Detail      string `json:"detail,omitempty"`
}

// SessionV1 is the payload of the session events. Outcome, on
// SessionEnded, is "finished" (ActivityID set) or "discarded".
type SessionV1 struct {
	SessionID  string    `json:"session_id"`
	UserID     string    `json:"user_id"`
	Sport      string    `json:"sport"`
	StartedAt  time.Time `json:"started_at"`
	Outcome    string    `json:"outcome,omitempty"`
	ActivityID string    `json:"activity_id,omitempty"`
}
