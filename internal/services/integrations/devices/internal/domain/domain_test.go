package domain_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/sensor"
)

func f64(v float64) *float64 { return &v }

func TestCodesAndTokens(t *testing.T) {
	seen := map[string]bool{}
	counts := map[rune]int{}
	for range 2000 {
		c := domain.NewCode()
		if !domain.ValidCode(c) || seen[c] {
			t.Fatalf("code %q invalid or repeated", c)
		}
		seen[c] = true
		for _, r := range c {
			counts[r]++
		}
	}
	if len(counts) != len(domain.CodeAlphabet) {
		t.Fatalf("%d of %d characters used", len(counts), len(domain.CodeAlphabet))
	}
	for _, bad := range []string{"0OIL1234", "ABCDEFG", "ABCDEFGHJ", "abcdefgh"} {
		if domain.ValidCode(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := domain.NormalizeCode("abcd-efgh "); got != "ABCDEFGH" {
		t.Fatalf("normalize: %q", got)
	}
	tok := domain.NewToken()
	if !strings.HasPrefix(tok, "shd_") || len(tok) < 40 || domain.Hash(tok) == tok || domain.Hash(tok) != domain.Hash(tok) {
		t.Fatalf("token %q", tok)
	}
}

func TestValidateBatch(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	ms := now.UnixMilli()
	ok := devicesapi.IngestRequest{BatchID: "b-1:x", Sport: "cycling", Samples: []devicesapi.SampleV1{
		{T: ms - 1000, Lat: f64(55.7), Lon: f64(37.6), HR: f64(150), RR: []float64{0.4}},
		{T: ms, Power: f64(0), Speed: f64(0)},
	}, Frames: []devicesapi.FrameIn{
		{T: ms, Sensor: "ant.bike_power", Data: "EAEAAAAAAAA="},
		{T: ms - 2000, Sensor: "gatt.heart_rate", SensorID: "strap", Data: "AEg"},
	}}
	b, err := domain.ValidateBatch(ok, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Frames) != 2 || b.Frames[0].Kind != sensor.GATTHeartRate || b.Frames[0].Index != 1 || string(b.Frames[0].Data) != "\x00\x48" {
		t.Fatalf("frames not in time order with their index: %+v", b.Frames)
	}
	for name, tc := range map[string]struct {
		in     devicesapi.IngestRequest
		max    int
		fields []string
	}{
		"limit of the configuration": {devicesapi.IngestRequest{Samples: make([]devicesapi.SampleV1, 11)}, 10, []string{"samples"}},
		"edges of time": {devicesapi.IngestRequest{Samples: []devicesapi.SampleV1{
			{T: now.Add(-devicesapi.MaxSampleAge).UnixMilli() - 1}, {T: now.Add(devicesapi.MaxSampleAhead).UnixMilli() + 1},
		}}, 0, []string{"samples[0].t", "samples[1].t"}},
		"nan and lonely lon": {devicesapi.IngestRequest{Samples: []devicesapi.SampleV1{{T: ms, Lon: f64(1), Alt: f64(math.NaN())}}}, 0,
			[]string{"samples[0].lat", "samples[0].alt"}},
		"too many rr": {devicesapi.IngestRequest{Samples: []devicesapi.SampleV1{{T: ms, RR: make([]float64, 21)}}}, 0, []string{"samples[0].rr"}},
		"big frame": {devicesapi.IngestRequest{Frames: []devicesapi.FrameIn{{T: ms, Sensor: "gatt.csc", Data: strings.Repeat("A", 700)}}}, 0,
			[]string{"frames[0].data"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := domain.ValidateBatch(tc.in, now, tc.max)
			var ae *apperr.Error
			if !asApp(err, &ae) || ae.Kind != apperr.Unprocessable {
				t.Fatalf("error %v, want 422", err)
			}
			for _, want := range tc.fields {
				found := false
				for _, fe := range ae.Fields {
					found = found || fe.Field == want
				}
				if !found {
					t.Errorf("no error for %s in %+v", want, ae.Fields)
				}
			}
		})
	}
	// A flood of bad samples gets a bounded answer.
	flood := devicesapi.IngestRequest{Samples: make([]devicesapi.SampleV1, 500)}
	_, err = domain.ValidateBatch(flood, now, 0)
	var ae *apperr.Error
	if !asApp(err, &ae) || len(ae.Fields) > 25 {
		t.Fatalf("flood: %v", err)
	}
}

func asApp(err error, target **apperr.Error) bool {
	e, ok := err.(*apperr.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestMergeReading(t *testing.T) {
	s := devicesapi.SampleV1{T: 1, HR: f64(140)}
	r := sensor.NewReading()
	r.HR, r.Power, r.Cadence, r.Speed, r.RR = 150, 250, 400, math.NaN(), []float64{0.5, 9}
	domain.MergeReading(&s, r)
	if *s.HR != 140 || *s.Power != 250 || s.Cadence != nil || s.Speed != nil || len(s.RR) != 1 {
		t.Fatalf("merged %+v", s)
	}
	if !domain.HasData(s) || domain.HasData(devicesapi.SampleV1{T: 1}) {
		t.Fatal("HasData")
	}
}

func TestSameActivity(t *testing.T) {
	start := time.Date(2025, 1, 1, 7, 0, 0, 0, time.UTC)
	prev := domain.Import{StartedAt: start, ElapsedS: 3600}
	for _, tc := range []struct {
		off     time.Duration
		elapsed float64
		same    bool
	}{
		{0, 3600, true}, {59 * time.Second, 3300, true}, {-60 * time.Second, 3960, true},
		{61 * time.Second, 3600, false}, {0, 3000, false}, {0, 4100, false},
	} {
		if got := domain.SameActivity(prev, start.Add(tc.off), tc.elapsed); got != tc.same {
			t.Errorf("offset %s, elapsed %v: %v, want %v", tc.off, tc.elapsed, got, tc.same)
		}
	}
}
