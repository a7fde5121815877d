package actfile

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// tcxLap is a lap as a TCX file states it.
type tcxLap struct {
	lap                   activity.Lap
	hasStart              bool
	timerS, distM, maxSpd float64
	cal, avgHR, maxHR     float64
	avgCad, avgW, maxW    float64
	lastPoint             time.Time
	sawTimer, sawDistance bool
	sport                 string
}

// decodeTCX reads a Garmin Training Center file: Activities/Activity/Lap/
// Track/Trackpoint with heart rate, cadence and the ActivityExtension v2
// (TPX Speed, Watts, RunCadence; LX lap averages).
func decodeTCX(data []byte) (Result, error) {
	res := Result{Format: TCX}
	var (
		b                  trackBuilder
		cur                activity.Sample
		curTime            bool
		inPt               bool
		sawRoot, sawCourse bool
		sawWorkout         bool
		activities         int
		sports             []string
		laps               []tcxLap
		lap                *tcxLap
		idTime             string
		notes, product     string
	)
	w := newXMLWalker(data, "Trackpoint")
	w.walk(func(w *xmlWalker, name string, attrs []xml.Attr) {
		switch name {
		case "trainingcenterdatabase":
			sawRoot = true
		case "activity":
			if w.parent(1) == "activities" {
				activities++
				sports = append(sports, attr(attrs, "sport"))
			}
		case "course":
			sawCourse = true
		case "workout":
			sawWorkout = true
		case "lap":
			if activities > 0 && len(laps) < maxLaps {
				laps = append(laps, tcxLap{timerS: math.NaN(), distM: math.NaN(), maxSpd: math.NaN(), cal: math.NaN(),
					avgHR: math.NaN(), maxHR: math.NaN(), avgCad: math.NaN(), avgW: math.NaN(), maxW: math.NaN()})
				lap = &laps[len(laps)-1]
				if len(sports) > 0 {
					lap.sport = sports[len(sports)-1]
				}
				if t, ok := parseTime(attr(attrs, "starttime")); ok {
					lap.lap.Start, lap.hasStart = t, true
				}
			}
		case "trackpoint":
			if activities > 0 {
				inPt, curTime = true, false
				cur = activity.NewSample(time.Time{})
			}
		}
	}, func(w *xmlWalker, name, text string) {
		if inPt {
			switch name {
			case "trackpoint":
				inPt = false
				if curTime && lap != nil && cur.Time.After(lap.lastPoint) {
					lap.lastPoint = cur.Time
				}
				b.add(cur, curTime)
			case "time":
				cur.Time, curTime = parseTime(text)
			case "latitudedegrees":
				cur.Lat = parseFloat(text)
			case "longitudedegrees":
				cur.Lon = parseFloat(text)
			case "altitudemeters":
				cur.Alt = parseFloat(text)
			case "distancemeters":
				cur.Dist = nonNegative(parseFloat(text))
			case "value":
				if w.parent(1) == "heartratebpm" {
					cur.HR = positive(parseFloat(text))
				}
			case "cadence", "runcadence":
				if v := nonNegative(parseFloat(text)); activity.Has(v) {
					cur.Cadence = v
				}
			case "speed":
				cur.Speed = nonNegative(parseFloat(text))
			case "watts":
				cur.Power = nonNegative(parseFloat(text))
			}
			return
		}
		p1 := w.parent(1)
		switch {
		case name == "id" && p1 == "activity" && idTime == "":
			idTime = text
		case name == "notes" && p1 == "activity" && notes == "":
			notes = text
		case name == "name" && p1 == "creator" && w.inside("activity") && product == "":
			product = text
		case name == "lap":
			lap = nil
		case lap == nil:
		case p1 == "lap":
			switch name {
			case "totaltimeseconds":
				lap.timerS, lap.sawTimer = nonNegative(parseFloat(text)), true
			case "distancemeters":
				lap.distM, lap.sawDistance = nonNegative(parseFloat(text)), true
			case "maximumspeed":
				lap.maxSpd = nonNegative(parseFloat(text))
			case "calories":
				lap.cal = nonNegative(parseFloat(text))
			case "cadence":
				lap.avgCad = nonNegative(parseFloat(text))
			case "triggermethod":
				lap.lap.Trigger = tcxTrigger(text)
			}
		case name == "value" && p1 == "averageheartratebpm" && w.parent(2) == "lap":
			lap.avgHR = positive(parseFloat(text))
		case name == "value" && p1 == "maximumheartratebpm" && w.parent(2) == "lap":
			lap.maxHR = positive(parseFloat(text))
		case p1 == "lx":
			switch name {
			case "avgruncadence":
				lap.avgCad = nonNegative(parseFloat(text))
			case "avgwatts":
				lap.avgW = nonNegative(parseFloat(text))
			case "maxwatts":
				lap.maxW = nonNegative(parseFloat(text))
			}
		}
	})
	if !sawRoot {
		return res, &Error{Code: CodeCorruptFile, Detail: "TCX: no <TrainingCenterDatabase> element"}
	}
	if activities == 0 && (sawCourse || sawWorkout) {
		kind := "course"
		if !sawCourse {
			kind = "workout"
		}
		return res, &Error{Code: CodeNotAnActivity, Detail: "TCX " + kind + " file, not an activity"}
	}
	var warns []string
	if w.err != nil {
		warns = append(warns, damageWarning("TCX", w, len(b.samples), "track point"))
	}
	warns = append(warns, b.warnings("track point")...)
	if len(b.samples) == 0 && len(laps) == 0 {
		if w.err != nil {
			return res, &Error{Code: CodeCorruptFile, Detail: damageWarning("TCX", w, 0, "track point")}
		}
		return res, &Error{Code: CodeNoData, Detail: "TCX has no activity with laps or track points"}
	}

	a := &activity.Activity{Samples: b.samples, Totals: activity.NoTotals()}
	a.Sport = activity.Other
	multi := false
	for _, s := range sports[1:] {
		if !strings.EqualFold(s, sports[0]) {
			multi = true
		}
	}
	if multi {
		a.SubSport = "multisport"
	} else if sp, ok := sportFromText(sports[0]); ok {
		a.Sport = sp
	}
	if n := clean(notes, 200); n != "" && !strings.Contains(n, "\n") {
		a.Name = n
	}
	if p := clean(product, 64); p != "" {
		a.Device.Product = p
		a.Device.Manufacturer = manufacturerFromCreator(p)
	}

	// Laps and the totals they state.
	t := activity.NoTotals()
	var hrW, hrS, cadW, cadS, wW, wS float64
	for i := range laps {
		l := &laps[i]
		if !l.hasStart {
			continue
		}
		l.lap.TimerS = zero(l.timerS)
		l.lap.DistanceM = zero(l.distM)
		l.lap.ElapsedS = l.lap.TimerS
		if !l.lastPoint.IsZero() {
			if e := l.lastPoint.Sub(l.lap.Start).Seconds(); e > l.lap.ElapsedS {
				l.lap.ElapsedS = e
			}
		}
		a.Laps = append(a.Laps, l.lap)
		sumInto(&t.TimerS, l.timerS)
		sumInto(&t.DistanceM, l.distM)
		sumInto(&t.Calories, l.cal)
		maxInto(&t.MaxHR, l.maxHR)
		maxInto(&t.MaxSpeed, l.maxSpd)
		maxInto(&t.MaxPower, l.maxW)
		if w := l.timerS; activity.Has(w) && w > 0 {
			if activity.Has(l.avgHR) {
				hrW, hrS = hrW+w, hrS+w*l.avgHR
			}
			if activity.Has(l.avgCad) {
				cadW, cadS = cadW+w, cadS+w*l.avgCad
			}
			if activity.Has(l.avgW) {
				wW, wS = wW+w, wS+w*l.avgW
			}
		}
	}
	if hrW > 0 {
		t.AvgHR = hrS / hrW
	}
	if cadW > 0 {
		t.AvgCadence = cadS / cadW
	}
	if wW > 0 {
		t.AvgPower = wS / wW
	}
	if activity.Has(t.DistanceM) && activity.Has(t.TimerS) && t.TimerS > 0 {
		t.AvgSpeed = t.DistanceM / t.TimerS
	}
	a.Totals = t

	switch {
	case len(a.Samples) > 0:
		a.Start = a.Samples[0].Time
	case len(a.Laps) > 0:
		a.Start = a.Laps[0].Start
	}
	if st, ok := parseTime(idTime); ok && st.Before(a.Start) && a.Start.Sub(st) < time.Hour {
		a.Start = st
	}
	if len(a.Laps) > 0 && a.Laps[0].Start.Before(a.Start) && a.Start.Sub(a.Laps[0].Start) < time.Hour {
		a.Start = a.Laps[0].Start
	}
	if a.Start.IsZero() {
		return res, &Error{Code: CodeNoData, Detail: "TCX has no times"}
	}
	doubleStrides(a, false)
	res.Activity = a
	res.Warnings = warns
	return res, nil
}

func sumInto(d *float64, v float64) {
	if activity.Has(v) {
		if activity.Has(*d) {
			*d += v
		} else {
			*d = v
		}
	}
}

func maxInto(d *float64, v float64) {
	if activity.Has(v) && (!activity.Has(*d) || v > *d) {
		*d = v
	}
}

func tcxTrigger(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "manual":
		return "manual"
	case "distance":
		return "distance"
	case "location":
		return "position"
	case "time":
		return "time"
	}
	return ""
}

// TCX output model.
type (
	tcxDoc struct {
		XMLName    xml.Name      `xml:"TrainingCenterDatabase"`
		Xmlns      string        `xml:"xmlns,attr"`
		XmlnsNS3   string        `xml:"xmlns:ns3,attr"`
		XmlnsXsi   string        `xml:"xmlns:xsi,attr"`
		SchemaLoc  string        `xml:"xsi:schemaLocation,attr"`
		Activities tcxActivities `xml:"Activities"`
	}
	tcxActivities struct {
		Activity []tcxActivity `xml:"Activity"`
	}
	tcxActivity struct {
		Sport   string      `xml:"Sport,attr"`
		ID      string      `xml:"Id"`
		Laps    []tcxLapOut `xml:"Lap"`
		Notes   string      `xml:"Notes,omitempty"`
		Creator *tcxCreator `xml:"Creator,omitempty"`
	}
	tcxCreator struct {
		Type      string     `xml:"xsi:type,attr"`
		Name      string     `xml:"Name"`
		UnitID    uint32     `xml:"UnitId"`
		ProductID uint16     `xml:"ProductID"`
		Version   tcxVersion `xml:"Version"`
	}
	tcxVersion struct {
		Major int `xml:"VersionMajor"`
		Minor int `xml:"VersionMinor"`
	}
	tcxValue struct {
		Value int `xml:"Value"`
	}
	tcxLapOut struct {
		StartTime     string       `xml:"StartTime,attr"`
		TotalTime     string       `xml:"TotalTimeSeconds"`
		Distance      string       `xml:"DistanceMeters"`
		MaxSpeed      string       `xml:"MaximumSpeed,omitempty"`
		Calories      int          `xml:"Calories"`
		AvgHR         *tcxValue    `xml:"AverageHeartRateBpm,omitempty"`
		MaxHR         *tcxValue    `xml:"MaximumHeartRateBpm,omitempty"`
		Intensity     string       `xml:"Intensity"`
		TriggerMethod string       `xml:"TriggerMethod"`
		Track         *tcxTrackOut `xml:"Track,omitempty"`
	}
	tcxTrackOut struct {
		Points []tcxPointOut `xml:"Trackpoint"`
	}
	tcxPosition struct {
		Lat string `xml:"LatitudeDegrees"`
		Lon string `xml:"LongitudeDegrees"`
	}
	tcxPointOut struct {
		Time     string       `xml:"Time"`
		Position *tcxPosition `xml:"Position,omitempty"`
		Alt      string       `xml:"AltitudeMeters,omitempty"`
		Dist     string       `xml:"DistanceMeters,omitempty"`
		HR       *tcxValue    `xml:"HeartRateBpm,omitempty"`
		Cadence  string       `xml:"Cadence,omitempty"`
		Ext      *tcxPointExt `xml:"Extensions,omitempty"`
	}
	tcxPointExt struct {
		TPX tcxTPX `xml:"ns3:TPX"`
	}
	tcxTPX struct {
		Speed      string `xml:"ns3:Speed,omitempty"`
		RunCadence string `xml:"ns3:RunCadence,omitempty"`
		Watts      string `xml:"ns3:Watts,omitempty"`
	}
)

const tcxTimeLayout = "2006-01-02T15:04:05.000Z"

// encodeTCX writes a as one TCX activity. Run and walk cadence goes into
// the RunCadence extension in strides per minute, other cadence into
// Cadence.
func encodeTCX(w io.Writer, a *activity.Activity) error {
	sport := "Other"
	switch a.Sport.Family() {
	case activity.FamilyRun:
		sport = "Running"
	case activity.FamilyRide:
		sport = "Biking"
	}
	act := tcxActivity{Sport: sport, ID: a.Start.UTC().Format(tcxTimeLayout), Notes: a.Name}
	if a.Device.Product != "" {
		act.Creator = &tcxCreator{Type: "Device_t", Name: a.Device.Product}
		if sn, err := strconv.ParseUint(a.Device.Serial, 10, 32); err == nil {
			act.Creator.UnitID = uint32(sn)
		}
	}
	strides := stepSport(a.Sport)

	laps := a.Laps
	if len(laps) == 0 {
		laps = []activity.Lap{{Start: a.Start, ElapsedS: a.ElapsedS(), TimerS: a.ElapsedS(), DistanceM: lastDist(a.Samples)}}
		if activity.Has(a.Totals.TimerS) {
			laps[0].TimerS = a.Totals.TimerS
		}
		if activity.Has(a.Totals.DistanceM) {
			laps[0].DistanceM = a.Totals.DistanceM
		}
	}
	si := 0
	for li, l := range laps {
		out := tcxLapOut{
			StartTime:     l.Start.UTC().Format(tcxTimeLayout),
			TotalTime:     formatNum(l.TimerS, 3),
			Distance:      formatNum(l.DistanceM, 2),
			Intensity:     "Active",
			TriggerMethod: tcxTriggerOut(l.Trigger),
		}
		if len(a.Laps) == 0 && activity.Has(a.Totals.Calories) {
			out.Calories = int(math.Round(a.Totals.Calories))
		}
		var end time.Time
		if li+1 < len(laps) {
			end = laps[li+1].Start
		}
		var hrSum, hrN, hrMax float64
		track := &tcxTrackOut{}
		for ; si < len(a.Samples); si++ {
			s := a.Samples[si]
			if !end.IsZero() && !s.Time.Before(end) {
				break
			}
			p := tcxPointOut{Time: s.Time.UTC().Format(tcxTimeLayout)}
			if s.HasPos() {
				p.Position = &tcxPosition{Lat: formatNum(s.Lat, 7), Lon: formatNum(s.Lon, 7)}
			}
			if activity.Has(s.Alt) {
				p.Alt = formatNum(s.Alt, 2)
			}
			if activity.Has(s.Dist) {
				p.Dist = formatNum(s.Dist, 2)
			}
			if activity.Has(s.HR) {
				p.HR = &tcxValue{Value: int(math.Round(s.HR))}
				hrSum, hrN = hrSum+s.HR, hrN+1
				hrMax = math.Max(hrMax, s.HR)
			}
			var tpx tcxTPX
			if activity.Has(s.Cadence) {
				if strides {
					tpx.RunCadence = formatNum(s.Cadence/2, 0)
				} else {
					p.Cadence = formatNum(s.Cadence, 0)
				}
			}
			if activity.Has(s.Speed) {
				tpx.Speed = formatNum(s.Speed, 3)
			}
			if activity.Has(s.Power) {
				tpx.Watts = formatNum(s.Power, 0)
			}
			if tpx != (tcxTPX{}) {
				p.Ext = &tcxPointExt{TPX: tpx}
			}
			track.Points = append(track.Points, p)
		}
		if hrN > 0 {
			out.AvgHR = &tcxValue{Value: int(math.Round(hrSum / hrN))}
			out.MaxHR = &tcxValue{Value: int(math.Round(hrMax))}
		}
		if len(track.Points) > 0 {
			out.Track = track
		}
		act.Laps = append(act.Laps, out)
	}
	doc := tcxDoc{
		Xmlns:      "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2",
		XmlnsNS3:   "http://www.garmin.com/xmlschemas/ActivityExtension/v2",
		XmlnsXsi:   "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLoc:  "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd",
		Activities: tcxActivities{Activity: []tcxActivity{act}},
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("tcx: %w", err)
	}
	return enc.Close()
}

func tcxTriggerOut(s string) string {
	switch s {
	case "distance":
		return "Distance"
	case "position":
		return "Location"
	case "time":
		return "Time"
	}
	return "Manual"
}

func lastDist(ss []activity.Sample) float64 {
	for i := len(ss) - 1; i >= 0; i-- {
		if activity.Has(ss[i].Dist) {
			return ss[i].Dist
		}
	}
	return 0
}
