// Package actfile reads and writes activity files - FIT, GPX and TCX, plain
// or gzip-compressed - and expands archives such as Garmin and Strava bulk
// exports into the activity files inside.
//
// Decode tells the format from the content (the FIT header, the XML root
// element; the name is only a hint) and maps the file onto the
// activity model:
//
//   - FIT (muktihari/fit, streamed: records go straight into samples, no
//     message list is kept): records, laps, sessions (their totals into
//     Totals; several sessions are summed, a multisport file becomes
//     Sport "other" with SubSport "multisport"), the creating device,
//     developer fields (into Extra, keyed "dev.<index>.<field>", and into
//     the native channel they stand in for when that one is empty).
//   - GPX (1.0 and 1.1): track points with the Garmin TrackPointExtension
//     (hr, cad, atemp), power and speed extensions; the track's name and
//     type.
//   - TCX: Activity/Lap/Track/Trackpoint with heart rate, cadence and the
//     ActivityExtension (Speed, Watts, RunCadence; lap averages); laps and
//     their sums as Totals.
//
// Sports map onto the activity package's sports, the file's finer name kept
// in SubSport. Run and walk cadence is steps per minute: FIT and TCX state
// strides, so they are doubled (GPX when its values are stride-like).
// Samples are in time order; records of the same second merge, records
// going back in time or without a time are dropped.
//
// Decoding is tolerant: a truncated file, a checksum mismatch or broken XML
// keep what was read (GPX and TCX resume at the next track point after
// damage) and Result.Warnings say what was dropped. What cannot be read at
// all is an *Error with a stable Code. Encode writes any activity back as
// FIT, GPX or TCX. Every input is bounded: MaxSamples per activity, Limits
// for Expand.
package actfile

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Format is an activity file format.
type Format string

// The supported formats.
const (
	FIT Format = "fit"
	GPX Format = "gpx"
	TCX Format = "tcx"
)

// ParseFormat returns the format named s (case-insensitive, a leading dot
// allowed).
func ParseFormat(s string) (Format, error) {
	switch strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), ".") {
	case "fit":
		return FIT, nil
	case "gpx":
		return GPX, nil
	case "tcx":
		return TCX, nil
	}
	return "", &Error{Code: CodeUnsupportedFormat, Detail: fmt.Sprintf("unknown format %q", s)}
}

// Error codes.
const (
	CodeUnsupportedFormat = "unsupported_format"
	CodeCorruptFile       = "corrupt_file"
	CodeNoData            = "no_data"
	CodeNotAnActivity     = "not_an_activity"
)

// Error is why a file could not be read. Code is one of the Code* constants.
type Error struct {
	Code   string
	Detail string
}

func (e *Error) Error() string { return e.Code + ": " + e.Detail }

// Result is a decoded file.
type Result struct {
	Format   Format
	Activity *activity.Activity
	// Warnings say what was dropped or repaired.
	Warnings []string
}

// Decode reads one activity file. The format is detected from the content
// (FIT header, XML root element); name is only a hint. Gzip-compressed files
// are decompressed first.
func Decode(name string, data []byte) (Result, error) {
	if isGzip(data) {
		d, err := gunzip(data, maxDecompressed)
		if err != nil {
			return Result{}, &Error{Code: CodeCorruptFile, Detail: "gzip: " + clean(err.Error(), 120)}
		}
		data = d
		name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	}
	if isZip(data) {
		return Result{}, &Error{Code: CodeUnsupportedFormat, Detail: "a zip archive: expand it into its files first"}
	}
	f, ok := detect(name, data)
	if !ok {
		return Result{}, &Error{Code: CodeUnsupportedFormat, Detail: "not a FIT, GPX or TCX file"}
	}
	switch f {
	case FIT:
		return decodeFIT(data)
	case GPX:
		return decodeGPX(data)
	}
	return decodeTCX(data)
}

// Encode writes a in format f. What a format cannot hold is left out: FIT
// and GPX times are whole seconds, GPX needs positions (samples without one
// are skipped) and has no laps, TCX has no temperature.
func Encode(w io.Writer, f Format, a *activity.Activity) error {
	if a == nil {
		return &Error{Code: CodeNoData, Detail: "no activity"}
	}
	switch f {
	case FIT:
		return encodeFIT(w, a)
	case GPX:
		b, err := encodeGPX(a)
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				return e
			}
			return fmt.Errorf("gpx: %w", err)
		}
		_, err = w.Write(b)
		return err
	case TCX:
		return encodeTCX(w, a)
	}
	return &Error{Code: CodeUnsupportedFormat, Detail: fmt.Sprintf("unknown format %q", f)}
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzip decompresses b, refusing more than max bytes (and concatenated
// members beyond it).
func gunzip(b []byte, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > max {
		return nil, errTooLarge
	}
	return out, nil
}

var errTooLarge = errors.New("larger than the limit")

// maxDecompressed bounds what Decode inflates from a gzip file.
const maxDecompressed = DefaultMaxFileBytes

// detect tells the format from the content (the FIT header, the XML root
// element), else from the name's extension.
func detect(name string, data []byte) (Format, bool) {
	if f, ok := sniff(data); ok {
		return f, true
	}
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	if f, err := ParseFormat(path.Ext(n)); err == nil {
		return f, true
	}
	return "", false
}

// sniff tells the format from the content alone.
func sniff(data []byte) (Format, bool) {
	if len(data) >= 12 && (data[0] == 12 || data[0] == 14) && string(data[8:12]) == ".FIT" {
		return FIT, true
	}
	switch rootElement(data) {
	case "gpx":
		return GPX, true
	case "trainingcenterdatabase":
		return TCX, true
	}
	return "", false
}

// rootElement returns the lower-cased local name of an XML document's first
// element, skipping a byte order mark, the declaration, comments, processing
// instructions and a doctype; "" when data does not start like XML.
func rootElement(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for {
		data = bytes.TrimLeft(data, " \t\r\n")
		if len(data) < 2 || data[0] != '<' {
			return ""
		}
		switch {
		case data[1] == '?':
			i := bytes.Index(data, []byte("?>"))
			if i < 0 {
				return ""
			}
			data = data[i+2:]
		case bytes.HasPrefix(data, []byte("<!--")):
			i := bytes.Index(data, []byte("-->"))
			if i < 0 {
				return ""
			}
			data = data[i+3:]
		case data[1] == '!':
			i := bytes.IndexByte(data, '>')
			if i < 0 {
				return ""
			}
			data = data[i+1:]
		default:
			end := bytes.IndexAny(data[1:], " \t\r\n/>")
			if end < 0 {
				return ""
			}
			name := string(data[1 : 1+end])
			if i := strings.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return strings.ToLower(name)
		}
	}
}
