package devicesapi

import (
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
)

// Device kinds: what a paired device is.
const (
	KindWatch              = "watch"
	KindPhone              = "phone"
	KindBikeComputer       = "bike_computer"
	KindHeartRateStrap     = "heart_rate_strap"
	KindFootPod            = "foot_pod"
	KindSpeedSensor        = "speed_sensor"
	KindCadenceSensor      = "cadence_sensor"
	KindSpeedCadenceSensor = "speed_cadence_sensor"
	KindPowerMeter         = "power_meter"
	KindScale              = "scale"
	KindOther              = "other"
)

// Kinds lists every device kind.
var Kinds = []string{KindWatch, KindPhone, KindBikeComputer, KindHeartRateStrap, KindFootPod, KindSpeedSensor,
	KindCadenceSensor, KindSpeedCadenceSensor, KindPowerMeter, KindScale, KindOther}

// Device is one of the caller's paired devices.
type Device struct {
	ID           string         `json:"id"`
	Kind         string         `json:"kind"`
	Name         string         `json:"name"`
	Manufacturer string         `json:"manufacturer"`
	Model        string         `json:"model"`
	Serial       string         `json:"serial"`
	Firmware     string         `json:"firmware"`
	PairedAt     time.Time      `json:"paired_at"`
	LastSeenAt   *time.Time     `json:"last_seen_at"`
	Settings     DeviceSettings `json:"settings"`
}

// DeviceSettings tune how the device's data is read. A null member takes
// the default.
type DeviceSettings struct {
	// WheelCircumferenceM turns wheel revolutions of speed sensors into
	// distance (default 2.105 m, a 700x25c wheel).
	WheelCircumferenceM *float64 `json:"wheel_circumference_m"`
}

// DeviceList is the body of GET /me.
type DeviceList struct {
	Items []Device `json:"items"`
}

// PairingRequest is the body of POST /me/pairings.
type PairingRequest struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Pairing is a pairing code to type into (or scan with) the device.
type Pairing struct {
	// Code is 8 characters of an alphabet without look-alikes (no 0/O,
	// 1/I/L); it works once, until ExpiresAt.
	Code      string    `json:"code"`
	Kind      string    `json:"kind"`
	Name      string    `json:"name"`
	ExpiresAt time.Time `json:"expires_at"`
}

// DevicePatch is the body of PATCH /me/{id}: an absent member keeps its
// value; settings, when present, replace the device's settings.
type DevicePatch struct {
	Name     *string         `json:"name,omitempty"`
	Settings *DeviceSettings `json:"settings,omitempty"`
}

// PairRequest is the body of POST /pair, sent by the device itself.
type PairRequest struct {
	Code         string `json:"code"`
	Manufacturer string `json:"manufacturer,omitempty"`
	Model        string `json:"model,omitempty"`
	Serial       string `json:"serial,omitempty"`
	Firmware     string `json:"firmware,omitempty"`
}

// PairResult gives the device its token. The token is shown only here; the
// server keeps a hash of it. It works for ingest and imports only, sent as
// the X-Device-Token header (or in the WebSocket's auth message, or in
// each MQTT message), until the device is removed.
type PairResult struct {
	DeviceID string `json:"device_id"`
	Token    string `json:"token"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
}

// Ingest limits: a batch holds at most this many samples and frames, with
// timestamps within MaxSampleAge before and MaxSampleAhead after the
// server's clock.
const (
	MaxBatchSamples = 3600
	MaxBatchFrames  = 1000
	MaxFrameBytes   = 512
	MaxSampleAge    = 7 * 24 * time.Hour
	MaxSampleAhead  = 5 * time.Minute
)

// IngestRequest is one batch of live data: the body of POST /ingest, a
// WebSocket batch message (with type and seq) and an MQTT message (with
// token).
type IngestRequest struct {
	// BatchID is the client's id of the batch (1-64 of A-Z a-z 0-9 . _ : -);
	// a retry sends the same id. The server makes one when absent.
	BatchID string `json:"batch_id,omitempty"`
	// SessionID names the live session; absent: the user's current one.
	SessionID string `json:"session_id,omitempty"`
	// Sport is a sport id (profiles' list) when the client knows it.
	Sport   string     `json:"sport,omitempty"`
	Samples []SampleV1 `json:"samples,omitempty"`
	Frames  []FrameIn  `json:"frames,omitempty"`
}

// FrameIn is one raw sensor frame as the client received it: T in Unix
// milliseconds, Sensor a sensor kind (gatt.heart_rate, ant.bike_power...),
// SensorID the client's id of the sensor (frames of one sensor share the
// decoder state that cumulative counters need), Data the bytes in base64.
type FrameIn struct {
	T        int64  `json:"t"`
	Sensor   string `json:"sensor"`
	SensorID string `json:"sensor_id,omitempty"`
	Data     string `json:"data"`
}

// IngestResult acknowledges a batch. It is sent only once the batch is
// durable (stored by JetStream); Durable is always true.
type IngestResult struct {
	BatchID         string `json:"batch_id"`
	AcceptedSamples int    `json:"accepted_samples"`
	AcceptedFrames  int    `json:"accepted_frames"`
	Durable         bool   `json:"durable"`
}

// WebSocket message types of GET /ingest/ws.
const (
	WSTypeAuth  = "auth"  // client -> server, first message
	WSTypeReady = "ready" // server -> client, after auth
	WSTypeBatch = "batch" // client -> server
	WSTypeAck   = "ack"   // server -> client, once the batch is durable
	WSTypeError = "error" // server -> client, the batch (or auth) was refused
)

// WSAuth is the first message on the ingest WebSocket: one of the two
// tokens.
type WSAuth struct {
	Type        string `json:"type"`
	DeviceToken string `json:"device_token,omitempty"`
	AccessToken string `json:"access_token,omitempty"`
}

// WSBatch is a batch on the ingest WebSocket: the ingest body with the
// client's sequence number, echoed in the answer. Batches may be sent
// without waiting for earlier answers; answers may come out of order.
type WSBatch struct {
	Type string `json:"type"`
	Seq  int64  `json:"seq"`
	IngestRequest
}

// WSMessage is what the server sends on the ingest WebSocket.
type WSMessage struct {
	Type     string `json:"type"`
	Seq      int64  `json:"seq,omitempty"`
	UserID   string `json:"user_id,omitempty"`
	DeviceID string `json:"device_id,omitempty"`
	*IngestResult
	Problem *web.Problem `json:"problem,omitempty"`
}

// MQTTMessage is the payload of <prefix>/devices/<device_id>/samples: the
// ingest body plus the device's token.
type MQTTMessage struct {
	Token string `json:"token"`
	IngestRequest
}

// MQTTAck is published to <prefix>/devices/<device_id>/acks for every
// message: the result once durable, or the problem when refused.
type MQTTAck struct {
	BatchID         string       `json:"batch_id"`
	AcceptedSamples int          `json:"accepted_samples"`
	AcceptedFrames  int          `json:"accepted_frames"`
	Durable         bool         `json:"durable"`
	Problem         *web.Problem `json:"problem,omitempty"`
}

// Import statuses. An upload answers processing, duplicate or failed per
// file; a processing import becomes imported, duplicate or failed once the
// tracker has looked at it, and deleted when its activity is deleted.
const (
	StatusProcessing = "processing"
	StatusImported   = "imported"
	StatusDuplicate  = "duplicate"
	StatusFailed     = "failed"
	StatusDeleted    = "deleted"
)

// ImportResult is the answer to an upload.
type ImportResult struct {
	Items []ImportItem `json:"items"`
	// Skipped are files of an archive that are no activity files (photos,
	// CSV indexes...), with the reason.
	Skipped []SkippedFile `json:"skipped"`
	Summary ImportSummary `json:"summary"`
}

// ImportItem is the fate of one activity file of an upload.
type ImportItem struct {
	// File is the uploaded name, with the path inside an archive.
	File   string `json:"file"`
	Status string `json:"status"`
	// Reason is a stable code when failed (unsupported_format, corrupt_file,
	// no_data, not_an_activity, file_too_large) or duplicate
	// (same_file, same_activity); Detail says more.
	Reason   string   `json:"reason,omitempty"`
	Detail   string   `json:"detail,omitempty"`
	Warnings []string `json:"warnings"`
	Format   string   `json:"format,omitempty"`
	// ImportID is set when the file was accepted (processing).
	ImportID string `json:"import_id,omitempty"`
	// DuplicateOfImport is the earlier import this file repeats;
	// DuplicateOf its activity, once known.
	DuplicateOfImport string `json:"duplicate_of_import,omitempty"`
	DuplicateOf       string `json:"duplicate_of,omitempty"`
}

// SkippedFile is a file of an archive that holds no activity.
type SkippedFile struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// ImportSummary counts an upload's outcomes.
type ImportSummary struct {
	Accepted  int `json:"accepted"`
	Duplicate int `json:"duplicate"`
	Failed    int `json:"failed"`
	Skipped   int `json:"skipped"`
}

// Import is one accepted activity file and what became of it.
type Import struct {
	ID       string `json:"id"`
	FileName string `json:"file_name"`
	Format   string `json:"format"`
	// Status is processing, imported, duplicate, failed or deleted.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	Detail string `json:"detail,omitempty"`
	// ActivityID is the tracker's activity (imported); DuplicateOf the
	// activity it repeats (duplicate).
	ActivityID  string    `json:"activity_id,omitempty"`
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	DeviceID    string    `json:"device_id,omitempty"`
	Warnings    []string  `json:"warnings"`
	Sport       string    `json:"sport"`
	StartedAt   time.Time `json:"started_at"`
	ElapsedS    float64   `json:"elapsed_s"`
	DistanceM   float64   `json:"distance_m"`
	SizeBytes   int64     `json:"size_bytes"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}
