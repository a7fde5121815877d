package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/proto"
)

// bareDecode decodes data with muktihari/fit alone into its typed
// activity records (the decoder streaming into filedef's listener, the
// library's own fast path) and returns the number of records.
func bareDecode(data []byte) (int, error) {
	lis := filedef.NewListener()
	defer lis.Close()
	dec := decoder.New(bytes.NewReader(data), decoder.WithMesgListener(lis), decoder.WithBroadcastOnly())
	for dec.Next() {
		if _, err := dec.Decode(); err != nil {
			return 0, fmt.Errorf("bare decode: %w", err)
		}
	}
	act, ok := lis.File().(*filedef.Activity)
	if !ok {
		return 0, errors.New("bare decode: not an activity file")
	}
	return len(act.Records), nil
}

// bareDecodeMessages decodes data into the library's generic messages,
// then builds the typed activity from them (the other common way to use
// the library).
func bareDecodeMessages(data []byte) (int, error) {
	dec := decoder.New(bytes.NewReader(data))
	n := 0
	for dec.Next() {
		fit, err := dec.Decode()
		if err != nil {
			return 0, fmt.Errorf("bare decode: %w", err)
		}
		n += len(filedef.NewActivity(fit.Messages...).Records)
	}
	return n, nil
}

// noop is a message listener that keeps nothing.
type noop struct{}

func (noop) OnMesg(proto.Message) {}

// decodeOnly runs the decoder over data, handing every message to a
// listener that keeps nothing: the library's decoding alone (information).
func decodeOnly(data []byte) error {
	dec := decoder.New(bytes.NewReader(data), decoder.WithMesgListener(noop{}), decoder.WithBroadcastOnly())
	for dec.Next() {
		if _, err := dec.Decode(); err != nil {
			return fmt.Errorf("decode only: %w", err)
		}
	}
	return nil
}

// timeEach calls f back to back for d (at least min times) and returns
// each call's duration.
func timeEach(d time.Duration, min int, f func() error) ([]time.Duration, error) {
	var out []time.Duration
	end := time.Now().Add(d)
	for len(out) < min || time.Now().Before(end) {
		t0 := time.Now()
		if err := f(); err != nil {
			return nil, err
		}
		out = append(out, time.Since(t0))
	}
	return out, nil
}

// findFile returns the default input: the FIT SDK's Activity.fit as the
// activity file decoder's tests keep it, or else from the module cache.
func findFile() (string, error) {
	const rel = "internal/sport/actfile/testdata/Activity.fit"
	if dir, err := os.Getwd(); err == nil {
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				p := filepath.Join(dir, rel)
				if _, err := os.Stat(p); err == nil {
					return p, nil
				}
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		gopath := os.Getenv("GOPATH")
		if gopath == "" {
			home, _ := os.UserHomeDir()
			gopath = filepath.Join(home, "go")
		}
		cache = filepath.Join(gopath, "pkg", "mod")
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/muktihari/fit" {
				p := filepath.Join(cache, "github.com/muktihari/fit@"+m.Version, "testdata/from_official_sdk/Activity.fit")
				if _, err := os.Stat(p); err == nil {
					return p, nil
				}
			}
		}
	}
	return "", errors.New("Activity.fit not found (give -file)")
}
