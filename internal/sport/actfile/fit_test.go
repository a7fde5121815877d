package actfile

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/muktihari/fit/kit/hash/crc16"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFITTruncatedKeepsValidRecords(t *testing.T) {
	data := readTestdata(t, "activity_lowbattery.fit")
	full, err := Decode("a.fit", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, frac := range []float64{0.1, 0.5, 0.9, 0.999} {
		cut := int(float64(len(data)) * frac)
		res, err := Decode("a.fit", data[:cut])
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		got := res.Activity.Samples
		if len(got) == 0 || len(got) > len(full.Activity.Samples) || frac < 0.95 && len(got) == len(full.Activity.Samples) {
			t.Fatalf("cut at %d: %d samples of %d", cut, len(got), len(full.Activity.Samples))
		}
		// What was kept is exactly the start of the full file (the last
		// kept sample may be cut before all its fields merged).
		for i := 0; i < len(got)-1; i++ {
			if !sameSample(got[i], full.Activity.Samples[i]) {
				t.Fatalf("cut at %d: sample %d = %+v, full file has %+v", cut, i, got[i], full.Activity.Samples[i])
			}
		}
		if !hasWarning(res.Warnings, "truncated after record") || !hasWarning(res.Warnings, "unexpected end of file") {
			t.Errorf("cut at %d: warnings %q", cut, res.Warnings)
		}
	}
}

func sameSample(a, b activity.Sample) bool {
	return a.Time.Equal(b.Time) && sameValue(a.Lat, b.Lat, 0) && sameValue(a.Lon, b.Lon, 0) &&
		sameValue(a.Alt, b.Alt, 0) && sameValue(a.Dist, b.Dist, 0) && sameValue(a.Speed, b.Speed, 0) &&
		sameValue(a.HR, b.HR, 0) && sameValue(a.Cadence, b.Cadence, 0) && sameValue(a.Power, b.Power, 0) &&
		sameValue(a.Temp, b.Temp, 0)
}

func TestFITChecksumMismatchKeepsRecords(t *testing.T) {
	data := bytes.Clone(readTestdata(t, "Activity.fit"))
	data[len(data)-1] ^= 0xff
	res, err := Decode("a.fit", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Activity.Samples) != 3601 {
		t.Errorf("%d samples", len(res.Activity.Samples))
	}
	if !hasWarning(res.Warnings, "checksum mismatch") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestFITCorruptMessageInTheMiddle(t *testing.T) {
	data := bytes.Clone(readTestdata(t, "activity_lowbattery.fit"))
	// A record header naming a local message type that was never defined
	// stops the decoder: what came before stays.
	mid := len(data) / 2
	for i := mid; i < mid+40; i++ {
		data[i] = 0x0f // data message, local type 15: undefined here
	}
	res, err := Decode("a.fit", data)
	if err != nil {
		t.Fatal(err)
	}
	n := len(res.Activity.Samples)
	if n == 0 || n >= 3976 {
		t.Errorf("%d samples", n)
	}
	if !hasWarning(res.Warnings, "truncated after record") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestFITHeaderChecksumMismatchReadsOn(t *testing.T) {
	data := bytes.Clone(readTestdata(t, "Activity.fit"))
	if data[0] != 14 {
		t.Fatalf("Activity.fit has a %d-byte header, want 14 (with a checksum)", data[0])
	}
	data[12] ^= 0x55
	res, err := Decode("a.fit", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Activity.Samples) != 3601 || !hasWarning(res.Warnings, "header checksum") {
		t.Errorf("%d samples, warnings %q", len(res.Activity.Samples), res.Warnings)
	}
}

func TestFITBrokenFiles(t *testing.T) {
	act := readTestdata(t, "Activity.fit")
	headerOnly := bytes.Clone(act[:14])
	notFIT := bytes.Clone(act)
	copy(notFIT[8:12], "JUNK")
	garbageBody := append(bytes.Clone(act[:14]), bytes.Repeat([]byte{0xAB}, 500)...)
	for _, c := range []struct {
		name, file string
		data       []byte
		code       string
	}{
		{"empty", "x.fit", nil, CodeCorruptFile},
		{"header only", "x.fit", headerOnly, CodeCorruptFile},
		{"bad signature named .fit", "x.fit", notFIT, CodeCorruptFile},
		{"bad signature unnamed", "x.bin", notFIT, CodeUnsupportedFormat},
		{"garbage body", "x.fit", garbageBody, CodeCorruptFile},
		{"text", "notes.txt", []byte("hello, world"), CodeUnsupportedFormat},
		{"bad gzip", "x.fit.gz", []byte{0x1f, 0x8b, 8, 0, 1, 2, 3}, CodeCorruptFile},
		{"zip", "x.zip", makeZip(t, member{"a.fit", act}), CodeUnsupportedFormat},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Decode(c.file, c.data)
			if code := errCode(err); code != c.code {
				t.Fatalf("Decode = %+v, %v; want %s", res, err, c.code)
			}
			if e := err.(*Error); e.Detail == "" || !strings.HasPrefix(e.Error(), c.code+": ") {
				t.Errorf("error text %q", e.Error())
			}
		})
	}
}

func TestFITNoRecordsIsNoData(t *testing.T) {
	// An activity file that holds only its file_id.
	a := &activity.Activity{Sport: activity.Running, Start: time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC), Totals: activity.NoTotals()}
	var buf bytes.Buffer
	if err := Encode(&buf, FIT, a); err != nil {
		t.Fatal(err)
	}
	// Encode writes a session even without samples: the file is not empty
	// of meaning, but it has no records.
	res, err := Decode("x.fit", buf.Bytes())
	if err != nil {
		t.Fatalf("a session without records: %v", err)
	}
	if len(res.Activity.Samples) != 0 || res.Activity.Sport != activity.Running {
		t.Errorf("%+v", res.Activity)
	}
	// Without even a session: no data.
	only := fitFile(t, fileIDMesg())
	if _, err := Decode("x.fit", only); errCode(err) != CodeNoData {
		t.Errorf("file_id only: %v", err)
	}
}

func TestGzipFIT(t *testing.T) {
	data := readTestdata(t, "activity_poolswim.fit")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	res, err := Decode("12345.fit.gz", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FIT || len(res.Activity.Samples) != 24 {
		t.Errorf("%s %d", res.Format, len(res.Activity.Samples))
	}
}

func TestChainedFIT(t *testing.T) {
	a := readTestdata(t, "activity_truncated.fit")
	chained := append(bytes.Clone(a), a...)
	res, err := Decode("x.fit", chained)
	if err != nil {
		t.Fatal(err)
	}
	// The second copy repeats the same seconds: merged, nothing doubled.
	if len(res.Activity.Samples) != 14 {
		t.Errorf("%d samples", len(res.Activity.Samples))
	}
	// Trailing garbage after a complete file is ignored.
	res, err = Decode("x.fit", append(bytes.Clone(a), "trailing junk"...))
	if err != nil || len(res.Activity.Samples) != 14 {
		t.Errorf("%v %v", err, res.Warnings)
	}
}

func TestFITRecordsWithoutTimeAndBackwards(t *testing.T) {
	base := uint32(1_000_000_000)
	f := fitFile(t,
		fileIDMesg(),
		recordMesg(base, 100, 5),
		recordMesg(math.MaxUint32, 101, 6), // no timestamp (invalid)
		recordMesg(base+1, 102, 7),
		recordMesg(base-10, 103, 8), // earlier than the one before
		recordMesg(base+1, 0xff, 9), // same second: merged (HR invalid)
		recordMesg(base+2, 104, 10),
	)
	res, err := Decode("x.fit", f)
	if err != nil {
		t.Fatal(err)
	}
	ss := res.Activity.Samples
	if len(ss) != 3 {
		t.Fatalf("%d samples: %+v", len(ss), ss)
	}
	if ss[1].HR != 102 || ss[1].Power != 7 || ss[2].HR != 104 {
		t.Errorf("samples %+v", ss)
	}
	if !hasWarning(res.Warnings, "dropped 1 record without time") || !hasWarning(res.Warnings, "dropped 1 record earlier") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if res.Activity.Sport != activity.Other {
		t.Errorf("sport %q", res.Activity.Sport)
	}
}

func TestFITCompressedSpeedDistance(t *testing.T) {
	// speed 5.00 m/s (500), rolling distance 4090/16 then 10/16 (wrapped).
	csd := func(speed, d12 uint16) []byte {
		return []byte{byte(speed), byte(speed>>8&0x0f) | byte(d12<<4), byte(d12 >> 4)}
	}
	base := uint32(1_000_000_000)
	f := fitFile(t, fileIDMesg(), csdRecordMesg(base, csd(500, 4090)), csdRecordMesg(base+1, csd(512, 10)))
	res, err := Decode("x.fit", f)
	if err != nil {
		t.Fatal(err)
	}
	ss := res.Activity.Samples
	if len(ss) != 2 || ss[0].Speed != 5 || ss[1].Speed != 5.12 {
		t.Fatalf("%+v", ss)
	}
	if ss[0].Dist != 4090.0/16 || ss[1].Dist != 4090.0/16+16.0/16 {
		t.Errorf("distances %v %v", ss[0].Dist, ss[1].Dist)
	}
}

// Minimal FIT writer for hand-made files: each message gets its own local
// definition; little-endian.

type fitField struct {
	num, size, baseType byte
	value               []byte
}

type fitMesg struct {
	global uint16
	fields []fitField
}

func fileIDMesg() fitMesg {
	return fitMesg{0, []fitField{{0, 1, 0x00, []byte{4}}}} // type activity
}

func recordMesg(ts uint32, hr byte, power uint16) fitMesg {
	return fitMesg{20, []fitField{
		{253, 4, 0x86, binary.LittleEndian.AppendUint32(nil, ts)},
		{3, 1, 0x02, []byte{hr}},
		{7, 2, 0x84, binary.LittleEndian.AppendUint16(nil, power)},
	}}
}

func csdRecordMesg(ts uint32, csd []byte) fitMesg {
	return fitMesg{20, []fitField{
		{253, 4, 0x86, binary.LittleEndian.AppendUint32(nil, ts)},
		{8, 3, 0x0d, csd},
	}}
}

func fitFile(t testing.TB, mesgs ...fitMesg) []byte {
	t.Helper()
	var body []byte
	for _, m := range mesgs {
		body = append(body, 0x40, 0, 0) // definition, local 0; reserved; little-endian
		body = binary.LittleEndian.AppendUint16(body, m.global)
		body = append(body, byte(len(m.fields)))
		for _, f := range m.fields {
			body = append(body, f.num, f.size, f.baseType)
		}
		body = append(body, 0x00)
		for _, f := range m.fields {
			body = append(body, f.value...)
		}
	}
	hdr := []byte{14, 0x20}
	hdr = binary.LittleEndian.AppendUint16(hdr, 2132)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(body)))
	hdr = append(hdr, ".FIT"...)
	h := crc16.New()
	h.Write(hdr)
	hdr = binary.LittleEndian.AppendUint16(hdr, h.Sum16())
	h.Reset()
	h.Write(body)
	out := append(hdr, body...)
	return binary.LittleEndian.AppendUint16(out, h.Sum16())
}
