package domain_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

func ptr[T any](v T) *T { return &v }

func TestActivityViewMatrix(t *testing.T) {
	p := domain.Privacy{ProfileVisibility: domain.Public, Map: domain.Followers, HeartRate: domain.Private, Pace: domain.Public}
	cases := []struct {
		visibility string
		rel        domain.Relation
		ok         bool
		hidden     []string
	}{
		{domain.Public, domain.Owner, true, []string{}},
		{domain.Private, domain.Owner, true, []string{}},
		{domain.Public, domain.Stranger, true, []string{"map", "heart_rate"}},
		{domain.Public, domain.Follower, true, []string{"heart_rate"}},
		{domain.Followers, domain.Stranger, false, nil},
		{domain.Followers, domain.Follower, true, []string{"heart_rate"}},
		{domain.Private, domain.Follower, false, nil},
		{domain.Private, domain.Stranger, false, nil},
		// A share link is for a live session only.
		{domain.Public, domain.ShareLink, false, nil},
	}
	for _, c := range cases {
		v, ok := domain.ActivityView(p, c.visibility, c.rel)
		if ok != c.ok || (ok && !slices.Equal(v.Hidden(), c.hidden)) {
			t.Errorf("visibility %s, relation %d: ok=%v hidden=%v, want %v %v", c.visibility, c.rel, ok, v.Hidden(), c.ok, c.hidden)
		}
	}
	open := domain.Privacy{Map: domain.Public, HeartRate: domain.Public, Pace: domain.Private}
	if v, ok := domain.ActivityView(open, domain.Public, domain.Stranger); !ok || !v.Map || !v.HeartRate || v.Pace || v.ExportAllowed() {
		t.Errorf("open map and HR, private pace: %+v export=%v", v, v.ExportAllowed())
	}
}

func TestLiveViewMatrix(t *testing.T) {
	p := domain.DefaultPrivacy("u")
	if _, ok := domain.LiveView(p, domain.Stranger); ok {
		t.Error("a stranger may watch")
	}
	v, ok := domain.LiveView(p, domain.Follower)
	if !ok || !v.Map || v.HeartRate || !v.Pace {
		t.Errorf("follower with default privacy: %v %+v", ok, v)
	}
	v, ok = domain.LiveView(p, domain.ShareLink)
	if !ok || !v.Map || v.HeartRate || !v.Pace {
		t.Errorf("share link with default privacy: %v %+v", ok, v)
	}
	p.Map = domain.Private
	if _, ok := domain.LiveView(p, domain.Follower); ok {
		t.Error("a follower may watch a private map")
	}
	if _, ok := domain.LiveView(p, domain.ShareLink); !ok {
		t.Error("the owner's own share link stops working with a private map")
	}
	p.HeartRate = domain.Public
	if v, _ := domain.LiveView(p, domain.ShareLink); !v.HeartRate {
		t.Error("public heart rate hidden from a share link")
	}
}

func TestViewMasksPointsAndSamples(t *testing.T) {
	home := route.Zone{Lat: 55.75, Lon: 37.62, RadiusM: 200}
	v := domain.View{Map: true, Pace: false, HeartRate: false, Zones: []route.Zone{home}}
	in := domain.NaNPoint(1)
	in.Lat, in.Lon, in.HR, in.Speed, in.Dist, in.Alt = 55.7501, 37.6201, 150, 3, 100, 140
	out := v.Point(in)
	if out.HasPos() || !math.IsNaN(out.HR) || !math.IsNaN(out.Speed) || !math.IsNaN(out.Dist) || out.Alt != 140 {
		t.Fatalf("masked point %+v", out)
	}
	far := in
	far.Lat = 55.76
	if got := v.Point(far); !got.HasPos() {
		t.Fatal("a point outside every zone lost its position")
	}
	if got := domain.OwnerView().Point(in); !got.HasPos() || got.HR != 150 {
		t.Fatal("the owner sees a masked point")
	}
	// Samples: every position inside a zone goes, the rest stays.
	t0 := time.Unix(1_700_000_000, 0)
	var samples []activity.Sample
	for i := range 40 {
		s := activity.NewSample(t0.Add(time.Duration(i) * time.Second))
		s.Lat, s.Lon, s.HR = 55.75+float64(i)*0.0005, 37.62, 140
		samples = append(samples, s)
	}
	masked := v.Samples(samples)
	for i, s := range masked {
		if s.HasPos() && route.InZones(route.Point{Lat: s.Lat, Lon: s.Lon}, v.Zones) {
			t.Fatalf("sample %d inside the zone kept its position", i)
		}
		if activity.Has(s.HR) {
			t.Fatalf("sample %d kept hidden heart rate", i)
		}
	}
	if !masked[len(masked)-1].HasPos() {
		t.Fatal("the last sample, far from the zone, lost its position")
	}
	if !samples[0].HasPos() {
		t.Fatal("Samples changed its input")
	}
	if got := (domain.View{Pace: true, HeartRate: true}).Samples(samples); got[10].HasPos() {
		t.Fatal("a hidden map kept positions")
	}
}

func TestViewAnalysis(t *testing.T) {
	r := analysis.Result{DistanceM: 5000, AvgSpeed: 3, AvgHR: ptr(150.0), MaxHR: ptr(170.0), AvgPaceSPerKM: ptr(333.0),
		SplitsKM:    []analysis.Split{{Index: 1, AvgHR: ptr(140.0), AvgSpeed: 3}},
		HRZones:     &analysis.Zones{Method: "karvonen"},
		BestEfforts: []analysis.Effort{{Name: "1k"}},
		Load:        analysis.Load{TRIMP: ptr(80.0), TSS: ptr(70.0), TSSMethod: "hr"}}
	noHR := domain.View{Map: true, Pace: true}.Analysis(r)
	if noHR.AvgHR != nil || noHR.MaxHR != nil || noHR.HRZones != nil || noHR.Load.TRIMP != nil || noHR.Load.TSS != nil ||
		noHR.SplitsKM[0].AvgHR != nil || noHR.SplitsKM[0].AvgSpeed != 3 {
		t.Fatalf("heart rate left in %+v", noHR)
	}
	if r.SplitsKM[0].AvgHR == nil {
		t.Fatal("Analysis changed its input")
	}
	noPace := domain.View{Map: true, HeartRate: true}.Analysis(r)
	if noPace.AvgSpeed != 0 || noPace.AvgPaceSPerKM != nil || noPace.SplitsKM != nil || noPace.BestEfforts != nil ||
		noPace.DistanceM != 5000 || noPace.AvgHR == nil {
		t.Fatalf("pace left in %+v", noPace)
	}
}

func TestHashZones(t *testing.T) {
	a := []route.Zone{{Lat: 1, Lon: 2, RadiusM: 100}, {Lat: 3, Lon: 4, RadiusM: 200}}
	b := []route.Zone{a[1], a[0]}
	if domain.HashZones(a) != domain.HashZones(b) || domain.HashZones(a) == "" || domain.HashZones(nil) != "" {
		t.Fatal("hash depends on order or is empty")
	}
	if domain.HashZones(a) == domain.HashZones(a[:1]) {
		t.Fatal("different zones hash alike")
	}
}

// walk returns samples 1 s apart moving north at speed m/s from t0 (ms).
func walk(t0 int64, n int, speed float64) []domain.Sample {
	out := make([]domain.Sample, n)
	for i := range out {
		p := domain.NaNPoint(t0 + int64(i)*1000)
		p.Lat, p.Lon = 55.7+float64(i)*speed/111_195, 37.6
		out[i] = domain.Sample{Point: p, Acc: 5}
	}
	return out
}

func TestAdvanceAutoPauseAndTotals(t *testing.T) {
	var l domain.LiveState
	run := walk(1_000_000, 11, 3)
	shown, moved := l.Advance(run, "running", false, 5*time.Second)
	if len(shown) != 11 || !moved || l.AutoPaused {
		t.Fatalf("running: %d shown, moved=%v, auto=%v", len(shown), moved, l.AutoPaused)
	}
	if d := l.DistanceM(); math.Abs(d-30) > 0.5 {
		t.Fatalf("distance %.2f, want 30", d)
	}
	if math.Abs(l.MovingS-10) > 1e-9 {
		t.Fatalf("moving %.1f s, want 10", l.MovingS)
	}
	// Standing still for 6 s auto-pauses; moving time stops.
	last := run[len(run)-1]
	var still []domain.Sample
	for i := 1; i <= 6; i++ {
		s := last
		s.T += int64(i) * 1000
		still = append(still, s)
	}
	if _, moved := l.Advance(still, "running", false, 5*time.Second); moved || !l.AutoPaused {
		t.Fatalf("standing: moved=%v auto=%v", moved, l.AutoPaused)
	}
	if math.Abs(l.MovingS-10) > 1e-9 {
		t.Fatalf("moving time grew while standing: %.1f", l.MovingS)
	}
	// Old and resent samples do not move the state.
	before := l
	if shown, _ := l.Advance(run[:3], "running", false, 5*time.Second); len(shown) != 0 || l.DistanceM() != before.DistanceM() {
		t.Fatal("a resent sample moved the live state")
	}
	// Moving again ends the auto-pause.
	again := walk(still[len(still)-1].T+1000, 3, 3)
	for i := range again {
		again[i].Lat += last.Lat - 55.7
	}
	if _, moved := l.Advance(again, "running", false, 5*time.Second); !moved || l.AutoPaused {
		t.Fatalf("moving again: moved=%v auto=%v", moved, l.AutoPaused)
	}
}

func TestAdvanceRejectsGPSJumps(t *testing.T) {
	var l domain.LiveState
	s := walk(0, 5, 3)
	jump := s[4]
	jump.T += 1000
	jump.Lat += 0.01 // 1.1 km in a second
	inaccurate := s[4]
	inaccurate.T += 2000
	inaccurate.Acc = 200
	shown, _ := l.Advance(append(s, jump, inaccurate), "running", false, 5*time.Second)
	if shown[5].HasPos() || shown[6].HasPos() {
		t.Fatalf("an implausible position is shown: %+v %+v", shown[5], shown[6])
	}
	if d := l.DistanceM(); math.Abs(d-12) > 0.5 {
		t.Fatalf("distance %.1f counts a jump", d)
	}
	// Enough fixes in a row far away: the athlete is there.
	far := walk(10_000, 8, 3)
	for i := range far {
		far[i].Lat += 0.05
	}
	shown, _ = l.Advance(far, "running", false, 5*time.Second)
	if !shown[len(shown)-1].HasPos() {
		t.Fatal("the position never recovers after a real jump")
	}
	// A ride may go faster than a run.
	var ride domain.LiveState
	if shown, _ := ride.Advance(walk(0, 3, 15), "cycling", false, 5*time.Second); !shown[2].HasPos() {
		t.Fatal("15 m/s rejected for a ride")
	}
}

func TestAdvanceDeviceDistanceAndPause(t *testing.T) {
	var l domain.LiveState
	s := walk(0, 4, 3)
	for i := range s {
		s[i].Dist = 1000 + float64(i)*4
	}
	l.Advance(s, "running", false, 5*time.Second)
	if l.DistanceM() != 12 {
		t.Fatalf("device distance %.1f, want 12", l.DistanceM())
	}
	var p domain.LiveState
	p.Advance(walk(0, 5, 3), "running", true, 5*time.Second)
	if p.MovingS != 0 || p.GPSDistanceM != 0 {
		t.Fatalf("paused session counted %.1f s, %.1f m", p.MovingS, p.GPSDistanceM)
	}
	var indoor domain.LiveState
	x := domain.Sample{Point: domain.NaNPoint(1000)}
	x.Cad = 85
	y := x
	y.T = 2000
	if _, moved := indoor.Advance([]domain.Sample{x, y}, "cycling", false, 5*time.Second); !moved {
		t.Fatal("pedalling without a position does not count as moving")
	}
}

func TestSortSamplesMerges(t *testing.T) {
	a := domain.Sample{Point: domain.NaNPoint(2000)}
	a.HR = 150
	b := domain.Sample{Point: domain.NaNPoint(1000)}
	c := domain.Sample{Point: domain.NaNPoint(2000)}
	c.Lat, c.Lon = 1, 2
	got := domain.SortSamples([]domain.Sample{a, b, c})
	if len(got) != 2 || got[0].T != 1000 || got[1].HR != 150 || got[1].Lat != 1 {
		t.Fatalf("sorted %+v", got)
	}
}

func TestBuildActivitySkipsPauses(t *testing.T) {
	s := domain.Session{Sport: "running", StartedAt: time.UnixMilli(0)}
	samples := walk(1000, 10, 3)
	samples[9].Acc = 500
	a := domain.BuildActivity(s, samples, []domain.Pause{{From: 3000, To: 6000}})
	if len(a.Samples) != 7 || a.Sport != activity.Running || !a.Start.Equal(time.UnixMilli(1000)) {
		t.Fatalf("activity: %d samples, sport %s, start %v", len(a.Samples), a.Sport, a.Start)
	}
	if a.Samples[len(a.Samples)-1].HasPos() {
		t.Fatal("an inaccurate fix kept its position")
	}
	if a.Name == "" {
		t.Fatal("no name")
	}
	if got := domain.BuildActivity(domain.Session{Sport: "football"}, samples, nil); got.Sport != activity.Other {
		t.Fatalf("football became %s", got.Sport)
	}
}

func TestDefaultName(t *testing.T) {
	a := &activity.Activity{Sport: activity.Cycling, Start: time.Date(2025, 5, 1, 4, 0, 0, 0, time.UTC)}
	s := activity.NewSample(a.Start)
	s.Lat, s.Lon = 55.7, 37.6 // Moscow: UTC+2.5 solar, so 06:30
	a.Samples = []activity.Sample{s}
	if got := domain.DefaultName(a); got != "Morning Ride" {
		t.Fatalf("name %q", got)
	}
	a.Samples = nil
	if got := domain.DefaultName(a); got != "Night Ride" {
		t.Fatalf("name without a position %q", got)
	}
}

func TestPatch(t *testing.T) {
	a := domain.Activity{Name: "Run", Sport: "running", Visibility: domain.Public}
	changed, sport, err := domain.Patch{Name: ptr("  Long run "), Sport: ptr("trail_running")}.Apply(&a)
	if err != nil || !changed || !sport || a.Name != "Long run" || a.Sport != "trail_running" {
		t.Fatalf("patch: %v %v %v %+v", changed, sport, err, a)
	}
	if changed, _, err := (domain.Patch{Name: ptr("Long run")}).Apply(&a); err != nil || changed {
		t.Fatalf("same name: %v %v", changed, err)
	}
	before := a
	_, _, err = domain.Patch{Name: ptr(""), Visibility: ptr("friends"), Sport: ptr("chess"), GearIDSet: true,
		GearID: ptr("a b"), DescriptionSet: true, Description: ptr("bad\x00")}.Apply(&a)
	var ae *apperr.Error
	if err == nil || !apperr.IsKind(err, apperr.Invalid) {
		t.Fatalf("bad patch: %v", err)
	}
	if e, ok := err.(*apperr.Error); ok {
		ae = e
	}
	if ae == nil || len(ae.Fields) != 5 || a.Name != before.Name || a.Visibility != before.Visibility {
		t.Fatalf("bad patch: %+v, activity %+v", ae, a)
	}
	if _, _, err := (domain.Patch{GearIDSet: true}).Apply(&a); err != nil || a.GearID != nil {
		t.Fatalf("clear gear: %v", err)
	}
}

func TestSafetyValidate(t *testing.T) {
	me := "0190a1b2-0000-7000-8000-000000000001"
	other := "0190a1b2-0000-7000-8000-000000000002"
	ok := domain.Safety{UserID: me, Contacts: []string{other}, StopAlertAfterS: 300}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := domain.Safety{UserID: me, Contacts: []string{me, other, other, "x", "0190a1b2-0000-7000-8000-000000000003",
		"0190a1b2-0000-7000-8000-000000000004"}, StopAlertAfterS: 30}
	err := bad.Validate()
	e, isApp := err.(*apperr.Error)
	if !isApp || len(e.Fields) != 5 {
		t.Fatalf("bad safety: %v", err)
	}
}

func TestOverlaps(t *testing.T) {
	s := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	e := s.Add(time.Hour)
	for _, c := range []struct {
		start   time.Time
		elapsed time.Duration
		want    bool
	}{
		{s.Add(30 * time.Second), time.Hour, true},
		{s.Add(-59 * time.Second), time.Minute, true},
		{s.Add(2 * time.Minute), time.Hour, false},
		{s.Add(-2 * time.Hour), time.Minute, false},
	} {
		if got := domain.Overlaps(c.start, c.elapsed, s, e); got != c.want {
			t.Errorf("start %v elapsed %v: %v", c.start, c.elapsed, got)
		}
	}
}
