package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// Options say what to import and how long to measure.
type Options struct {
	File     string        // the FIT file ("" = the FIT SDK's Activity.fit)
	Duration time.Duration // measured time of each phase and round
	Rounds   int           // baseline/subject alternations, pooled
	// Uploads is how many uploads of the file (each by its own user) the
	// HTTP throughput measurement sends, UploadClients how many at once;
	// Uploads 0 leaves that measurement out.
	Uploads, UploadClients int
}

// DefaultOptions are the full-length settings.
func DefaultOptions() Options {
	return Options{Duration: 3 * time.Second, Rounds: 1, Uploads: 60, UploadClients: 4}
}

// Report is what the benchmark measured, pooled over the rounds.
type Report struct {
	File    string
	Bytes   int
	Records int // record messages in the file
	Samples int // samples actfile.Decode kept

	Bare, BareMessages benchkit.Sample // muktihari/fit alone to typed records: listener, messages + NewActivity
	DecodeOnly         benchkit.Sample // muktihari/fit decoding to a listener that keeps nothing (information)
	Decode, Analyze    benchkit.Sample // the pipeline's stages alone (information)
	Import, Store      benchkit.Sample // devices' import function; tracker's store (claim check read + analysis + store)
	Subject            benchkit.Sample // Import + Store of the same file, per file
	EndToEnd           benchkit.Sample // import called until the import is "imported" (through the bus)

	HTTPFiles   int           // uploads through HTTP that became activities
	HTTPElapsed time.Duration // first upload sent until the last activity existed
	HTTPFailed  int
}

// Baseline is the bare decode time per file: the faster way of using the
// library (median).
func (r Report) Baseline() time.Duration {
	b, m := r.Bare.Percentile(50), r.BareMessages.Percentile(50)
	if m > 0 && (b == 0 || m < b) {
		return m
	}
	return b
}

// Ratio is the subject's median time per file over the baseline's.
func (r Report) Ratio() float64 {
	if b := r.Baseline(); b > 0 {
		return float64(r.Subject.Percentile(50)) / float64(b)
	}
	return 0
}

// Line is the P3 verdict line.
func (r Report) Line() string {
	v := "met"
	if r.Ratio() > 3 || r.HTTPFailed > 0 {
		v = "NOT met"
	}
	http := ""
	if r.HTTPElapsed > 0 {
		http = fmt.Sprintf("; HTTP uploads %.1f files/s", float64(r.HTTPFiles)/r.HTTPElapsed.Seconds())
		if r.HTTPFailed > 0 {
			http += fmt.Sprintf(" (%d failed)", r.HTTPFailed)
		}
	}
	return fmt.Sprintf("fit import: %s per file (parse + analytics + store) = %.2fx bare decode (%s; %s, %d records), end to end %s%s - P3 (<= 3x) %s",
		benchkit.Ms(r.Subject.Percentile(50)), r.Ratio(), benchkit.Ms(r.Baseline()), filepath.Base(r.File), r.Records,
		benchkit.Ms(r.EndToEnd.Percentile(50)), http, v)
}

// Run measures P3, writing progress to w.
func Run(ctx context.Context, o Options, w io.Writer) (Report, error) {
	if o.Duration <= 0 || o.Rounds < 1 || o.Uploads < 0 || (o.Uploads > 0 && o.UploadClients < 1) {
		return Report{}, errors.New("fit import bench: want a positive duration, rounds >= 1, uploads >= 0 and upload clients >= 1")
	}
	if o.File == "" {
		f, err := findFile()
		if err != nil {
			return Report{}, err
		}
		o.File = f
	}
	data, err := os.ReadFile(o.File)
	if err != nil {
		return Report{}, fmt.Errorf("fit import bench: %w", err)
	}
	rep := Report{File: o.File, Bytes: len(data)}
	if rep.Records, err = bareDecode(data); err != nil {
		return Report{}, err
	}
	res, err := actfile.Decode(filepath.Base(o.File), data)
	if err != nil {
		return Report{}, fmt.Errorf("fit import bench: actfile.Decode: %w", err)
	}
	rep.Samples = len(res.Activity.Samples)
	blob, err := res.Activity.MarshalBinary()
	if err != nil {
		return Report{}, fmt.Errorf("fit import bench: marshal: %w", err)
	}

	dir, err := os.MkdirTemp("", "sporthub-bench-fitimport-")
	if err != nil {
		return Report{}, fmt.Errorf("fit import bench: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	iss, err := benchkit.NewIssuer()
	if err != nil {
		return Report{}, err
	}
	defer iss.Close()
	srv, a, err := benchkit.StartPlatform(platformConfig(dir, iss))
	if err != nil {
		return Report{}, err
	}
	defer func() { _ = srv.Stop() }()
	p, err := newPipeline(srv.URL, a, iss)
	if err != nil {
		return Report{}, err
	}
	fmt.Fprintf(w, "%s: %d bytes, %d records, %d samples; platform --target=all on embedded defaults; %s per phase x %d round(s)\n",
		filepath.Base(o.File), len(data), rep.Records, rep.Samples, o.Duration, o.Rounds)

	// Warm up both sides (the first import also warms the databases).
	for range 3 {
		if _, err := bareDecode(data); err != nil {
			return Report{}, err
		}
		if _, err := p.importOnce(ctx, data, blob, filepath.Base(o.File)); err != nil {
			return Report{}, err
		}
	}
	for range o.Rounds {
		b, err := timeEach(o.Duration/2, 5, func() error { _, err := bareDecode(data); return err })
		if err != nil {
			return Report{}, err
		}
		m, err := timeEach(o.Duration/2, 5, func() error { _, err := bareDecodeMessages(data); return err })
		if err != nil {
			return Report{}, err
		}
		raw, err := timeEach(o.Duration/4, 5, func() error { return decodeOnly(data) })
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  bare muktihari/fit decode to typed records: %s per file (listener), %s (messages + NewActivity); decoding alone (messages dropped) %s\n",
			benchkit.Ms(benchkit.Sample(b).Percentile(50)), benchkit.Ms(benchkit.Sample(m).Percentile(50)), benchkit.Ms(benchkit.Sample(raw).Percentile(50)))
		rep.Bare = append(rep.Bare, b...)
		rep.BareMessages = append(rep.BareMessages, m...)
		rep.DecodeOnly = append(rep.DecodeOnly, raw...)

		var act *activity.Activity
		dec, err := timeEach(o.Duration/4, 5, func() error {
			r, err := actfile.Decode(filepath.Base(o.File), data)
			act = r.Activity
			return err
		})
		if err != nil {
			return Report{}, err
		}
		an, err := timeEach(o.Duration/4, 5, func() error { analysis.Analyze(act, analysis.Athlete{}); return nil })
		if err != nil {
			return Report{}, err
		}
		fmt.Fprintf(w, "  stages alone: actfile.Decode %s, analysis.Analyze %s\n",
			benchkit.Ms(benchkit.Sample(dec).Percentile(50)), benchkit.Ms(benchkit.Sample(an).Percentile(50)))
		rep.Decode = append(rep.Decode, dec...)
		rep.Analyze = append(rep.Analyze, an...)

		var imp, st, subj, e2e benchkit.Sample
		end := time.Now().Add(o.Duration)
		for len(subj) < 5 || time.Now().Before(end) {
			t, err := p.importOnce(ctx, data, blob, filepath.Base(o.File))
			if err != nil {
				return Report{}, err
			}
			imp = append(imp, t.imp)
			st = append(st, t.store)
			subj = append(subj, t.imp+t.store)
			e2e = append(e2e, t.e2e)
		}
		fmt.Fprintf(w, "  pipeline: %s per file = devices import %s + tracker store %s (median of %d); end to end through the bus %s\n",
			benchkit.Ms(subj.Percentile(50)), benchkit.Ms(imp.Percentile(50)), benchkit.Ms(st.Percentile(50)), len(subj), benchkit.Ms(e2e.Percentile(50)))
		rep.Import = append(rep.Import, imp...)
		rep.Store = append(rep.Store, st...)
		rep.Subject = append(rep.Subject, subj...)
		rep.EndToEnd = append(rep.EndToEnd, e2e...)
	}
	if o.Uploads > 0 {
		n, failed, elapsed, err := p.uploads(ctx, data, filepath.Base(o.File), o.Uploads, o.UploadClients)
		if err != nil {
			return Report{}, err
		}
		rep.HTTPFiles, rep.HTTPFailed, rep.HTTPElapsed = n, failed, elapsed
		fmt.Fprintf(w, "  HTTP: %d uploads by %d clients became %d activities in %.2fs (%.1f files/s), %d failed\n",
			o.Uploads, o.UploadClients, n, elapsed.Seconds(), float64(n)/elapsed.Seconds(), failed)
	}
	return rep, nil
}

// platformConfig is the embedded-defaults platform (--target=all, SQLite,
// embedded JetStream with fsync always) on a free loopback port, trusting
// iss, without demo data (catalog, athletes), with the rate limiter far above the load.
func platformConfig(dir string, iss *benchkit.Issuer) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	cfg.Catalog.Demo = false
	cfg.Demo.Athletes = false
	return cfg
}
