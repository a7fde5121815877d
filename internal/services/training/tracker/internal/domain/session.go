package domain

import (
	"encoding/json"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Session is a live session.
type Session struct {
	ID, UserID, Sport, DeviceID string
	// Status is trackerapi.StatusActive, StatusPaused, StatusFinished or
	// StatusDiscarded.
	Status    string
	StartedAt time.Time
	EndedAt   *time.Time
	// PausedAt is when the athlete's current pause began (status paused).
	PausedAt *time.Time
	Live     LiveState
	// StopAlerted is set once safety contacts were told of the current
	// stop; a moving sample clears it.
	StopAlerted bool
	// LateSamples counts samples that arrived after the session ended.
	LateSamples int64
	ActivityID  string
	UpdatedAt   time.Time
}

// Open reports whether the session still records (active or paused).
func (s Session) Open() bool {
	return s.Status == trackerapi.StatusActive || s.Status == trackerapi.StatusPaused
}

// LastMovingAt is when the athlete last moved (the start or the resume
// when they have not moved since).
func (s Session) LastMovingAt() time.Time { return time.UnixMilli(s.Live.LastMovingT).UTC() }

// Pause is a stretch the athlete paused, in Unix milliseconds; To is 0
// while it lasts.
type Pause struct{ From, To int64 }

// Covers reports whether t falls inside the pause.
func (p Pause) Covers(t int64) bool { return t >= p.From && (p.To == 0 || t < p.To) }

// Sample is one stored sample: a point with the fix's accuracy and the
// heart-beat intervals seen with it.
type Sample struct {
	Point
	Acc float64
	RR  []float64
}

// Frame is one raw sensor frame of a session.
type Frame struct {
	T        int64
	Sensor   string
	SensorID string
	Data     []byte
}

// LiveState is what a session knows while it runs: the latest sample, the
// last plausible position and the running totals. Samples are applied in
// time order; one older than the latest applied (late or resent) is stored
// but does not move the live state, whose totals are an estimate until the
// finish analyses every sample.
type LiveState struct {
	LastT int64  `json:"last_t"`
	Last  *Point `json:"last,omitempty"`
	// GoodT, GoodLat and GoodLon are the last position accepted as
	// plausible (HasGood: there is one).
	HasGood bool    `json:"has_good"`
	GoodT   int64   `json:"good_t"`
	GoodLat float64 `json:"good_lat"`
	GoodLon float64 `json:"good_lon"`
	// Rejected counts the positions refused in a row (after enough of
	// them the next is accepted: the athlete really is elsewhere).
	Rejected int `json:"rejected"`
	// GPSDistanceM sums the plausible positions; FirstDist and LastDist
	// are the device's own distance counter when it sends one.
	GPSDistanceM float64  `json:"gps_distance_m"`
	FirstDist    *float64 `json:"first_dist,omitempty"`
	LastDist     *float64 `json:"last_dist,omitempty"`
	MovingS      float64  `json:"moving_s"`
	LastMovingT  int64    `json:"last_moving_t"`
	AutoPaused   bool     `json:"auto_paused"`
}

// DistanceM is the session's distance so far: the device's counter when it
// sends one, else the sum of plausible positions.
func (l LiveState) DistanceM() float64 {
	if l.FirstDist != nil && l.LastDist != nil {
		return math.Max(0, *l.LastDist-*l.FirstDist)
	}
	return l.GPSDistanceM
}

// Sport-specific thresholds of the live state.
type thresholds struct {
	moving   float64 // m/s: at or above it the athlete moves
	maxSpeed float64 // m/s: a fix implying more is a GPS jump
}

func thresholdsOf(sport string) thresholds {
	switch activity.Sport(sport) {
	case activity.AlpineSkiing:
		return thresholds{moving: 1.0, maxSpeed: 45}
	case activity.Skiing:
		return thresholds{moving: 0.8, maxSpeed: 20}
	case activity.Rowing:
		return thresholds{moving: 0.5, maxSpeed: 8}
	}
	switch activity.Sport(sport).Family() {
	case activity.FamilyRun:
		return thresholds{moving: 0.8, maxSpeed: 12.5}
	case activity.FamilyWalk:
		return thresholds{moving: 0.4, maxSpeed: 5}
	case activity.FamilyRide:
		return thresholds{moving: 1.2, maxSpeed: 30}
	case activity.FamilySwim:
		return thresholds{moving: 0.15, maxSpeed: 4}
	}
	return thresholds{moving: 0.5, maxSpeed: 70}
}

// Live-state limits.
const (
	// MaxAccuracyM: a fix less accurate than this is not used live.
	MaxAccuracyM = 50.0
	// maxGapMS: moving time does not count across a longer silence.
	maxGapMS = 10_000
	// acceptAfter rejected fixes in a row, the next one is taken.
	acceptAfter = 5
)

// Advance applies samples (sorted by time) to the live state and returns
// the points to show live: those newer than the latest applied, with an
// implausible position removed. paused (the athlete's own pause) keeps
// distance and moving time still; autoPause is how long the athlete must
// stand still to count as auto-paused. It reports whether the athlete
// moved in these samples.
func (l *LiveState) Advance(samples []Sample, sport string, paused bool, autoPause time.Duration) (shown []Point, moved bool) {
	th := thresholdsOf(sport)
	for _, s := range samples {
		if l.Last != nil && s.T <= l.LastT {
			continue
		}
		p := s.Point
		dt := s.T - l.LastT
		if l.Last == nil {
			dt = 0
		}
		// Position: plausible unless inaccurate or too far from the last.
		speed := p.Speed
		if p.HasPos() {
			ok := !(activity.Has(s.Acc) && s.Acc > MaxAccuracyM)
			var d float64
			if ok && l.HasGood {
				d = route.Distance(route.Point{Lat: l.GoodLat, Lon: l.GoodLon}, route.Point{Lat: p.Lat, Lon: p.Lon})
				gap := float64(s.T-l.GoodT) / 1000
				if gap > 0 && d/gap > th.maxSpeed && l.Rejected < acceptAfter {
					ok = false
				}
				if ok && !activity.Has(speed) && gap > 0 && gap <= maxGapMS/1000 {
					speed = d / gap
				}
			}
			if ok {
				if !paused && l.HasGood {
					l.GPSDistanceM += d
				}
				l.HasGood, l.GoodT, l.GoodLat, l.GoodLon, l.Rejected = true, s.T, p.Lat, p.Lon, 0
			} else {
				l.Rejected++
				p.Lat, p.Lon = math.NaN(), math.NaN()
			}
		}
		if activity.Has(p.Dist) {
			v := p.Dist
			if l.FirstDist == nil {
				l.FirstDist = &v
			}
			if l.LastDist == nil || v >= *l.LastDist {
				l.LastDist = &v
			}
		}
		moving := false
		switch {
		case activity.Has(speed):
			moving = speed >= th.moving
		default:
			moving = (activity.Has(p.Cad) && p.Cad > 0) || (activity.Has(p.Power) && p.Power > 0)
		}
		if moving && !paused {
			if dt > 0 && dt <= maxGapMS {
				l.MovingS += float64(dt) / 1000
			}
			l.LastMovingT = s.T
			moved = true
		}
		l.LastT = s.T
		last := p
		l.Last = &last
		shown = append(shown, p)
	}
	if l.Last != nil {
		l.AutoPaused = l.LastT-l.LastMovingT >= autoPause.Milliseconds()
	}
	return shown, moved
}

// SortSamples orders samples by time, merging those of the same time (a
// later value fills what an earlier one lacked).
func SortSamples(in []Sample) []Sample {
	sort.SliceStable(in, func(i, j int) bool { return in[i].T < in[j].T })
	out := in[:0]
	for _, s := range in {
		if n := len(out); n > 0 && out[n-1].T == s.T {
			out[n-1] = mergeSample(out[n-1], s)
			continue
		}
		out = append(out, s)
	}
	return out
}

func mergeSample(a, b Sample) Sample {
	pick := func(x, y float64) float64 {
		if activity.Has(y) {
			return y
		}
		return x
	}
	a.Lat, a.Lon = pick(a.Lat, b.Lat), pick(a.Lon, b.Lon)
	a.Alt, a.Dist, a.Speed = pick(a.Alt, b.Alt), pick(a.Dist, b.Dist), pick(a.Speed, b.Speed)
	a.HR, a.Cad, a.Power, a.Temp = pick(a.HR, b.HR), pick(a.Cad, b.Cad), pick(a.Power, b.Power), pick(a.Temp, b.Temp)
	a.Acc = pick(a.Acc, b.Acc)
	if len(b.RR) > 0 {
		a.RR = b.RR
	}
	return a
}

// BuildActivity turns a session's stored samples into an activity: the
// samples inside the athlete's pauses are left out (so analysis sees a
// gap there), and the activity is named after its sport and time of day.
func BuildActivity(s Session, samples []Sample, pauses []Pause) *activity.Activity {
	a := &activity.Activity{Sport: SportOf(s.Sport), Totals: activity.NoTotals()}
	for _, sm := range samples {
		if paused(sm.T, pauses) {
			continue
		}
		x := activity.NewSample(time.UnixMilli(sm.T).UTC())
		x.Lat, x.Lon, x.Alt, x.Dist, x.Speed = sm.Lat, sm.Lon, sm.Alt, sm.Dist, sm.Speed
		x.HR, x.Cadence, x.Power, x.Temp = sm.HR, sm.Cad, sm.Power, sm.Temp
		if activity.Has(sm.Acc) && sm.Acc > MaxAccuracyM {
			x.Lat, x.Lon = math.NaN(), math.NaN()
		}
		a.Samples = append(a.Samples, x)
	}
	a.Start = s.StartedAt
	if len(a.Samples) > 0 {
		a.Start = a.Samples[0].Time // the recording begins with its first sample
	}
	a.Name = DefaultName(a)
	return a
}

func paused(t int64, pauses []Pause) bool {
	for _, p := range pauses {
		if p.Covers(t) {
			return true
		}
	}
	return false
}

// SportOf maps a sport id onto the activity model's sports (an id the
// model lacks, like football, becomes "other").
func SportOf(s string) activity.Sport {
	if sp, ok := activity.ParseSport(s); ok {
		return sp
	}
	return activity.Other
}

// IsSport reports whether s names a sport an activity may have.
func IsSport(s string) bool {
	_, ok := activity.ParseSport(s)
	return ok
}

// DefaultName names an activity by its time of day and sport, e.g.
// "Morning Run". The time of day is local solar time from the first
// position's longitude (UTC without one): the tracker does not know the
// athlete's time zone, and a name only needs the part of the day.
func DefaultName(a *activity.Activity) string {
	h := a.Start.UTC().Hour()
	for _, s := range a.Samples {
		if s.HasPos() {
			h = a.Start.UTC().Add(time.Duration(math.Round(s.Lon/15)) * time.Hour).Hour()
			break
		}
	}
	part := "Night"
	switch {
	case h >= 5 && h < 12:
		part = "Morning"
	case h >= 12 && h < 17:
		part = "Afternoon"
	case h >= 17 && h < 22:
		part = "Evening"
	}
	noun := map[string]string{activity.FamilyRun: "Run", activity.FamilyRide: "Ride", activity.FamilySwim: "Swim",
		activity.FamilyWalk: "Walk"}[a.Sport.Family()]
	switch a.Sport {
	case activity.Hiking:
		noun = "Hike"
	case activity.Skiing, activity.AlpineSkiing:
		noun = "Ski"
	case activity.Rowing:
		noun = "Row"
	}
	if noun == "" {
		noun = "Workout"
	}
	return strings.TrimSpace(part + " " + noun)
}

// wirePoint is Point in JSON: missing channels are null (JSON has no NaN).
type wirePoint struct {
	T     int64    `json:"t"`
	Lat   *float64 `json:"lat,omitempty"`
	Lon   *float64 `json:"lon,omitempty"`
	Alt   *float64 `json:"alt,omitempty"`
	Dist  *float64 `json:"dist,omitempty"`
	Speed *float64 `json:"speed,omitempty"`
	HR    *float64 `json:"hr,omitempty"`
	Cad   *float64 `json:"cad,omitempty"`
	Power *float64 `json:"power,omitempty"`
	Temp  *float64 `json:"temp,omitempty"`
}

// Ptr returns &v, or nil when v is NaN.
func Ptr(v float64) *float64 {
	if !activity.Has(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// Val returns *p, or NaN for nil.
func Val(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON implements json.Marshaler.
func (p Point) MarshalJSON() ([]byte, error) {
	return json.Marshal(wirePoint{T: p.T, Lat: Ptr(p.Lat), Lon: Ptr(p.Lon), Alt: Ptr(p.Alt), Dist: Ptr(p.Dist),
		Speed: Ptr(p.Speed), HR: Ptr(p.HR), Cad: Ptr(p.Cad), Power: Ptr(p.Power), Temp: Ptr(p.Temp)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Point) UnmarshalJSON(b []byte) error {
	var w wirePoint
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = Point{T: w.T, Lat: Val(w.Lat), Lon: Val(w.Lon), Alt: Val(w.Alt), Dist: Val(w.Dist), Speed: Val(w.Speed),
		HR: Val(w.HR), Cad: Val(w.Cad), Power: Val(w.Power), Temp: Val(w.Temp)}
	return nil
}
