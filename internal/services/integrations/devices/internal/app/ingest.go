package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

// Ingest paths, for the metrics.
const (
	PathHTTP = "http"
	PathWS   = "ws"
	PathMQTT = "mqtt"
)

// Ingest validates a live batch of the caller, decodes its sensor frames
// into samples, and returns once the batch is durable (the group commit's
// JetStream acknowledgement). Bad input is a 422 naming every offending
// field, and then nothing is stored. An error after validation means the
// batch may or may not be stored: the client sends it again with the same
// batch id, and the tracker merges samples by time.
func (a *App) Ingest(ctx context.Context, c Caller, in devicesapi.IngestRequest, path string) (devicesapi.IngestResult, error) {
	res, err := a.ingestBatch(ctx, c, in)
	switch {
	case err == nil:
		a.metrics.Batches.WithLabelValues(path, "accepted").Inc()
		a.metrics.Samples.WithLabelValues(path).Add(float64(res.AcceptedSamples))
		a.metrics.Frames.WithLabelValues(path).Add(float64(res.AcceptedFrames))
	case isRefusal(err):
		a.metrics.Batches.WithLabelValues(path, "refused").Inc()
	default:
		a.metrics.Batches.WithLabelValues(path, "failed").Inc()
	}
	return res, err
}

// isRefusal tells the caller's mistakes from the server's failures.
func isRefusal(err error) bool {
	switch apperr.KindOf(err) {
	case apperr.Invalid, apperr.Unprocessable, apperr.Unauthorized, apperr.TooLarge:
		return true
	}
	return false
}

func (a *App) ingestBatch(ctx context.Context, c Caller, in devicesapi.IngestRequest) (devicesapi.IngestResult, error) {
	b, err := domain.ValidateBatch(in, a.now(), a.cfg.MaxBatchSamples)
	if err != nil {
		return devicesapi.IngestResult{}, err
	}
	if a.ingest == nil {
		return devicesapi.IngestResult{}, domain.ErrIngestNotRunning
	}
	wheels := map[string]float64{}
	wheel := func(sensorID string) float64 {
		if w, ok := wheels[sensorID]; ok {
			return w
		}
		// A sensor id naming one of the user's paired devices (a speed
		// sensor relayed by the phone) takes that device's settings; else the
		// sending device's.
		w := c.Settings.WheelCircumferenceM
		if sensorID != "" && sensorID != c.DeviceID {
			if d, err := a.repo.Device(ctx, c.UserID, sensorID); err == nil {
				w = d.Settings.WheelCircumferenceM
			}
		}
		wheels[sensorID] = w
		return w
	}
	// Settings are looked up before any stream is locked.
	for _, f := range b.Frames {
		wheel(f.SensorID)
	}
	dec, err := a.frames.decodeFrames(c, b, wheel, a.now())
	if err != nil {
		return devicesapi.IngestResult{}, err
	}
	batchID := b.BatchID
	if batchID == "" {
		batchID = uuid.Must(uuid.NewV7()).String()
	}
	out := devicesapi.BatchV1{BatchID: batchID, UserID: c.UserID, DeviceID: c.DeviceID, SessionID: b.SessionID,
		Sport: b.Sport, Samples: dec.samples, ReceivedAt: a.now()}
	if out.Samples == nil {
		out.Samples = []devicesapi.SampleV1{}
	}
	for _, f := range b.Frames {
		out.Frames = append(out.Frames, devicesapi.FrameV1{T: f.T, Sensor: string(f.Kind), SensorID: f.SensorID, Data: f.Data})
	}
	err = a.ingest.Add(ctx, out)
	dec.settle(err == nil)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return devicesapi.IngestResult{}, apperr.Wrap(err, apperr.Unavailable, "ingest_timeout",
				"the batch was not confirmed durable in time; send it again with the same batch_id")
		}
		return devicesapi.IngestResult{}, err
	}
	return devicesapi.IngestResult{BatchID: batchID, AcceptedSamples: len(out.Samples), AcceptedFrames: len(out.Frames), Durable: true}, nil
}

// DecodeStrict decodes a WebSocket or MQTT message as web.DecodeJSON does
// a body: unknown fields
// and trailing data are refused.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			return apperr.Validation(apperr.FieldError{Field: typeErr.Field, Code: "wrong_type", Message: "wrong type"})
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return apperr.Validation(apperr.FieldError{Field: name, Code: "unknown_field", Message: "this field is not accepted"})
		}
		return apperr.New(apperr.Invalid, "malformed_json", "the message is not valid JSON")
	}
	if dec.More() {
		return apperr.New(apperr.Invalid, "malformed_json", "the message must hold a single JSON value")
	}
	return nil
}
