package actfile

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
)

// benchFiles are the FIT files the benchmarks decode.
var benchFiles = []string{"Activity.fit", "activity_lowbattery.fit"}

// BenchmarkDecodeFIT measures Decode on FIT files; compare with
// BenchmarkDecodeFITBare (muktihari/fit decoding the same bytes into its
// message list) for the import budget of quality target P3.
func BenchmarkDecodeFIT(b *testing.B) {
	for _, name := range benchFiles {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeFITBare is the baseline: the bare muktihari/fit decode.
func BenchmarkDecodeFITBare(b *testing.B) {
	for _, name := range benchFiles {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := BareDecodeFIT(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BareDecodeFIT is the reference decode the import benchmark compares with.
func BareDecodeFIT(data []byte) (int, error) {
	fit, err := decoder.New(bytes.NewReader(data)).Decode()
	if err != nil {
		return 0, err
	}
	return len(fit.Messages), nil
}

// BenchmarkDecodeGPX and BenchmarkDecodeTCX decode the same hour exported
// as GPX and TCX.
func BenchmarkDecodeGPX(b *testing.B) { benchXML(b, GPX) }
func BenchmarkDecodeTCX(b *testing.B) { benchXML(b, TCX) }

func benchXML(b *testing.B, f Format) {
	res, err := Decode("Activity.fit", readTestdata(b, "Activity.fit"))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, f, res.Activity); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("x."+string(f), data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeFITSpeed compares Decode with the bare decode of the same file
// (set SPORTHUB_BENCH=1; timing tests do not belong in a loaded CI run).
// The import budget (quality target P3) is 3x the bare decode for parse,
// analytics and store together, so Decode itself must stay close to 1x.
func TestDecodeFITSpeed(t *testing.T) {
	if os.Getenv("SPORTHUB_BENCH") == "" {
		t.Skip("set SPORTHUB_BENCH=1 to compare Decode with the bare decode")
	}
	data := readTestdata(t, "Activity.fit")
	best := func(fn func()) time.Duration {
		var min time.Duration
		for range 5 {
			r := testing.Benchmark(func(b *testing.B) {
				for b.Loop() {
					fn()
				}
			})
			if d := time.Duration(r.NsPerOp()); min == 0 || d < min {
				min = d
			}
		}
		return min
	}
	dec := best(func() { _, _ = Decode("Activity.fit", data) })
	bare := best(func() { _, _ = BareDecodeFIT(data) })
	ratio := float64(dec) / float64(bare)
	t.Logf("Activity.fit: Decode %v, bare decode %v, ratio %.2f", dec, bare, ratio)
	if ratio > 1.5 {
		t.Errorf("Decode is %.2fx the bare decode", ratio)
	}
}
