package domain

import (
	"encoding/base64"
	"fmt"
	"math"
	"regexp"
	"sort"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/sensor"
)

// Batch is a validated live batch: client samples and raw frames, not yet
// merged with what the frames say.
type Batch struct {
	BatchID, SessionID, Sport string
	Samples                   []devicesapi.SampleV1
	Frames                    []Frame
}

// Frame is a validated raw sensor frame.
type Frame struct {
	// Index is the frame's position in the request, for error messages.
	Index    int
	T        int64
	Kind     sensor.Kind
	SensorID string
	Data     []byte
}

// idRe is what client-chosen ids (batch, session, sensor) may look like.
var idRe = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// maxFieldErrors bounds the field errors of one answer: a batch of 3600
// bad samples gets the first ones, not a megabyte of errors.
const maxFieldErrors = 25

// MaxRR is the most RR intervals one sample may carry.
const MaxRR = 20

// channelRange is the plausible range of one sample channel.
type channelRange struct {
	name     string
	min, max float64
	get      func(*devicesapi.SampleV1) *float64
}

// ranges are the plausible values of each channel: wider than any athlete
// reaches, narrow enough to catch unit mistakes (km/h for m/s, a heart
// rate of 0 for "no contact": leave the channel out instead).
var ranges = []channelRange{
	{"lat", -90, 90, func(s *devicesapi.SampleV1) *float64 { return s.Lat }},
	{"lon", -180, 180, func(s *devicesapi.SampleV1) *float64 { return s.Lon }},
	{"alt", -500, 9000, func(s *devicesapi.SampleV1) *float64 { return s.Alt }},
	{"dist", 0, 1_000_000, func(s *devicesapi.SampleV1) *float64 { return s.Dist }},
	{"speed", 0, 100, func(s *devicesapi.SampleV1) *float64 { return s.Speed }},
	{"hr", 20, 250, func(s *devicesapi.SampleV1) *float64 { return s.HR }},
	{"cad", 0, 300, func(s *devicesapi.SampleV1) *float64 { return s.Cadence }},
	{"power", 0, 3000, func(s *devicesapi.SampleV1) *float64 { return s.Power }},
	{"temp", -60, 70, func(s *devicesapi.SampleV1) *float64 { return s.Temp }},
	{"acc", 0, 10000, func(s *devicesapi.SampleV1) *float64 { return s.Acc }},
}

// RR intervals outside this range (seconds) are refused: 20-300 bpm.
const minRR, maxRR = 0.2, 3.0

// ValidateBatch checks a batch against the ingest rules at time now:
// ids, sport, counts, timestamps within [now-7d, now+5min], plausible
// values, positions as lat+lon pairs, no two samples at one instant, frames
// of a known sensor kind with base64 data. It returns a 422 error naming
// every offending field (up to 25).
func ValidateBatch(in devicesapi.IngestRequest, now time.Time, maxSamples int) (Batch, error) {
	var f apperr.Fields
	add := func(field, code, msg string) {
		if len(f) < maxFieldErrors {
			f.Add(field, code, msg)
		}
	}
	if in.BatchID != "" && !idRe.MatchString(in.BatchID) {
		add("batch_id", "invalid", "1-64 of A-Z a-z 0-9 . _ : -")
	}
	if in.SessionID != "" && !idRe.MatchString(in.SessionID) {
		add("session_id", "invalid", "1-64 of A-Z a-z 0-9 . _ : -")
	}
	if in.Sport != "" {
		if _, ok := activity.ParseSport(in.Sport); !ok {
			add("sport", "not_allowed", "not a sport id")
		}
	}
	if maxSamples <= 0 || maxSamples > devicesapi.MaxBatchSamples {
		maxSamples = devicesapi.MaxBatchSamples
	}
	// A batch over the limits is refused before its items are looked at.
	switch {
	case len(in.Samples) == 0 && len(in.Frames) == 0:
		add("samples", "required", "send at least one sample or frame")
		return Batch{}, Unprocessable(f)
	case len(in.Samples) > maxSamples:
		add("samples", "too_many", fmt.Sprintf("at most %d samples per batch", maxSamples))
		return Batch{}, Unprocessable(f)
	case len(in.Frames) > devicesapi.MaxBatchFrames:
		add("frames", "too_many", fmt.Sprintf("at most %d frames per batch", devicesapi.MaxBatchFrames))
		return Batch{}, Unprocessable(f)
	}
	lo, hi := now.Add(-devicesapi.MaxSampleAge).UnixMilli(), now.Add(devicesapi.MaxSampleAhead).UnixMilli()
	checkT := func(field string, t int64) {
		if t < lo || t > hi {
			add(field, "out_of_range", "the time (Unix milliseconds) must lie within the last 7 days and at most 5 minutes ahead")
		}
	}
	seen := make(map[int64]int, len(in.Samples))
	for i := range in.Samples {
		s := &in.Samples[i]
		at := fmt.Sprintf("samples[%d]", i)
		checkT(at+".t", s.T)
		if j, dup := seen[s.T]; dup {
			add(at+".t", "duplicate", fmt.Sprintf("samples[%d] has the same time; send one sample per instant", j))
		}
		seen[s.T] = i
		for _, r := range ranges {
			if v := r.get(s); v != nil && (math.IsNaN(*v) || *v < r.min || *v > r.max) {
				add(at+"."+r.name, "out_of_range", fmt.Sprintf("must be between %g and %g", r.min, r.max))
			}
		}
		if (s.Lat == nil) != (s.Lon == nil) {
			add(at+".lat", "incomplete_position", "send lat and lon together")
		}
		if len(s.RR) > MaxRR {
			add(at+".rr", "too_many", fmt.Sprintf("at most %d intervals", MaxRR))
		}
		for k, rr := range s.RR {
			if rr < minRR || rr > maxRR {
				add(fmt.Sprintf("%s.rr[%d]", at, k), "out_of_range", fmt.Sprintf("seconds between %g and %g", minRR, maxRR))
			}
		}
	}
	b := Batch{BatchID: in.BatchID, SessionID: in.SessionID, Sport: in.Sport, Samples: in.Samples}
	for i, fr := range in.Frames {
		at := fmt.Sprintf("frames[%d]", i)
		checkT(at+".t", fr.T)
		k, err := sensor.ParseKind(fr.Sensor)
		if err != nil {
			add(at+".sensor", "not_allowed", "not a supported sensor kind (see docs/devices.md)")
		}
		if fr.SensorID != "" && !idRe.MatchString(fr.SensorID) {
			add(at+".sensor_id", "invalid", "1-64 of A-Z a-z 0-9 . _ : -")
		}
		data, err := decodeBase64(fr.Data)
		switch {
		case err != nil:
			add(at+".data", "not_base64", "the frame's bytes must be base64")
		case len(data) == 0:
			add(at+".data", "required", "the frame is empty")
		case len(data) > devicesapi.MaxFrameBytes:
			add(at+".data", "too_long", fmt.Sprintf("at most %d bytes", devicesapi.MaxFrameBytes))
		}
		b.Frames = append(b.Frames, Frame{Index: i, T: fr.T, Kind: k, SensorID: fr.SensorID, Data: data})
	}
	if err := Unprocessable(f); err != nil {
		return Batch{}, err
	}
	// Frames are decoded in time order, whatever order they came in.
	sort.SliceStable(b.Frames, func(i, j int) bool { return b.Frames[i].T < b.Frames[j].T })
	return b, nil
}

func decodeBase64(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("not base64")
}

// MergeReading folds what one decoded frame says into the sample at its
// time: channels the client sent win, channels the frame adds fill the
// gaps, RR intervals add up. Values outside the plausible ranges (a strap
// without skin contact reporting 0 bpm) are dropped, not refused: the
// client cannot fix what a sensor sends. Distance and energy are the
// sensor's own running totals, not the activity's, so they stay in the raw
// frame only; so do weight and body composition.
func MergeReading(s *devicesapi.SampleV1, r sensor.Reading) {
	fill := func(dst **float64, v float64, name string) {
		if *dst != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		for _, cr := range ranges {
			if cr.name == name && (v < cr.min || v > cr.max) {
				return
			}
		}
		*dst = &v
	}
	fill(&s.HR, r.HR, "hr")
	fill(&s.Speed, r.Speed, "speed")
	fill(&s.Cadence, r.Cadence, "cad")
	fill(&s.Power, r.Power, "power")
	for _, rr := range r.RR {
		if rr >= minRR && rr <= maxRR && len(s.RR) < MaxRR {
			s.RR = append(s.RR, rr)
		}
	}
}

// HasData reports whether a sample carries any channel.
func HasData(s devicesapi.SampleV1) bool {
	return s.Lat != nil || s.Alt != nil || s.Dist != nil || s.Speed != nil || s.HR != nil || s.Cadence != nil ||
		s.Power != nil || s.Temp != nil || s.Acc != nil || len(s.RR) > 0
}
