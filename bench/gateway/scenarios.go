package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
)

// runInProcess measures the catalog's bare handler on a plain net/http
// server against the whole platform (--target=all: gateway with JWT check,
// rate limit, metrics, tracing and access log in front of the same handler).
func runInProcess(ctx context.Context, o Options, w io.Writer, dir string, iss *benchkit.Issuer, header func(int) http.Header) (Comparison, error) {
	bare, err := startBareCatalog(filepath.Join(dir, "bare"))
	if err != nil {
		return Comparison{}, err
	}
	defer func() { _ = bare.Stop() }()
	platform, err := startPlatform(platformConfig(filepath.Join(dir, "all"), iss, "all"))
	if err != nil {
		return Comparison{}, err
	}
	defer func() { _ = platform.Stop() }()
	fmt.Fprintf(w, "in-process: GET %s, %d clients, %s per measurement x %d round(s)\n", o.Path, o.Clients, o.Duration, o.Rounds)
	c, err := compare(ctx, o, w, bare.URL, "bare handler", platform.URL, "platform --target=all", header, o.Profile)
	if err != nil {
		return Comparison{}, err
	}
	return c, errors.Join(bare.Stop(), platform.Stop())
}

// runRemote measures a bare tuned httputil.ReverseProxy against a gateway
// process (--target=gateway), both in front of the same catalog process.
func runRemote(ctx context.Context, o Options, w io.Writer, dir string, iss *benchkit.Issuer, header func(int) http.Header) (Comparison, error) {
	cat, err := startPlatform(platformConfig(filepath.Join(dir, "catalog"), iss, "catalog"))
	if err != nil {
		return Comparison{}, err
	}
	defer func() { _ = cat.Stop() }()
	gwCfg := platformConfig(filepath.Join(dir, "gateway"), iss, "gateway")
	gwCfg.Gateway.Upstreams = map[string][]string{"catalog": {cat.URL}}
	gw, err := startPlatform(gwCfg)
	if err != nil {
		return Comparison{}, err
	}
	defer func() { _ = gw.Stop() }()
	proxy, err := startBareProxy(cat.URL)
	if err != nil {
		return Comparison{}, err
	}
	defer func() { _ = proxy.Stop() }()
	fmt.Fprintf(w, "remote upstream: GET %s via a proxy to a catalog process, %d clients, %s per measurement x %d round(s)\n",
		o.Path, o.Clients, o.Duration, o.Rounds)
	c, err := compare(ctx, o, w, proxy.URL, "bare reverse proxy", gw.URL, "gateway process", header, nil)
	if err != nil {
		return Comparison{}, err
	}
	return c, errors.Join(proxy.Stop(), gw.Stop(), cat.Stop())
}

// compare loads the baseline and the subject in turn, o.Rounds times, with
// the same load generator, and pools each side's results.
func compare(ctx context.Context, o Options, w io.Writer, baseURL, baseName, subjURL, subjName string,
	header func(int) http.Header, profile func() func()) (Comparison, error) {
	var bases, subjs []benchkit.Result
	for round := range o.Rounds {
		for _, side := range []struct {
			url, name string
			out       *[]benchkit.Result
			profile   func() func()
		}{{baseURL, baseName, &bases, nil}, {subjURL, subjName, &subjs, profile}} {
			load := benchkit.Load{URL: side.url + o.Path, Clients: o.Clients, Header: header,
				Warmup: o.Warmup, Duration: o.Duration}
			var stop func()
			if side.profile != nil && round == 0 {
				stop = side.profile()
			}
			r, err := load.Run(ctx)
			if stop != nil {
				stop()
			}
			if err != nil {
				return Comparison{}, fmt.Errorf("load %s: %w", side.name, err)
			}
			fmt.Fprintf(w, "  %-22s %s\n", side.name+":", r)
			if r.Requests == 0 {
				return Comparison{}, fmt.Errorf("load %s: no successful request: %v", side.name, r.FirstErr)
			}
			*side.out = append(*side.out, r)
		}
	}
	c := Comparison{Baseline: benchkit.Merge(bases...), Subject: benchkit.Merge(subjs...)}
	if o.Rounds > 1 {
		fmt.Fprintf(w, "  %-22s %s\n  %-22s %s\n", baseName+" (pooled):", c.Baseline, subjName+" (pooled):", c.Subject)
	}
	return c, nil
}
