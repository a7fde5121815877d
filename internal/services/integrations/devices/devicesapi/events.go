package devicesapi

import "time"

// Event types the devices service publishes.
const (
	// EventSamplesReceived carries live samples and raw sensor frames of
	// many devices, gathered for a few milliseconds and written as one
	// durable message (group commit). Subject: "ingest".
	EventSamplesReceived = "integrations.devices.samples_received.v1"
	// EventActivityReceived says an imported file became an activity the
	// tracker should store; the activity itself waits in the blob store
	// (claim check), too large for a message. Subject: the import id.
	EventActivityReceived = "integrations.devices.activity_received.v1"
	// EventDevicePaired and EventDeviceRemoved: subject is the device id.
	EventDevicePaired  = "integrations.devices.device_paired.v1"
	EventDeviceRemoved = "integrations.devices.device_removed.v1"
)

// SamplesReceivedV1 is one group commit of live data.
type SamplesReceivedV1 struct {
	Batches []BatchV1 `json:"batches"`
}

// BatchV1 is what one request (or one WebSocket or MQTT message) brought.
type BatchV1 struct {
	// BatchID is the client's id of the batch (or a server id when the
	// client sent none); retries carry the same id.
	BatchID string `json:"batch_id"`
	UserID  string `json:"user_id"`
	// DeviceID is the paired device, "" when the user's own app sent it.
	DeviceID string `json:"device_id,omitempty"`
	// SessionID is the live session the samples belong to; "" means the
	// user's current session (the tracker starts one when there is none).
	SessionID string `json:"session_id,omitempty"`
	// Sport is the sport the client says it records ("" when unknown).
	Sport   string     `json:"sport,omitempty"`
	Samples []SampleV1 `json:"samples"`
	Frames  []FrameV1  `json:"frames,omitempty"`
	// ReceivedAt is when the server received the batch.
	ReceivedAt time.Time `json:"received_at"`
}

// SampleV1 is one live sample; absent channels are null. T is Unix
// milliseconds; a sample is identified by (session, T), so a resent
// sample merges into the stored one instead of adding another.
type SampleV1 struct {
	T       int64    `json:"t"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	Alt     *float64 `json:"alt,omitempty"`
	Dist    *float64 `json:"dist,omitempty"`
	Speed   *float64 `json:"speed,omitempty"`
	HR      *float64 `json:"hr,omitempty"`
	Cadence *float64 `json:"cad,omitempty"`
	Power   *float64 `json:"power,omitempty"`
	Temp    *float64 `json:"temp,omitempty"`
	// Acc is the horizontal accuracy of the position in metres.
	Acc *float64 `json:"acc,omitempty"`
	// RR are the heart-beat intervals in seconds seen with this sample.
	RR []float64 `json:"rr,omitempty"`
}

// FrameV1 is one raw sensor frame as the sensor sent it; the samples
// decoded from it are in the same batch. Sensor is a sensor.Kind.
type FrameV1 struct {
	T        int64  `json:"t"`
	Sensor   string `json:"sensor"`
	SensorID string `json:"sensor_id,omitempty"`
	Data     []byte `json:"data"`
}

// ActivityReceivedV1 hands an imported activity to the tracker.
type ActivityReceivedV1 struct {
	ImportID string `json:"import_id"`
	UserID   string `json:"user_id"`
	DeviceID string `json:"device_id,omitempty"`
	// Format is "fit", "gpx" or "tcx"; FileName is the name uploaded (the
	// path inside a zip included).
	Format   string `json:"format"`
	FileName string `json:"file_name"`
	// BlobKey holds the activity in activity.MarshalBinary form; the
	// devices service keeps it until the tracker confirms (activity
	// completed or import rejected), then deletes it.
	BlobKey string `json:"blob_key"`
	// OriginalKey is the uploaded file as it came, gzip-compressed.
	OriginalKey string    `json:"original_key"`
	Sport       string    `json:"sport"`
	StartedAt   time.Time `json:"started_at"`
	ElapsedS    float64   `json:"elapsed_s"`
	DistanceM   float64   `json:"distance_m"`
}

// DeviceV1 is the payload of the device events.
type DeviceV1 struct {
	DeviceID string `json:"device_id"`
	UserID   string `json:"user_id"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
}
