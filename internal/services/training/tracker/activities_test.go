package tracker_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// polylineInZone reports whether an encoded polyline passes through the
// home zone.
func polylineInZone(t *testing.T, pl string) bool {
	t.Helper()
	pts, err := route.DecodePolyline(pl)
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) == 0 {
		t.Fatal("empty polyline")
	}
	for _, p := range pts {
		if route.Distance(p, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius {
			return true
		}
	}
	return false
}

// stored stores an activity for name through StoreActivity (as the demo
// seeding does) and sets its visibility.
func (f *fixture) stored(t *testing.T, name string, start time.Time, visibility string) string {
	t.Helper()
	id, err := f.svc.StoreActivity(context.Background(), f.users[name], recorded(start, 400), "demo")
	if err != nil {
		t.Fatal(err)
	}
	f.mustDo(t, name, "PATCH", base+"/activities/"+id, map[string]string{"visibility": visibility}, 200)
	return id
}

// TestActivityAuthorization: nobody reads another user's activities,
// streams, routes or exports beyond what the owner's privacy allows, and
// the owner's privacy zones hold everywhere others look.
func TestActivityAuthorization(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	f.user("cat") // follows Ann
	f.user("dan") // a stranger
	f.zone(t, "ann", homeLat, homeLon, zoneRadius)
	f.follow(t, "cat", "ann")
	day := time.Now().Add(-72 * time.Hour).Truncate(time.Second)
	pub := f.stored(t, "ann", day, "public")
	fol := f.stored(t, "ann", day.Add(24*time.Hour), "followers")
	prv := f.stored(t, "ann", day.Add(48*time.Hour), "private")
	ids := map[string]string{"public": pub, "followers": fol, "private": prv}

	// Who sees which activity at all (default privacy: map for followers,
	// heart rate private, pace public).
	visible := map[string][]string{
		"ann": {"public", "followers", "private"},
		"cat": {"public", "followers"},
		"dan": {"public"},
	}
	for who, list := range visible {
		for vis, id := range ids {
			want := strings.Contains(strings.Join(list, ","), vis)
			for _, sub := range []string{"", "/streams"} {
				r := f.do(t, who, "GET", base+"/activities/"+id+sub, nil)
				if (r.status == 200) != want || (!want && (r.status != 404 || r.problem(t).Code != "activity_not_found")) {
					t.Errorf("%s GET %s activity%s: %d %s", who, vis, sub, r.status, r.body)
				}
			}
			for _, m := range []struct{ method, sub string }{{"PATCH", ""}, {"DELETE", ""}, {"POST", "/recompute"}} {
				if who == "ann" {
					continue
				}
				var body any
				if m.method == "PATCH" {
					body = map[string]string{"name": "mine now"}
				}
				f.wantProblem(t, who, m.method, base+"/activities/"+id+m.sub, body, 404, "activity_not_found")
			}
		}
		var page trackerapi.ActivityPage
		f.mustDo(t, who, "GET", base+"/activities?user_id="+f.users["ann"], nil, 200).json(t, &page)
		if len(page.Items) != len(list) {
			t.Errorf("%s lists %d of Ann's activities, want %d", who, len(page.Items), len(list))
		}
	}
	f.wantProblem(t, "", "GET", base+"/activities/"+pub, nil, 401, "unauthenticated")
	var mine trackerapi.ActivityPage
	f.mustDo(t, "dan", "GET", base+"/activities", nil, 200).json(t, &mine)
	if len(mine.Items) != 0 {
		t.Fatalf("dan lists %d activities of his own", len(mine.Items))
	}

	// What each sees of the public one.
	get := func(who, id string) trackerapi.Activity {
		var a trackerapi.Activity
		f.mustDo(t, who, "GET", base+"/activities/"+id, nil, 200).json(t, &a)
		return a
	}
	own, cats, dans := get("ann", pub), get("cat", pub), get("dan", pub)
	if own.Polyline == nil || !polylineInZone(t, *own.Polyline) || own.Analysis.AvgHR == nil || own.DeviceID != nil {
		t.Fatalf("owner's view %+v", own.ActivitySummary)
	}
	if cats.Polyline == nil || polylineInZone(t, *cats.Polyline) || cats.Analysis.AvgHR != nil || cats.Analysis.HRZones != nil ||
		cats.AvgSpeed == nil || strings.Join(cats.Hidden, ",") != "heart_rate" {
		t.Fatalf("follower's view %+v", cats.ActivitySummary)
	}
	if dans.Polyline != nil || dans.StartLatLng != nil || dans.Analysis.AvgHR != nil || strings.Join(dans.Hidden, ",") != "map,heart_rate" {
		t.Fatalf("stranger's view %+v", dans.ActivitySummary)
	}
	// Streams: positions in the zone and heart rate never reach others.
	var ss trackerapi.Streams
	f.mustDo(t, "cat", "GET", base+"/activities/"+pub+"/streams", nil, 200).json(t, &ss)
	if ss.HR != nil || len(ss.Lat) != 400 || ss.Speed == nil {
		t.Fatalf("follower's streams: hr=%v lat=%d", ss.HR != nil, len(ss.Lat))
	}
	for i := range ss.Lat {
		if ss.Lat[i] != nil && route.Distance(route.Point{Lat: *ss.Lat[i], Lon: *ss.Lon[i]}, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius {
			t.Fatalf("follower's stream shows sample %d inside the zone", i)
		}
	}
	f.mustDo(t, "dan", "GET", base+"/activities/"+pub+"/streams", nil, 200).json(t, &ss)
	if ss.Lat != nil || ss.Lon != nil || ss.HR != nil || ss.Alt == nil || len(ss.T) != 400 {
		t.Fatalf("stranger's streams show the map or heart rate")
	}
	f.mustDo(t, "ann", "GET", base+"/activities/"+pub+"/streams", nil, 200).json(t, &ss)
	if ss.HR == nil || ss.Lat[0] == nil || ss.T[1] != 1 {
		t.Fatal("owner's streams incomplete")
	}
	// Route.
	r := f.mustDo(t, "cat", "GET", base+"/activities/"+pub+"/route", nil, 200)
	if r.header.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("route content type %s", r.header.Get("Content-Type"))
	}
	var feature struct {
		Type     string `json:"type"`
		Geometry struct {
			Coordinates [][]float64 `json:"coordinates"`
		} `json:"geometry"`
	}
	r.json(t, &feature)
	if feature.Type != "Feature" || len(feature.Geometry.Coordinates) < 2 {
		t.Fatalf("route %s", r.body)
	}
	for _, c := range feature.Geometry.Coordinates {
		if route.Distance(route.Point{Lat: c[1], Lon: c[0]}, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius {
			t.Fatalf("follower's route passes through the zone: %v", c)
		}
	}
	f.wantProblem(t, "dan", "GET", base+"/activities/"+pub+"/route", nil, 403, "map_hidden")
	// Exports: the owner's as recorded; a follower's masked, without heart
	// rate; none for a stranger, who may not see the map.
	export := func(who, id, format string) actfile.Result {
		t.Helper()
		r := f.mustDo(t, who, "GET", base+"/activities/"+id+"/export?format="+format, nil, 200)
		if !strings.Contains(r.header.Get("Content-Disposition"), "."+format) {
			t.Fatalf("content disposition %q", r.header.Get("Content-Disposition"))
		}
		res, err := actfile.Decode("x."+format, r.body)
		if err != nil {
			t.Fatalf("%s export as %s: %v", format, who, err)
		}
		return res
	}
	for _, format := range []string{"gpx", "tcx", "fit"} {
		ownExport := export("ann", pub, format)
		inZone, hr := 0, 0
		for _, s := range ownExport.Activity.Samples {
			if s.HasPos() && route.Distance(route.Point{Lat: s.Lat, Lon: s.Lon}, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius {
				inZone++
			}
			if s.HR > 0 {
				hr++
			}
		}
		if inZone == 0 || hr == 0 {
			t.Fatalf("owner's %s export lacks the start or heart rate (%d, %d)", format, inZone, hr)
		}
		for _, s := range export("cat", pub, format).Activity.Samples {
			if s.HasPos() && route.Distance(route.Point{Lat: s.Lat, Lon: s.Lon}, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius {
				t.Fatalf("follower's %s export passes through the zone", format)
			}
			if s.HR > 0 {
				t.Fatalf("follower's %s export has heart rate", format)
			}
		}
	}
	f.wantProblem(t, "dan", "GET", base+"/activities/"+pub+"/export?format=gpx", nil, 403, "export_hidden")
	f.wantProblem(t, "ann", "GET", base+"/activities/"+pub+"/export?format=kml", nil, 400, "validation_failed")
	f.wantProblem(t, "ann", "GET", base+"/activities/"+pub+"/export", nil, 400, "validation_failed")

	// Ann opens her map and heart rate: Dan sees the route (still without
	// the zone), Cat the heart rate. Ann drops her zone: the route others
	// see now starts at home.
	f.privacy(t, "ann", profilesapi.VisibilityPublic, profilesapi.VisibilityFollowers, profilesapi.VisibilityPublic)
	dans = get("dan", pub)
	if dans.Polyline == nil || polylineInZone(t, *dans.Polyline) || dans.Analysis.AvgHR != nil {
		t.Fatalf("stranger's view with a public map %+v", dans.ActivitySummary)
	}
	if cats = get("cat", pub); cats.Analysis.AvgHR == nil {
		t.Fatal("follower misses heart rate shared with followers")
	}
	f.publish(t, profilesapi.EventPrivacyZonesChanged, "profiles", f.users["ann"],
		profilesapi.PrivacyZonesChangedV1{UserID: f.users["ann"], Zones: []profilesapi.ZoneV1{}})
	if dans = get("dan", pub); dans.Polyline == nil || !polylineInZone(t, *dans.Polyline) {
		t.Fatal("the masked route was not recomputed without the zone")
	}
	// Pace private: no speed, splits or best efforts; no export.
	f.privacy(t, "ann", profilesapi.VisibilityPublic, profilesapi.VisibilityPublic, profilesapi.VisibilityPrivate)
	if dans = get("dan", pub); dans.AvgSpeed != nil || dans.Analysis.SplitsKM != nil || dans.Analysis.BestEfforts != nil ||
		dans.Analysis.AvgPaceSPerKM != nil || dans.Analysis.DistanceM == 0 {
		t.Fatalf("pace shown: %+v", dans.Analysis)
	}
	f.wantProblem(t, "dan", "GET", base+"/activities/"+pub+"/export?format=gpx", nil, 403, "export_hidden")
}

func TestActivityEditing(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	f.zone(t, "ann", homeLat, homeLon, zoneRadius)
	start := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
	id, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(start, 400), "demo")
	if err != nil {
		t.Fatal(err)
	}
	var done trackerapi.ActivityV1
	f.waitEvent(t, trackerapi.EventActivityCompleted, id, &done)
	if done.Source != "demo" || done.Name != "Test run" || done.Polyline == "" || polylineInZone(t, done.Polyline) ||
		done.Analysis.DistanceM < 1100 || done.Visibility != "public" {
		t.Fatalf("activity_completed %+v", done)
	}
	// The same activity again is a duplicate of the first.
	if dup, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(start.Add(20*time.Second), 400), "import"); !errors.Is(err, apperr.New(apperr.Conflict, "duplicate_activity", "")) || dup != id {
		t.Fatalf("duplicate: %q %v", dup, err)
	}
	if _, err := f.svc.StoreActivity(context.Background(), "not-a-user", recorded(start, 10), "demo"); !apperr.IsKind(err, apperr.Invalid) {
		t.Fatalf("bad user: %v", err)
	}

	p := f.wantProblem(t, "ann", "PATCH", base+"/activities/"+id, map[string]any{"name": "", "sport": "chess",
		"visibility": "friends", "gear_id": "a b"}, 400, "validation_failed")
	if len(p.Errors) != 4 {
		t.Fatalf("field errors %+v", p.Errors)
	}
	var a trackerapi.Activity
	f.mustDo(t, "ann", "PATCH", base+"/activities/"+id, map[string]any{"name": "Tempo", "description": "felt good",
		"sport": "trail_running", "gear_id": "shoe-1", "visibility": "followers"}, 200).json(t, &a)
	if a.Name != "Tempo" || a.Description != "felt good" || a.Sport != "trail_running" || a.GearID == nil || a.Visibility != "followers" {
		t.Fatalf("patched %+v", a)
	}
	f.settled(t)
	var upd trackerapi.ActivityV1
	f.waitEvent(t, trackerapi.EventActivityUpdated, id, &upd)
	if upd.Name != "Tempo" || upd.Sport != "trail_running" || upd.GearID != "shoe-1" || upd.Visibility != "followers" {
		t.Fatalf("activity_updated %+v", upd)
	}
	// A patch that changes nothing publishes nothing.
	f.mustDo(t, "ann", "PATCH", base+"/activities/"+id, map[string]any{"name": "Tempo"}, 200)
	f.mustDo(t, "ann", "PATCH", base+"/activities/"+id, map[string]any{"gear_id": nil}, 200)
	f.settled(t)
	if n := len(f.events(t, trackerapi.EventActivityUpdated, id)); n != 2 {
		t.Fatalf("%d activity_updated events, want 2", n)
	}
	// Recompute with athlete data: heart-rate zones appear.
	f.publish(t, profilesapi.EventAthleteChanged, "profiles", f.users["ann"], profilesapi.AthleteChangedV1{
		UserID: f.users["ann"], RestingHR: ptr(50), MaxHR: ptr(190), HRZones: []int{120, 140, 155, 170}})
	f.mustDo(t, "ann", "POST", base+"/activities/"+id+"/recompute", nil, 200).json(t, &a)
	if a.Analysis.HRZones == nil || a.Analysis.HRZones.Method != "custom" {
		t.Fatalf("recomputed zones %+v", a.Analysis.HRZones)
	}
	// Search and filters.
	var page trackerapi.ActivityPage
	q := url.Values{"q": {"tempo"}, "sport": {"trail_running"}, "from": {start.Add(-time.Hour).Format(time.RFC3339)},
		"to": {time.Now().Format(time.DateOnly)}}
	f.mustDo(t, "ann", "GET", base+"/activities?"+q.Encode(), nil, 200).json(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("filtered list %+v", page)
	}
	f.wantProblem(t, "ann", "GET", base+"/activities?limit=0&sport=chess&from=yesterday&bogus=1", nil, 400, "validation_failed")
	f.wantProblem(t, "ann", "GET", base+"/activities?cursor=nonsense", nil, 400, "validation_failed")

	// Delete: gone with its samples, and announced.
	f.mustDo(t, "ann", "DELETE", base+"/activities/"+id, nil, 204)
	f.wantProblem(t, "ann", "GET", base+"/activities/"+id, nil, 404, "activity_not_found")
	f.wantProblem(t, "ann", "DELETE", base+"/activities/"+id, nil, 404, "activity_not_found")
	var del trackerapi.ActivityDeletedV1
	f.waitEvent(t, trackerapi.EventActivityDeleted, id, &del)
	if del.UserID != f.users["ann"] {
		t.Fatalf("activity_deleted %+v", del)
	}
	if files := f.blobFiles(t); len(files) != 0 {
		t.Fatalf("blobs left: %v", files)
	}
}

func TestListPagination(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	start := time.Now().Add(-30 * 24 * time.Hour).Truncate(time.Second)
	for i := range 5 {
		if _, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(start.Add(time.Duration(i)*24*time.Hour), 30), "demo"); err != nil {
			t.Fatal(err)
		}
	}
	var all []string
	path := base + "/activities?limit=2"
	for range 5 {
		var page trackerapi.ActivityPage
		f.mustDo(t, "ann", "GET", path, nil, 200).json(t, &page)
		for _, a := range page.Items {
			all = append(all, a.StartedAt.Format(time.RFC3339))
		}
		if page.NextCursor == nil {
			break
		}
		path = base + "/activities?limit=2&cursor=" + *page.NextCursor
	}
	if len(all) != 5 || all[0] <= all[4] {
		t.Fatalf("pages: %v", all)
	}
}

func ptr[T any](v T) *T { return &v }
