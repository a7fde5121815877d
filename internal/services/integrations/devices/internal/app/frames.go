package app

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/sensor"
)

// Frame decoding keeps, per sensor of a device, the last frame of the last
// durable batch. A batch is decoded on a fresh sensor.Decoder primed with
// that frame, so cumulative counters (wheel and crank revolutions, ANT+
// accumulated power) continue across batches; the new last frame is kept
// only once the batch is durable, so a batch that failed and is sent
// again decodes to the same samples. A device's batches for one sensor are
// decoded one at a time (the stream is locked until the batch is settled).
// The state lives in this process's memory: after a restart, or when a
// device's batches reach another replica, the first frame of a sensor
// yields only what it says by itself (heart rate, instantaneous power).

type streamKey struct {
	user, device, sensorID string
	kind                   sensor.Kind
}

func (k streamKey) less(o streamKey) bool {
	return fmt.Sprint(k.user, "\x00", k.device, "\x00", k.sensorID, "\x00", k.kind) <
		fmt.Sprint(o.user, "\x00", o.device, "\x00", o.sensorID, "\x00", o.kind)
}

type stream struct {
	mu    sync.Mutex
	prev  []byte
	prevT int64
	wheel float64
	used  time.Time
}

type frameState struct {
	mu        sync.Mutex
	streams   map[streamKey]*stream
	lastSweep time.Time
}

// streamIdle is how long an unused sensor's state is kept.
const streamIdle = time.Hour

func newFrameState() *frameState { return &frameState{streams: map[streamKey]*stream{}} }

func (fs *frameState) get(k streamKey, now time.Time) *stream {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if now.Sub(fs.lastSweep) > time.Minute {
		fs.lastSweep = now
		for key, s := range fs.streams {
			if s.mu.TryLock() {
				if now.Sub(s.used) > streamIdle {
					delete(fs.streams, key)
				}
				s.mu.Unlock()
			}
		}
	}
	s, ok := fs.streams[k]
	if !ok {
		s = &stream{}
		fs.streams[k] = s
	}
	return s
}

// forget drops the state of a user's device ("" device: every device of
// the user).
func (fs *frameState) forget(user, device string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for k := range fs.streams {
		if k.user == user && (device == "" || k.device == device) {
			delete(fs.streams, k)
		}
	}
}

// decoded is the outcome of decoding a batch's frames: samples merged with
// the client's, and settle, which must be called once the batch is durable
// (true) or not (false).
type decoded struct {
	samples []devicesapi.SampleV1
	settle  func(durable bool)
}

// decodeFrames decodes b's frames and merges their readings into its
// samples by time. wheel returns the wheel circumference for a sensor id
// (0: default). A frame that does not decode is a 422 naming it.
func (fs *frameState) decodeFrames(c Caller, b domain.Batch, wheel func(sensorID string) float64, now time.Time) (decoded, error) {
	if len(b.Frames) == 0 {
		return decoded{samples: b.Samples, settle: func(bool) {}}, nil
	}
	byKey := map[streamKey][]int{}
	for i, f := range b.Frames {
		k := streamKey{user: c.UserID, device: c.DeviceID, sensorID: f.SensorID, kind: f.Kind}
		byKey[k] = append(byKey[k], i)
	}
	keys := make([]streamKey, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	// Locks are taken in one order, so two batches never deadlock.
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	locked := make([]*stream, 0, len(keys))
	unlock := func() {
		for _, s := range locked {
			s.mu.Unlock()
		}
	}
	for _, k := range keys {
		s := fs.get(k, now)
		s.mu.Lock()
		locked = append(locked, s)
	}
	type last struct {
		s    *stream
		data []byte
		t    int64
		w    float64
	}
	var lasts []last
	readings := make([]sensor.Reading, len(b.Frames))
	var f apperr.Fields
	for n, k := range keys {
		s := locked[n]
		w := wheel(k.sensorID)
		dec := sensor.NewDecoder(k.kind, sensor.Options{WheelCircumferenceM: w})
		idx := byKey[k]
		// Prime with the last durable frame, unless this batch goes back in
		// time (a resend of one already taken) or the wheel changed.
		if s.prev != nil && b.Frames[idx[0]].T > s.prevT && s.wheel == w {
			_, _ = dec.Decode(s.prev)
		}
		for _, i := range idx {
			r, err := dec.Decode(b.Frames[i].Data)
			if err != nil {
				detail := err.Error()
				var fe *sensor.FrameError
				if errors.As(err, &fe) {
					detail = fe.Detail
				}
				if len(f) < 25 {
					f.Add(fmt.Sprintf("frames[%d].data", b.Frames[i].Index), "undecodable", "not a valid "+string(k.kind)+" frame: "+detail)
				}
				continue
			}
			readings[i] = r
		}
		lastFrame := b.Frames[idx[len(idx)-1]]
		lasts = append(lasts, last{s: s, data: lastFrame.Data, t: lastFrame.T, w: w})
	}
	if err := domain.Unprocessable(f); err != nil {
		unlock()
		return decoded{}, err
	}
	samples := slices.Clone(b.Samples)
	at := make(map[int64]int, len(samples))
	fromClient := make(map[int64]bool, len(samples))
	for i, s := range samples {
		at[s.T] = i
		fromClient[s.T] = true
	}
	for i, fr := range b.Frames {
		j, ok := at[fr.T]
		if !ok {
			samples = append(samples, devicesapi.SampleV1{T: fr.T})
			j = len(samples) - 1
			at[fr.T] = j
		}
		domain.MergeReading(&samples[j], readings[i])
	}
	// Frames whose readings added nothing (a first CSC frame, a scale)
	// leave no empty sample behind.
	samples = slices.DeleteFunc(samples, func(s devicesapi.SampleV1) bool { return !domain.HasData(s) && !fromClient[s.T] })
	sort.Slice(samples, func(i, j int) bool { return samples[i].T < samples[j].T })
	return decoded{samples: samples, settle: func(durable bool) {
		if durable {
			for _, l := range lasts {
				l.s.prev, l.s.prevT, l.s.wheel, l.s.used = l.data, l.t, l.w, now
			}
		}
		unlock()
	}}, nil
}
