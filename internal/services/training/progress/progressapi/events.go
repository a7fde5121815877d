package progressapi

import "time"

// Event types the progress service publishes.
const (
	// EventPersonalRecord: an activity set a new best for a standard
	// effort. Subject: the user.
	EventPersonalRecord = "training.progress.personal_record.v1"
)

// PersonalRecordV1 is a new personal record.
type PersonalRecordV1 struct {
	UserID     string  `json:"user_id"`
	ActivityID string  `json:"activity_id"`
	Family     string  `json:"family"` // "run", "ride", ...
	Effort     string  `json:"effort"` // "5k", ...
	ElapsedS   float64 `json:"elapsed_s"`
	// PreviousS is the record it beat (nil for the first one).
	PreviousS *float64  `json:"previous_s"`
	At        time.Time `json:"at"`
}
