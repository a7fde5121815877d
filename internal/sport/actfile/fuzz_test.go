package actfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Fuzz targets: whatever the bytes, Decode and Expand return (never panic),
// keep within their limits, and what Decode accepts is a consistent
// activity that Encode can write. Seeds: the files in testdata (small ones
// whole, large ones cut) plus testdata/fuzz/<target>.

func addSeeds(f *testing.F, pattern string, maxLen int) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > maxLen {
			b = b[:maxLen]
		}
		f.Add(b)
	}
}

// checkResult holds a decoded activity to the invariants every consumer
// relies on.
func checkResult(t *testing.T, res Result, err error) {
	t.Helper()
	if err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("error %T %v is not an *Error", err, err)
		}
		return
	}
	a := res.Activity
	if a == nil {
		t.Fatal("no activity and no error")
	}
	if len(a.Samples) > MaxSamples {
		t.Fatalf("%d samples", len(a.Samples))
	}
	for i := 1; i < len(a.Samples); i++ {
		if !a.Samples[i].Time.After(a.Samples[i-1].Time) {
			t.Fatalf("sample %d at %v not after %v", i, a.Samples[i].Time, a.Samples[i-1].Time)
		}
	}
	for _, s := range a.Samples {
		if activity.Has(s.Lat) != activity.Has(s.Lon) || s.HasPos() && (s.Lat < -90 || s.Lat > 90 || s.Lon < -180 || s.Lon > 180) {
			t.Fatalf("position %v %v", s.Lat, s.Lon)
		}
	}
	for _, ch := range a.Extra {
		if len(ch.Values) != len(a.Samples) {
			t.Fatalf("channel %s has %d values for %d samples", ch.Key, len(ch.Values), len(a.Samples))
		}
	}
	if len(a.Samples) > 0 && a.Start.After(a.Samples[0].Time) {
		t.Fatalf("start %v after the first sample %v", a.Start, a.Samples[0].Time)
	}
	if _, ok := activity.ParseSport(string(a.Sport)); !ok {
		t.Fatalf("sport %q", a.Sport)
	}
	// Whatever was decoded can be written back (or is refused cleanly).
	if err := Encode(io.Discard, res.Format, a); err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("Encode: %v", err)
		}
	}
	if _, err := a.MarshalBinary(); err != nil {
		t.Fatalf("MarshalBinary: %v", err)
	}
}

func FuzzDecodeFIT(f *testing.F) {
	for _, name := range []string{"activity_truncated.fit", "activity_multisport.fit", "activity_poolswim.fit",
		"WeightScaleSingleUser.fit", "Settings.fit"} {
		f.Add(readTestdata(f, name))
	}
	// The start of the large files: definitions, developer fields, records.
	for _, name := range []string{"Activity.fit", "ActivityDevFields.fit", "activity_lowbattery.fit"} {
		f.Add(readTestdata(f, name)[:3000])
	}
	base := uint32(1_000_000_000)
	f.Add(fitFile(f, fileIDMesg(), recordMesg(base, 100, 5), recordMesg(base+1, 101, 6)))
	f.Add(fitFile(f, fileIDMesg(), csdRecordMesg(base, []byte{1, 2, 3}), csdRecordMesg(base+1, []byte{4, 5, 6})))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Decode("fuzz.fit", data)
		checkResult(t, res, err)
	})
}

func FuzzDecodeGPX(f *testing.F) {
	addSeeds(f, "gpx/*.gpx", 4096)
	f.Add([]byte(`<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00.5+01:00</time><extensions><hr>1</hr><cad>2</cad><power>3</power></extensions></trkpt></trkseg></trk></gpx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Decode("fuzz.gpx", data)
		checkResult(t, res, err)
	})
}

func FuzzDecodeTCX(f *testing.F) {
	addSeeds(f, "tcx/*.tcx", 4096)
	f.Add([]byte(`<TrainingCenterDatabase><Activities><Activity Sport="Biking"><Lap StartTime="2024-01-01T00:00:00Z"><Track><Trackpoint><Time>2024-01-01T00:00:00Z</Time><Cadence>9</Cadence></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Decode("fuzz.tcx", data)
		checkResult(t, res, err)
	})
}

func FuzzExpand(f *testing.F) {
	small := readTestdata(f, "activity_truncated.fit")
	gpxData := readTestdata(f, "gpx/gpx10_speed.gpx")
	f.Add(makeZip(f, member{"a.fit", small}, member{"b.gpx.gz", gz(f, gpxData)}, member{"c.txt", []byte("x")}))
	f.Add(makeZip(f, member{"inner.zip", makeZip(f, member{"a.fit", small})}))
	f.Add(gz(f, small))
	f.Add(small)
	f.Add(readTestdata(f, "garbage.bin"))
	lim := Limits{MaxFiles: 8, MaxFileBytes: 1 << 20, MaxTotalBytes: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		files, skipped, err := Expand("fuzz.zip", data, lim)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if len(files) > lim.MaxFiles {
			t.Fatalf("%d files", len(files))
		}
		var total int64
		for _, fl := range files {
			if int64(len(fl.Data)) > lim.MaxFileBytes {
				t.Fatalf("%s: %d bytes", fl.Name, len(fl.Data))
			}
			total += int64(len(fl.Data))
			if _, ok := sniff(fl.Data); !ok {
				t.Fatalf("%s is not an activity file", fl.Name)
			}
		}
		if total > lim.MaxTotalBytes+int64(len(data)) {
			t.Fatalf("%d bytes in all", total)
		}
		for _, s := range skipped {
			if s.Reason == "" {
				t.Fatalf("%s skipped without a reason", s.Name)
			}
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("Expand took %v", d)
		}
		for _, fl := range files {
			res, err := Decode(fl.Name, fl.Data)
			checkResult(t, res, err)
		}
	})
}

// TestFuzzSeedsDecode keeps the seed files meaningful: each hand-made seed
// decodes.
func TestFuzzSeedsDecode(t *testing.T) {
	base := uint32(1_000_000_000)
	res, err := Decode("x.fit", fitFile(t, fileIDMesg(), recordMesg(base, 100, 5), recordMesg(base+1, 101, 6)))
	if err != nil || len(res.Activity.Samples) != 2 || !bytes.Contains([]byte(res.Warnings[0]), []byte("no session")) {
		t.Errorf("%v %+v", err, res)
	}
}
