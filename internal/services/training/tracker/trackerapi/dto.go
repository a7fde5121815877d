package trackerapi

import (
	"encoding/json"
	"time"

	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// Session statuses.
const (
	StatusActive    = "active"
	StatusPaused    = "paused"
	StatusFinished  = "finished"
	StatusDiscarded = "discarded"
)

// Parts of a session or activity that privacy may hide from a viewer
// (Session.Hidden, Activity.Hidden, Streams.Hidden): the route, heart rate,
// and pace (speed, splits, best efforts).
const (
	PartMap       = "map"
	PartHeartRate = "heart_rate"
	PartPace      = "pace"
)

// Activity sources.
const (
	SourceLive   = "live"
	SourceImport = "import"
	SourceDemo   = "demo"
)

// StartSession is the body of POST /sessions.
type StartSession struct {
	Sport    string  `json:"sport"`
	DeviceID *string `json:"device_id,omitempty"`
}

// Point is one live sample as viewers see it: T is Unix milliseconds;
// absent (or hidden) channels are null.
type Point struct {
	T       int64    `json:"t"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	Alt     *float64 `json:"alt"`
	Dist    *float64 `json:"dist"`
	Speed   *float64 `json:"speed"`
	HR      *float64 `json:"hr"`
	Cadence *float64 `json:"cad"`
	Power   *float64 `json:"power"`
	Temp    *float64 `json:"temp"`
}

// Totals are a live session's running totals. DistanceM and MovingS are
// null when privacy hides pace from the viewer.
type Totals struct {
	ElapsedS  float64  `json:"elapsed_s"`
	MovingS   *float64 `json:"moving_s"`
	DistanceM *float64 `json:"distance_m"`
}

// Session is a live session as its owner or a viewer sees it.
type Session struct {
	ID       string  `json:"id"`
	UserID   string  `json:"user_id"`
	Sport    string  `json:"sport"`
	DeviceID *string `json:"device_id"`
	// Status is active, paused (by the athlete), finished or discarded.
	Status string `json:"status"`
	// AutoPaused says the athlete has stopped moving (auto-pause).
	AutoPaused bool       `json:"auto_paused"`
	StartedAt  time.Time  `json:"started_at"`
	EndedAt    *time.Time `json:"ended_at"`
	Totals     Totals     `json:"totals"`
	// LastPoint is the latest sample; positions inside the owner's privacy
	// zones are never shown to anyone but the owner.
	LastPoint  *Point  `json:"last_point"`
	ActivityID *string `json:"activity_id"`
	// Hidden names what privacy hides from this viewer (map, heart_rate, pace).
	Hidden []string `json:"hidden"`
}

// FinishResult is the answer of POST /sessions/{id}/finish.
type FinishResult struct {
	Session    Session `json:"session"`
	ActivityID string  `json:"activity_id"`
}

// Ticket is a single-use credential for GET /sessions/{id}/live.
type Ticket struct {
	Ticket    string `json:"ticket"`
	ExpiresIn int    `json:"expires_in"` // seconds
}

// ShareInput is the body of POST /sessions/{id}/shares.
type ShareInput struct {
	ExpiresInS *int `json:"expires_in_s"`
}

// Share is a share link of a live session. Token and URL are only in the
// answer that created it (the server keeps a hash).
type Share struct {
	ID        string    `json:"id"`
	SessionID string    `json:"session_id"`
	Token     string    `json:"token,omitempty"`
	URL       string    `json:"url,omitempty"`
	Purpose   string    `json:"purpose"` // link or safety
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Expired   bool      `json:"expired"`
}

// ShareList is the answer of GET /sessions/{id}/shares.
type ShareList struct {
	Items []Share `json:"items"`
}

// Safety are a user's safety settings.
type Safety struct {
	// Enabled turns on the stopped-moving alert; SOS works whenever there
	// are contacts.
	Enabled bool `json:"enabled"`
	// Contacts are the user ids notified (at most 5).
	Contacts        []string `json:"contacts"`
	StopAlertAfterS int      `json:"stop_alert_after_s"`
}

// SafetyInput is the body of PUT /me/safety; an absent field keeps its value.
type SafetyInput struct {
	Enabled         *bool    `json:"enabled"`
	Contacts        []string `json:"contacts"`
	StopAlertAfterS *int     `json:"stop_alert_after_s"`
}

// Live message types.
const (
	LiveState  = "state"
	LivePoints = "points"
	LiveEnded  = "ended"
)

// LiveMessage is what the live WebSockets send: {type:"state", session}
// on subscribe and whenever the session's status changes, {type:"points",
// points, totals, auto_paused} as samples arrive, {type:"ended", status}
// when the session ends (the server then closes the connection).
type LiveMessage struct {
	Type       string   `json:"type"`
	Session    *Session `json:"session,omitempty"`
	Points     []Point  `json:"points,omitempty"`
	Totals     *Totals  `json:"totals,omitempty"`
	AutoPaused *bool    `json:"auto_paused,omitempty"`
	Status     string   `json:"status,omitempty"`
}

// ActivitySummary is an activity in a list.
type ActivitySummary struct {
	ID         string    `json:"id"`
	UserID     string    `json:"user_id"`
	Sport      string    `json:"sport"`
	Name       string    `json:"name"`
	Visibility string    `json:"visibility"`
	Source     string    `json:"source"`
	StartedAt  time.Time `json:"started_at"`
	TimeZone   string    `json:"time_zone"`
	DistanceM  float64   `json:"distance_m"`
	ElapsedS   float64   `json:"elapsed_s"`
	MovingS    float64   `json:"moving_s"`
	ElevGainM  float64   `json:"elev_gain_m"`
	// AvgSpeed is null when pace is hidden from the viewer.
	AvgSpeed *float64 `json:"avg_speed"`
	HasRoute bool     `json:"has_route"`
	// Polyline is the simplified route (Google encoded, 1e5), with the
	// owner's privacy zones cut out for everyone else; null when the map
	// is hidden from the viewer or there is no route.
	Polyline    *string   `json:"polyline"`
	StartLatLng []float64 `json:"start_latlng"`
	EndLatLng   []float64 `json:"end_latlng"`
	Hidden      []string  `json:"hidden"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Activity is one activity with its analysis, filtered by the viewer's
// rights: heart-rate values are null when heart rate is hidden, speed,
// pace, splits, laps and best efforts when pace is hidden.
type Activity struct {
	ActivitySummary
	Description string          `json:"description"`
	GearID      *string         `json:"gear_id"`
	DeviceID    *string         `json:"device_id"`
	ImportID    *string         `json:"import_id"`
	Analysis    analysis.Result `json:"analysis"`
}

// ActivityPage is one page of activities, newest first.
type ActivityPage struct {
	Items      []ActivitySummary `json:"items"`
	NextCursor *string           `json:"next_cursor"`
}

// ActivityPatch is the body of PATCH /activities/{id}: an absent field
// keeps its value; description and gear_id take null to clear.
type ActivityPatch struct {
	Name        *string  `json:"name,omitempty"`
	Description Nullable `json:"description,omitzero"`
	Sport       *string  `json:"sport,omitempty"`
	Visibility  *string  `json:"visibility,omitempty"`
	GearID      Nullable `json:"gear_id,omitzero"`
}

// Streams are an activity's samples in columns: T holds seconds from the
// start; every other column is aligned with T, null where the sample has
// no value, and the whole column null when the activity has no such data
// or privacy hides it (Hidden names what is hidden).
type Streams struct {
	T       []float64  `json:"t"`
	Lat     []*float64 `json:"lat"`
	Lon     []*float64 `json:"lon"`
	Alt     []*float64 `json:"alt"`
	Dist    []*float64 `json:"dist"`
	Speed   []*float64 `json:"speed"`
	HR      []*float64 `json:"hr"`
	Cadence []*float64 `json:"cad"`
	Power   []*float64 `json:"power"`
	Temp    []*float64 `json:"temp"`
	Hidden  []string   `json:"hidden"`
}

// Volume is how much was done in a period.
type Volume struct {
	Count     int     `json:"count"`
	DistanceM float64 `json:"distance_m"`
	MovingS   float64 `json:"moving_s"`
}

// Glance is the compact answer for watch faces and widgets.
type Glance struct {
	Today      Volume `json:"today"`
	Week       Volume `json:"week"`
	StreakDays int    `json:"streak_days"`
	// Live is the caller's active or paused session, or null.
	Live *Session `json:"live"`
	// NextWorkout is the next planned workout; null until the planner exists.
	NextWorkout *json.RawMessage `json:"next_workout"`
}

// Nullable is a JSON string member that tells "absent" (Set false) from
// "null" (Set true, Value nil).
type Nullable struct {
	Set   bool
	Value *string
}

// UnmarshalJSON implements json.Unmarshaler; it runs only when the member
// is present.
func (n *Nullable) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		n.Value = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	n.Value = &s
	return nil
}

// MarshalJSON implements json.Marshaler (null when unset or null).
func (n Nullable) MarshalJSON() ([]byte, error) { return json.Marshal(n.Value) }

// IsZero reports an absent member, so omitzero leaves it out.
func (n Nullable) IsZero() bool { return !n.Set }

// SOSResult is the answer of POST /sessions/{id}/sos.
type SOSResult struct {
	// Notified is how many safety contacts were asked to help.
	Notified int `json:"notified"`
	// Share is the link the contacts received (valid for a day by default).
	Share Share `json:"share"`
}
