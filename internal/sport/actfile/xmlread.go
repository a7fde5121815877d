package actfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// maxXMLDepth bounds element nesting in GPX and TCX files.
const maxXMLDepth = 64

// maxText bounds the text kept from one element.
const maxText = 4096

// xmlWalker streams an XML document's elements, tolerating damage: after a
// syntax error it resumes at the next occurrence of resync (the start of
// the next track point), and when it cannot, whatever was read before the
// error stays read.
type xmlWalker struct {
	data   []byte
	base   int // offset of the current decoder's input in data
	dec    *xml.Decoder
	resync string
	stack  []string // lower-cased local names of the open elements
	text   []byte
	err    error // the first error (nil for a clean document)
	skips  int   // damaged stretches skipped
	final  bool  // reading stopped at an error
	lower  map[string]string
}

// lowerName returns the lower-cased name, remembering the few names a
// document repeats.
func (w *xmlWalker) lowerName(s string) string {
	if l, ok := w.lower[s]; ok {
		return l
	}
	l := strings.ToLower(s)
	if len(w.lower) < 256 {
		w.lower[s] = l
	}
	return l
}

// maxResyncs bounds how often one document may be resumed after damage.
const maxResyncs = 100

func newXMLWalker(data []byte, resync string) *xmlWalker {
	w := &xmlWalker{data: data, resync: resync, lower: map[string]string{}}
	w.reset(0)
	return w
}

func (w *xmlWalker) reset(off int) {
	d := xml.NewDecoder(bytes.NewReader(w.data[off:]))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	w.dec, w.base = d, off
}

// walk calls start for each start element and end for each end element
// with the element's text.
func (w *xmlWalker) walk(start func(w *xmlWalker, name string, attrs []xml.Attr), end func(w *xmlWalker, name, text string)) {
	for {
		tok, err := w.dec.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				if len(w.stack) > 0 {
					w.fail(errors.New("unexpected end of file"))
					w.final = true
				}
				return
			}
			w.fail(err)
			if !w.resume() {
				w.final = true
				return
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.stack) >= maxXMLDepth {
				w.fail(errors.New("elements nested too deep"))
				w.final = true
				return
			}
			name := w.lowerName(t.Name.Local)
			w.stack = append(w.stack, name)
			w.text = w.text[:0]
			start(w, name, t.Attr)
		case xml.EndElement:
			name := w.lowerName(t.Name.Local)
			// Close up to the matching element (non-strict documents may
			// leave elements open).
			i := len(w.stack) - 1
			for i >= 0 && w.stack[i] != name {
				i--
			}
			if i < 0 {
				continue
			}
			for len(w.stack) > i+1 {
				end(w, w.stack[len(w.stack)-1], "")
				w.stack = w.stack[:len(w.stack)-1]
			}
			end(w, name, strings.TrimSpace(string(w.text)))
			w.stack = w.stack[:i]
			w.text = w.text[:0]
		case xml.CharData:
			if len(w.text)+len(t) <= maxText {
				w.text = append(w.text, t...)
			}
		}
	}
}

func (w *xmlWalker) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// resume skips to the next resync tag after the damage, abandoning the
// element that tag is an instance of if one is open.
func (w *xmlWalker) resume() bool {
	if w.resync == "" || w.skips >= maxResyncs {
		return false
	}
	off := w.base + int(w.dec.InputOffset())
	if off >= len(w.data) {
		return false
	}
	i := bytes.Index(w.data[off:], []byte("<"+w.resync))
	if i < 0 {
		return false
	}
	tag := strings.ToLower(w.resync)
	for j := len(w.stack) - 1; j >= 0; j-- {
		if w.stack[j] == tag {
			w.stack = w.stack[:j]
			break
		}
	}
	w.skips++
	w.reset(off + i)
	return true
}

// parent returns the name of the n-th enclosing element of the current one
// (0: the element itself), or "".
func (w *xmlWalker) parent(n int) string {
	i := len(w.stack) - 1 - n
	if i < 0 {
		return ""
	}
	return w.stack[i]
}

// inside reports whether an element named name is open.
func (w *xmlWalker) inside(name string) bool {
	for _, s := range w.stack {
		if s == name {
			return true
		}
	}
	return false
}

func attr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

func parseFloat(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// parseTime reads an XML Schema dateTime: any fraction of a second, a zone
// offset or Z; without a zone it is taken as UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1980 || t.Year() > 2200 {
				return time.Time{}, false
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// trackBuilder collects timed points into samples.
type trackBuilder struct {
	samples   []activity.Sample
	noTime    int
	backwards int
	overLimit int
	badPos    int
}

func (b *trackBuilder) add(s activity.Sample, hasTime bool) {
	if !hasTime {
		b.noTime++
		return
	}
	if (activity.Has(s.Lat) || activity.Has(s.Lon)) && !(s.Lat >= -90 && s.Lat <= 90 && s.Lon >= -180 && s.Lon <= 180) {
		s.Lat, s.Lon = math.NaN(), math.NaN()
		b.badPos++
	}
	if !activity.Has(s.Lat) || !activity.Has(s.Lon) {
		s.Lat, s.Lon = math.NaN(), math.NaN()
	}
	if n := len(b.samples); n > 0 {
		last := &b.samples[n-1]
		if s.Time.Before(last.Time) {
			b.backwards++
			return
		}
		if s.Time.Equal(last.Time) {
			merge(last, &s)
			return
		}
	}
	if len(b.samples) >= MaxSamples {
		b.overLimit++
		return
	}
	b.samples = append(b.samples, s)
}

func (b *trackBuilder) warnings(what string) []string {
	var w []string
	if b.noTime > 0 {
		w = append(w, fmt.Sprintf("dropped %s without time", plural(b.noTime, what)))
	}
	if b.backwards > 0 {
		w = append(w, fmt.Sprintf("dropped %s earlier than the one before", plural(b.backwards, what)))
	}
	if b.overLimit > 0 {
		w = append(w, fmt.Sprintf("dropped %s beyond the limit of %d samples", plural(b.overLimit, what), MaxSamples))
	}
	if b.badPos > 0 {
		w = append(w, fmt.Sprintf("ignored the position of %s outside the valid range", plural(b.badPos, what)))
	}
	return w
}

// damageWarning says what damage to a document cost.
func damageWarning(format string, w *xmlWalker, kept int, what string) string {
	msg := w.err.Error()
	var se *xml.SyntaxError
	if errors.As(w.err, &se) {
		msg = fmt.Sprintf("line %d: %s", se.Line, se.Msg)
	}
	msg = clean(msg, 120)
	switch {
	case w.final && w.skips > 0:
		return fmt.Sprintf("%s is broken (%s); skipped %s, then it ended; kept %s", format, msg, plural(w.skips, "damaged part"), plural(kept, what))
	case w.final:
		return fmt.Sprintf("%s is broken (%s); kept %s read before it", format, msg, plural(kept, what))
	}
	return fmt.Sprintf("%s is damaged (%s); skipped %s and read on; kept %s", format, msg, plural(w.skips, "damaged part"), plural(kept, what))
}

// median of the present values, NaN when there are none.
func median(vals []float64) float64 {
	var v []float64
	for _, x := range vals {
		if activity.Has(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	return v[len(v)/2]
}

// sportFromText maps a sport named in a file (GPX <type>, TCX Sport,
// activity names like "Morning Run") onto SportHub's sports.
func sportFromText(s string) (activity.Sport, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", false
	}
	if sp, ok := activity.ParseSport(s); ok {
		return sp, true
	}
	norm := strings.NewReplacer("-", "_", " ", "_").Replace(s)
	switch norm {
	case "run", "running", "street_running", "track_running", "treadmill_running", "virtualrun", "virtual_run", "indoor_running":
		return activity.Running, true
	case "trail_running", "trailrun", "trail_run":
		return activity.TrailRunning, true
	case "biking", "bike", "ride", "cycling", "road_biking", "road_cycling", "virtualride", "virtual_ride",
		"indoor_cycling", "gravel_cycling", "ebikeride", "e_bike_ride", "gravelride", "gravel_ride", "commuting":
		return activity.Cycling, true
	case "mountain_biking", "mountainbikeride", "mountain_bike_ride", "mtb", "mountain":
		return activity.MountainBiking, true
	case "swim", "swimming", "lap_swimming", "pool_swimming":
		return activity.Swimming, true
	case "open_water_swimming", "open_water":
		return activity.OpenWaterSwimming, true
	case "walk", "walking", "casual_walking", "speed_walking":
		return activity.Walking, true
	case "nordic_walking", "nordicwalk":
		return activity.NordicWalking, true
	case "hike", "hiking", "mountaineering":
		return activity.Hiking, true
	case "ski", "nordicski", "nordic_ski", "cross_country_skiing", "backcountry_skiing", "skate_skiing":
		return activity.Skiing, true
	case "alpineski", "alpine_ski", "alpine_skiing", "downhill_skiing", "resort_skiing", "snowboard":
		return activity.AlpineSkiing, true
	case "rowing", "row", "indoor_rowing":
		return activity.Rowing, true
	case "orienteering":
		return activity.Orienteering, true
	case "fitness", "workout", "training", "weighttraining", "strength_training", "cardio", "crossfit", "yoga", "hiit", "elliptical":
		return activity.Fitness, true
	case "other", "generic":
		return activity.Other, true
	}
	// Names such as "Morning Run" or "Evening Ride".
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }) {
		switch word {
		case "run", "running", "jog":
			return activity.Running, true
		case "ride", "cycling", "bike":
			return activity.Cycling, true
		case "walk", "walking":
			return activity.Walking, true
		case "hike", "hiking":
			return activity.Hiking, true
		case "swim", "swimming":
			return activity.Swimming, true
		}
	}
	return "", false
}

// doubleStrides turns a run or walk's cadence stated in strides per minute
// into steps per minute. When the file does not say which it holds (GPX),
// onlyIfStrides guesses from the median: below 120 for a run (80 for a
// walk) is strides - nobody runs at 120 steps a minute or walks at 80.
func doubleStrides(a *activity.Activity, onlyIfStrides bool) {
	if !stepSport(a.Sport) {
		return
	}
	if onlyIfStrides {
		vals := make([]float64, len(a.Samples))
		for i := range a.Samples {
			vals[i] = a.Samples[i].Cadence
			if vals[i] == 0 {
				vals[i] = math.NaN()
			}
		}
		limit := 120.0
		if a.Sport.Family() == activity.FamilyWalk {
			limit = 80
		}
		if m := median(vals); !activity.Has(m) || m >= limit {
			return
		}
	}
	for i := range a.Samples {
		a.Samples[i].Cadence *= 2
	}
	a.Totals.AvgCadence *= 2
}
