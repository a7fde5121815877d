package activity

import (
	"bytes"
	"compress/flate"
	"math"
	"testing"
	"time"
)

func deflate(p []byte) []byte {
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zw.Write(p)
	zw.Close()
	return buf.Bytes()
}

// fuzzSeeds are small activities covering every column kind.
func fuzzSeeds() []*Activity {
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	small := &Activity{Sport: Running, Name: "seed", Start: start, Totals: NoTotals()}
	for i := range 20 {
		s := NewSample(start.Add(time.Duration(i) * time.Second))
		s.Lat, s.Lon, s.HR = 55+float64(i)*1e-5, 37, float64(100+i)
		if i%3 == 0 {
			s.Power = float64(i * 10)
		}
		small.Samples = append(small.Samples, s)
	}
	small.Extra = []Channel{{Key: "dev.0.0", Name: "a", Values: []float64{1.5, math.NaN(), 2.25}},
		{Key: "dev.0.1", Name: "b", Values: []float64{math.Pi}}, {Key: "dev.0.2", Name: "c", Values: []float64{0.1}}}
	small.Laps = []Lap{{Start: start, ElapsedS: 19, TimerS: 19, DistanceM: 20, Trigger: "manual"}}
	ride := hourRide()
	ride.Samples = ride.Samples[:120]
	for i := range ride.Extra {
		ride.Extra[i].Values = ride.Extra[i].Values[:120]
	}
	return []*Activity{{}, small, ride}
}

// FuzzUnmarshalBinary: whatever the bytes, UnmarshalBinary returns (never
// panics, never allocates beyond what the input can describe), and what it
// accepts encodes and decodes again to the same activity. The raw payload
// reader is fuzzed directly too, since random bytes rarely get past the
// checksum.
func FuzzUnmarshalBinary(f *testing.F) {
	for _, a := range fuzzSeeds() {
		b, err := a.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(a.payload()) // for the direct payload reader
	}
	f.Add([]byte("SHAC\x01"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var a Activity
		if err := a.UnmarshalBinary(b); err == nil {
			again, err := a.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var b2 Activity
			if err := b2.UnmarshalBinary(again); err != nil {
				t.Fatalf("re-encoded activity does not decode: %v", err)
			}
			checkEqual(t, &b2, &a)
		}
		if p, err := decodePayload(b); err == nil {
			again, err := p.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var p2 Activity
			if err := p2.UnmarshalBinary(again); err != nil {
				t.Fatalf("re-encoded payload does not decode: %v", err)
			}
		}
	})
}
