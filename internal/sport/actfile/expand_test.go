package actfile

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"sort"
	"strings"
	"testing"
)

type member struct {
	name string
	data []byte
}

func makeZip(t testing.TB, ms ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range ms {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func names(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

func reasons(ss []Skipped) map[string]string {
	out := map[string]string{}
	for _, s := range ss {
		out[s.Name] = s.Reason
	}
	return out
}

func TestExpandStravaExport(t *testing.T) {
	fit := readTestdata(t, "activity_poolswim.fit")
	gpxData := readTestdata(t, "gpx/strava_ride_power.gpx")
	tcxData := readTestdata(t, "tcx/garmin_run.tcx")
	z := makeZip(t,
		member{"export_123/activities.csv", []byte("Activity ID,Activity Date,Activity Name\n1,2024,Run\n")},
		member{"export_123/activities/", nil},
		member{"export_123/activities/1001.fit.gz", gz(t, fit)},
		member{"export_123/activities/1002.gpx", gpxData},
		member{"export_123/activities/1003.tcx.gz", gz(t, tcxData)},
		member{"export_123/media/photo.jpg", []byte("\xff\xd8\xff\xe0 jpeg")},
		member{"export_123/profile.json", []byte(`{"id": 1}`)},
		member{"__MACOSX/export_123/activities/._1002.gpx", []byte("resource fork")},
	)
	files, skipped, err := Expand("export_123.zip", z, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"export_123/activities/1001.fit", "export_123/activities/1002.gpx", "export_123/activities/1003.tcx"}
	if got := names(files); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("files %v, want %v", got, want)
	}
	for _, f := range files {
		res, err := Decode(f.Name, f.Data)
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		if len(res.Activity.Samples) == 0 {
			t.Errorf("%s: no samples", f.Name)
		}
	}
	r := reasons(skipped)
	for _, n := range []string{"export_123/activities.csv", "export_123/media/photo.jpg", "export_123/profile.json"} {
		if r[n] != "not a FIT, GPX or TCX file" {
			t.Errorf("%s skipped for %q", n, r[n])
		}
	}
	if len(skipped) != 3 {
		t.Errorf("skipped %v (directories and macOS litter are not worth a reason)", skipped)
	}
}

func TestExpandGarminExport(t *testing.T) {
	// Garmin's export nests zips of uploaded FIT files in the export zip.
	inner := makeZip(t,
		member{"9001_ACTIVITY.fit", readTestdata(t, "activity_lowbattery.fit")},
		member{"9002_ACTIVITY.fit", readTestdata(t, "activity_multisport.fit")},
		member{"9003_WEIGHT.fit", readTestdata(t, "WeightScaleSingleUser.fit")},
	)
	outer := makeZip(t,
		member{"DI_CONNECT/DI-Connect-Fitness/user_summarizedActivities.json", []byte(`[{}]`)},
		member{"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner},
		member{"DI_CONNECT/DI-Connect-Wellness/sleep", []byte("no extension, not an activity")},
	)
	files, skipped, err := Expand("garmin.zip", outer, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	prefix := "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/"
	want := []string{prefix + "9001_ACTIVITY.fit", prefix + "9002_ACTIVITY.fit", prefix + "9003_WEIGHT.fit"}
	if got := names(files); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("files %v", got)
	}
	// The weight file is a FIT file: Expand keeps it, Decode refuses it.
	if _, err := Decode(files[2].Name, files[2].Data); errCode(err) != CodeNotAnActivity {
		t.Errorf("weight file: %v", err)
	}
	if len(skipped) != 2 {
		t.Errorf("skipped %v", skipped)
	}
}

func TestExpandSingleFiles(t *testing.T) {
	fit := readTestdata(t, "Activity.fit")
	files, skipped, err := Expand("a.fit", fit, Limits{})
	if err != nil || len(files) != 1 || files[0].Name != "a.fit" || len(skipped) != 0 {
		t.Errorf("plain: %v %v %v", names(files), skipped, err)
	}
	files, _, err = Expand("a.FIT.GZ", gz(t, fit), Limits{})
	if err != nil || len(files) != 1 || files[0].Name != "a.FIT" || !bytes.Equal(files[0].Data, fit) {
		t.Errorf("gzip: %v %v", names(files), err)
	}
	files, skipped, err = Expand("notes.txt", []byte("hello"), Limits{})
	if err != nil || len(files) != 0 || len(skipped) != 1 || skipped[0].Name != "notes.txt" {
		t.Errorf("text: %v %v %v", names(files), skipped, err)
	}
	// A zip that is not one: corrupt.
	if _, _, err := Expand("x.zip", readTestdata(t, "garbage.bin"), Limits{}); errCode(err) != CodeCorruptFile {
		t.Errorf("garbage zip: %v", err)
	}
	z := makeZip(t, member{"a.gpx", readTestdata(t, "gpx/gpx10_speed.gpx")})
	if _, _, err := Expand("x.zip", z[:len(z)/2], Limits{}); errCode(err) != CodeCorruptFile {
		t.Errorf("truncated zip: %v", err)
	}
	if _, _, err := Expand("x.gz", []byte{0x1f, 0x8b, 1, 2, 3}, Limits{}); errCode(err) != CodeCorruptFile {
		t.Errorf("bad gzip: %v", err)
	}
}

func TestExpandLimits(t *testing.T) {
	fit := readTestdata(t, "activity_poolswim.fit") // 3 KB
	var ms []member
	for i := range 5 {
		ms = append(ms, member{name: "a" + string(rune('0'+i)) + ".fit", data: fit})
	}
	z := makeZip(t, ms...)

	files, skipped, err := Expand("x.zip", z, Limits{MaxFiles: 3})
	if err != nil || len(files) != 3 || len(skipped) != 2 {
		t.Fatalf("MaxFiles: %d files, %v, %v", len(files), skipped, err)
	}
	if !strings.Contains(skipped[0].Reason, "more than 3 activity files") || !strings.Contains(skipped[1].Reason, "limit") {
		t.Errorf("MaxFiles reasons %v", skipped)
	}

	files, skipped, _ = Expand("x.zip", z, Limits{MaxFileBytes: 1000})
	if len(files) != 0 || len(skipped) != 5 || !strings.Contains(skipped[0].Reason, "larger than 1000 bytes") {
		t.Errorf("MaxFileBytes: %d files, %v", len(files), skipped)
	}

	files, skipped, _ = Expand("x.zip", z, Limits{MaxTotalBytes: int64(2*len(fit) + 10)})
	if len(files) != 2 || len(skipped) != 3 {
		t.Errorf("MaxTotalBytes: %d files, %v", len(files), skipped)
	}
}

func TestExpandZipBomb(t *testing.T) {
	// 8 MB of zeros deflate to about 8 KB; declared honestly it is
	// refused by size, and a lying header does not get it through either.
	zeros := make([]byte, 8<<20)
	honest := makeZip(t, member{"bomb.fit", zeros})
	_, skipped, err := Expand("bomb.zip", honest, Limits{MaxFileBytes: 1 << 20})
	if err != nil || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "larger than") {
		t.Errorf("honest bomb: %v %v", skipped, err)
	}
	lying := lyingZip(t, "bomb.fit", zeros, 100)
	files, skipped, err := Expand("bomb.zip", lying, Limits{MaxFileBytes: 1 << 20})
	if err != nil || len(files) != 0 || len(skipped) != 1 {
		t.Errorf("lying bomb: %d files %v %v", len(files), skipped, err)
	}

	// A gzip bomb inside a zip.
	gzBomb := gz(t, zeros)
	z := makeZip(t, member{"bomb.fit.gz", gzBomb})
	files, skipped, err = Expand("x.zip", z, Limits{MaxFileBytes: 1 << 20})
	if err != nil || len(files) != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "larger than") {
		t.Errorf("gzip bomb: %d files %v %v", len(files), skipped, err)
	}
	// And as the upload itself.
	_, skipped, err = Expand("x.fit.gz", gzBomb, Limits{MaxFileBytes: 1 << 20})
	if err != nil || len(skipped) != 1 {
		t.Errorf("gzip upload bomb: %v %v", skipped, err)
	}
}

func TestExpandNestingDepth(t *testing.T) {
	data := makeZip(t, member{"deep.gpx", readTestdata(t, "gpx/gpx10_speed.gpx")})
	for i := range 6 {
		data = makeZip(t, member{"level" + string(rune('0'+i)) + ".zip", data})
	}
	files, skipped, err := Expand("deep.zip", data, Limits{})
	if err != nil || len(files) != 0 || len(skipped) != 1 || skipped[0].Reason != "archive nested too deep" {
		t.Errorf("%v %v %v", names(files), skipped, err)
	}
	// Three levels are fine.
	data = makeZip(t, member{"deep.gpx", readTestdata(t, "gpx/gpx10_speed.gpx")})
	for range 2 {
		data = makeZip(t, member{"inner.zip", data})
	}
	files, _, err = Expand("ok.zip", data, Limits{})
	if err != nil || len(files) != 1 || files[0].Name != "inner.zip/inner.zip/deep.gpx" {
		t.Errorf("%v %v", names(files), err)
	}
}

// lyingZip stores data deflated under a header that declares size bytes.
func lyingZip(t testing.TB, name string, data []byte, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// Deflate by hand, then write raw with the lying sizes.
	var deflated bytes.Buffer
	{
		tmp := zip.NewWriter(&deflated)
		w, _ := tmp.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		w.Write(data)
		tmp.Close()
		r, err := zip.NewReader(bytes.NewReader(deflated.Bytes()), int64(deflated.Len()))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := r.File[0].OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		var rawBuf bytes.Buffer
		rawBuf.ReadFrom(raw)
		w2, err := zw.CreateRaw(&zip.FileHeader{
			Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(rawBuf.Len()), UncompressedSize64: size,
		})
		if err != nil {
			t.Fatal(err)
		}
		w2.Write(rawBuf.Bytes())
	}
	zw.Close()
	return buf.Bytes()
}
