// Package activity is SportHub's model of a recorded workout: the samples a
// watch, phone or sensor recorded (position, altitude, distance, speed,
// heart rate, cadence, power, temperature and developer fields), its laps,
// the device and the totals the file itself states. Every decoder
// (internal/sport/actfile), the live tracker and the analytics
// (internal/sport/analysis) speak this one model; MarshalBinary is its
// compact storage form.
//
// A channel a sample lacks is NaN, never zero: zero watts or zero speed are
// real readings. Use Has to test for a value.
package activity

import (
	"math"
	"strings"
	"time"
)

// Sport is what kind of workout an activity is.
type Sport string

// The sports an activity may be. The ids are the profiles service's sport
// ids (profilesapi.Sports), so goals, profiles and activities name a sport
// the same way; "other" is for what fits none. Files name many more kinds:
// decoders map them onto these and keep the file's own finer name
// (treadmill, indoor_cycling, virtual_activity...) in SubSport.
const (
	Running           Sport = "running"
	TrailRunning      Sport = "trail_running"
	Cycling           Sport = "cycling"
	MountainBiking    Sport = "mountain_biking"
	Swimming          Sport = "swimming"
	OpenWaterSwimming Sport = "open_water_swimming"
	Walking           Sport = "walking"
	NordicWalking     Sport = "nordic_walking"
	Hiking            Sport = "hiking"
	Skiing            Sport = "skiing"
	AlpineSkiing      Sport = "alpine_skiing"
	Rowing            Sport = "rowing"
	Orienteering      Sport = "orienteering"
	Fitness           Sport = "fitness"
	Other             Sport = "other"
)

// Sports lists every sport in a fixed order.
var Sports = []Sport{Running, TrailRunning, Cycling, MountainBiking, Swimming, OpenWaterSwimming,
	Walking, NordicWalking, Hiking, Skiing, AlpineSkiing, Rowing, Orienteering, Fitness, Other}

// ParseSport returns the sport named s (case-insensitive), or false.
func ParseSport(s string) (Sport, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, sp := range Sports {
		if string(sp) == s {
			return sp, true
		}
	}
	return "", false
}

// Families group sports whose efforts compare. Records, best efforts,
// predictions and comparisons are kept per family.
const (
	FamilyRun   = "run"
	FamilyRide  = "ride"
	FamilySwim  = "swim"
	FamilyWalk  = "walk"
	FamilyOther = "other"
)

// Family returns the sport's family.
func (s Sport) Family() string {
	switch s {
	case Running, TrailRunning, Orienteering:
		return FamilyRun
	case Cycling, MountainBiking:
		return FamilyRide
	case Swimming, OpenWaterSwimming:
		return FamilySwim
	case Walking, NordicWalking, Hiking:
		return FamilyWalk
	}
	return FamilyOther
}

// Sample is one instant of a recording. Missing channels are NaN.
type Sample struct {
	Time time.Time
	// Lat and Lon are WGS84 degrees; both NaN when there is no fix.
	Lat, Lon float64
	// Alt is the altitude in metres above sea level.
	Alt float64
	// Dist is the cumulative distance in metres as the device recorded it.
	Dist float64
	// Speed is metres per second.
	Speed float64
	// HR is heart rate in beats per minute.
	HR float64
	// Cadence is revolutions per minute for cycling, strokes per minute
	// for rowing and swimming, and steps per minute (both feet) for running
	// and walking (FIT and TCX store strides: decoders double them).
	Cadence float64
	// Power is watts.
	Power float64
	// Temp is degrees Celsius.
	Temp float64
}

// NewSample returns a sample at t with every channel missing.
func NewSample(t time.Time) Sample {
	n := math.NaN()
	return Sample{Time: t, Lat: n, Lon: n, Alt: n, Dist: n, Speed: n, HR: n, Cadence: n, Power: n, Temp: n}
}

// HasPos reports whether the sample has a position.
func (s Sample) HasPos() bool { return Has(s.Lat) && Has(s.Lon) }

// Has reports whether v is a value rather than a missing reading.
func Has(v float64) bool { return !math.IsNaN(v) }

// Missing is the value of a channel without a reading.
func Missing() float64 { return math.NaN() }

// Lap is a lap as the device or the athlete marked it.
type Lap struct {
	Start time.Time
	// ElapsedS is wall-clock seconds; TimerS excludes pauses.
	ElapsedS, TimerS float64
	DistanceM        float64
	// Trigger is why the lap was marked: "manual", "distance", "time",
	// "position", "session_end" or "".
	Trigger string
}

// Device is what recorded the activity.
type Device struct {
	Manufacturer string
	Product      string
	Serial       string
}

// Channel is a developer field (or any extra per-sample stream) aligned
// with the samples: Values[i] belongs to Samples[i], NaN when missing.
type Channel struct {
	// Key is stable and unique within the activity, e.g. "dev.0.3".
	Key    string
	Name   string
	Units  string
	Values []float64
}

// Totals are what the file itself states about the whole activity (a FIT
// session message, TCX lap sums); NaN when the file does not say.
// Decoders fill them; analytics recompute their own from the samples and
// tests compare the two.
type Totals struct {
	DistanceM, ElapsedS, TimerS    float64
	AscentM, DescentM, Calories    float64
	AvgHR, MaxHR                   float64
	AvgSpeed, MaxSpeed             float64
	AvgCadence, AvgPower, MaxPower float64
}

// NoTotals returns Totals with every value missing.
func NoTotals() Totals {
	n := math.NaN()
	return Totals{n, n, n, n, n, n, n, n, n, n, n, n, n}
}

// Activity is one recorded workout.
type Activity struct {
	Sport Sport
	// SubSport is the file's own finer name ("trail", "indoor_cycling"...).
	SubSport string
	Name     string
	// Start is when the recording began (the first sample, or the file's
	// stated start when earlier).
	Start   time.Time
	Samples []Sample
	Laps    []Lap
	Device  Device
	Extra   []Channel
	Totals  Totals
}

// End is the time of the last sample (Start when there is none).
func (a *Activity) End() time.Time {
	if len(a.Samples) == 0 {
		return a.Start
	}
	return a.Samples[len(a.Samples)-1].Time
}

// ElapsedS is the wall-clock duration from Start to the last sample.
func (a *Activity) ElapsedS() float64 { return a.End().Sub(a.Start).Seconds() }

// HasRoute reports whether any sample has a position.
func (a *Activity) HasRoute() bool {
	for _, s := range a.Samples {
		if s.HasPos() {
			return true
		}
	}
	return false
}
