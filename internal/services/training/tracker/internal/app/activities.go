package app

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// visibleActivity loads an activity and the view uid has of it; an
// activity uid may not see is not found.
func (a *App) visibleActivity(ctx context.Context, id, uid string) (domain.Activity, domain.View, error) {
	if !domain.ValidID(id) {
		return domain.Activity{}, domain.View{}, domain.ErrActivityNotFound
	}
	d, err := a.store.Activity(ctx, id)
	if err != nil {
		return d, domain.View{}, err
	}
	rel, err := a.relation(ctx, uid, d.UserID)
	if err != nil {
		return d, domain.View{}, err
	}
	if rel == domain.Owner {
		return d, domain.OwnerView(), nil
	}
	p, err := a.store.Privacy(ctx, d.UserID)
	if err != nil {
		return d, domain.View{}, err
	}
	v, ok := domain.ActivityView(p, d.Visibility, rel)
	if !ok {
		return d, v, domain.ErrActivityNotFound
	}
	return d, v, nil
}

// ownActivity loads one of the caller's activities; another user's is not
// found.
func (a *App) ownActivity(ctx context.Context, id, uid string, lock bool) (domain.Activity, error) {
	if !domain.ValidID(id) {
		return domain.Activity{}, domain.ErrActivityNotFound
	}
	get := a.store.Activity
	if lock {
		get = a.store.ActivityForUpdate
	}
	d, err := get(ctx, id)
	if err == nil && d.UserID != uid {
		err = domain.ErrActivityNotFound
	}
	return d, err
}

// othersRoute is the route everyone but the owner sees: cached when it was
// computed under the owner's current zones, else computed from the samples
// and cached. It fails closed: no route when the samples cannot be read.
func (a *App) othersRoute(ctx context.Context, d domain.Activity) domain.Route {
	if !d.HasRoute {
		return domain.Route{}
	}
	p, err := a.store.Privacy(ctx, d.UserID)
	if err != nil {
		a.logger.Warn("masked route: privacy", "activity_id", d.ID, "err", err)
		return domain.Route{}
	}
	if d.MaskedRoute != nil && d.MaskedZonesHash == p.ZonesHash {
		return *d.MaskedRoute
	}
	act, err := a.loadSamples(ctx, d.StreamsKey)
	if err != nil {
		a.logger.Warn("masked route: samples", "activity_id", d.ID, "err", err)
		return domain.Route{}
	}
	m := maskedRoute(act.Samples, p.Zones)
	if err := a.store.SetMaskedRoute(ctx, d.ID, p.ZonesHash, m); err != nil {
		a.logger.Warn("masked route: cache", "activity_id", d.ID, "err", err)
	}
	return m
}

// summaryDTO converts an activity to a list item as the view sees it.
func (a *App) summaryDTO(ctx context.Context, d domain.Activity, v domain.View) trackerapi.ActivitySummary {
	s := trackerapi.ActivitySummary{ID: d.ID, UserID: d.UserID, Sport: d.Sport, Name: d.Name, Visibility: d.Visibility,
		Source: d.Source, StartedAt: d.StartedAt, TimeZone: d.TimeZone, DistanceM: d.Analysis.DistanceM,
		ElapsedS: d.Analysis.ElapsedS, MovingS: d.Analysis.MovingS, ElevGainM: d.Analysis.ElevGainM,
		HasRoute: d.HasRoute, Hidden: v.Hidden(), CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if v.Pace {
		avg := d.Analysis.AvgSpeed
		s.AvgSpeed = &avg
	}
	if v.Map && d.HasRoute {
		r := d.Route
		if !v.Owner {
			r = a.othersRoute(ctx, d)
		}
		if r.Polyline != "" {
			pl := r.Polyline
			s.Polyline, s.StartLatLng, s.EndLatLng = &pl, r.Start, r.End
		}
	}
	return s
}

// activityDTO converts an activity with its analysis as the view sees it.
func (a *App) activityDTO(ctx context.Context, d domain.Activity, v domain.View) trackerapi.Activity {
	out := trackerapi.Activity{ActivitySummary: a.summaryDTO(ctx, d, v), Description: d.Description,
		Analysis: v.Analysis(d.Analysis)}
	if v.Owner {
		out.GearID = d.GearID
		if d.DeviceID != "" {
			dev := d.DeviceID
			out.DeviceID = &dev
		}
		if d.ImportID != "" {
			imp := d.ImportID
			out.ImportID = &imp
		}
	}
	return out
}

// ListQuery selects activities: the caller's own, or another user's that
// the caller may see (UserID set).
type ListQuery struct {
	UserID   string
	Sport    string
	Q        string
	From, To *time.Time
	Cursor   string
	Limit    int
}

type listCursor struct {
	At int64  `json:"at"`
	ID string `json:"id"`
}

// List returns a page of activities, newest first: all of the caller's
// own, or those of another user their visibility lets the caller see.
func (a *App) List(ctx context.Context, q ListQuery) (trackerapi.ActivityPage, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.ActivityPage{}, err
	}
	owner := q.UserID
	if owner == "" {
		owner = uid
	}
	f := store.ActivityFilter{UserID: owner, Sport: q.Sport, From: q.From, To: q.To, Query: q.Q, Limit: q.Limit + 1}
	if q.Cursor != "" {
		var c listCursor
		if err := web.DecodeCursor(q.Cursor, &c); err != nil {
			return trackerapi.ActivityPage{}, err
		}
		f.AfterAt, f.AfterID = time.UnixMilli(c.At), c.ID
	}
	rel, err := a.relation(ctx, uid, owner)
	if err != nil {
		return trackerapi.ActivityPage{}, err
	}
	var priv domain.Privacy
	switch rel {
	case domain.Owner:
	case domain.Follower:
		f.Visibilities = []string{domain.Public, domain.Followers}
	default:
		f.Visibilities = []string{domain.Public}
	}
	if rel != domain.Owner {
		if priv, err = a.store.Privacy(ctx, owner); err != nil {
			return trackerapi.ActivityPage{}, err
		}
	}
	list, err := a.store.ListActivities(ctx, f)
	if err != nil {
		return trackerapi.ActivityPage{}, err
	}
	page := trackerapi.ActivityPage{Items: make([]trackerapi.ActivitySummary, 0, len(list))}
	if len(list) > q.Limit {
		list = list[:q.Limit]
		last := list[len(list)-1]
		c := web.EncodeCursor(listCursor{At: last.StartedAt.UnixMilli(), ID: last.ID})
		page.NextCursor = &c
	}
	for _, d := range list {
		v := domain.OwnerView()
		if rel != domain.Owner {
			var ok bool
			if v, ok = domain.ActivityView(priv, d.Visibility, rel); !ok {
				continue
			}
		}
		page.Items = append(page.Items, a.summaryDTO(ctx, d, v))
	}
	return page, nil
}

// Activity returns one activity as the caller may see it.
func (a *App) Activity(ctx context.Context, id string) (trackerapi.Activity, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	d, v, err := a.visibleActivity(ctx, id, uid)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	return a.activityDTO(ctx, d, v), nil
}

// UpdateActivity changes the caller's activity (name, description, sport,
// visibility, gear); a new sport re-analyses it. A change publishes
// ActivityUpdated with the whole activity; a patch that changes nothing
// publishes nothing.
func (a *App) UpdateActivity(ctx context.Context, id string, p domain.Patch) (trackerapi.Activity, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	cur, err := a.ownActivity(ctx, id, uid, false)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	probe := cur
	if _, _, err := p.Apply(&probe); err != nil {
		return trackerapi.Activity{}, err
	}
	// A new sport changes the analysis: computed before the transaction.
	var res *analysis.Result
	if probe.Sport != cur.Sport {
		r, err := a.analyse(ctx, cur, activity.Sport(probe.Sport))
		if err != nil {
			return trackerapi.Activity{}, err
		}
		res = &r
	}
	var d domain.Activity
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var err error
		if d, err = a.ownActivity(ctx, id, uid, true); err != nil {
			return nil, err
		}
		changed, sportChanged, err := p.Apply(&d)
		if err != nil || !changed {
			return nil, err
		}
		if sportChanged && res != nil {
			d.Analysis = *res
		}
		d.UpdatedAt = a.now().Truncate(time.Millisecond)
		if err := a.store.UpdateActivity(ctx, d); err != nil {
			return nil, err
		}
		var e events
		completedEvent(&e, trackerapi.EventActivityUpdated, d, a.othersRoute(ctx, d))
		return e.result()
	})
	if err != nil {
		return trackerapi.Activity{}, err
	}
	return a.activityDTO(ctx, d, domain.OwnerView()), nil
}

// analyse runs the analysis of a stored activity again, as sport, with the
// athlete's current data.
func (a *App) analyse(ctx context.Context, d domain.Activity, sport activity.Sport) (analysis.Result, error) {
	act, err := a.loadSamples(ctx, d.StreamsKey)
	if err != nil {
		return analysis.Result{}, err
	}
	act.Sport = sport
	p, err := a.store.Privacy(ctx, d.UserID)
	if err != nil {
		return analysis.Result{}, err
	}
	return analysis.Analyze(act, p.Athlete), nil
}

// Recompute analyses the caller's activity again with their current
// athlete data (heart-rate zones, thresholds, weight) and publishes
// ActivityUpdated.
func (a *App) Recompute(ctx context.Context, id string) (trackerapi.Activity, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	cur, err := a.ownActivity(ctx, id, uid, false)
	if err != nil {
		return trackerapi.Activity{}, err
	}
	res, err := a.analyse(ctx, cur, activity.Sport(cur.Sport))
	if err != nil {
		return trackerapi.Activity{}, err
	}
	var d domain.Activity
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var err error
		if d, err = a.ownActivity(ctx, id, uid, true); err != nil {
			return nil, err
		}
		d.Analysis, d.UpdatedAt = res, a.now().Truncate(time.Millisecond)
		if err := a.store.UpdateActivity(ctx, d); err != nil {
			return nil, err
		}
		var e events
		completedEvent(&e, trackerapi.EventActivityUpdated, d, a.othersRoute(ctx, d))
		return e.result()
	})
	if err != nil {
		return trackerapi.Activity{}, err
	}
	return a.activityDTO(ctx, d, domain.OwnerView()), nil
}

// DeleteActivity deletes the caller's activity with its samples and
// archive, publishing ActivityDeleted.
func (a *App) DeleteActivity(ctx context.Context, id string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	var d domain.Activity
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var err error
		if d, err = a.ownActivity(ctx, id, uid, true); err != nil {
			return nil, err
		}
		if _, err := a.store.DeleteActivity(ctx, id); err != nil {
			return nil, err
		}
		var e events
		e.add(trackerapi.EventActivityDeleted, d.ID, trackerapi.ActivityDeletedV1{ActivityID: d.ID, UserID: d.UserID,
			ImportID: d.ImportID})
		return e.result()
	})
	if err != nil {
		return err
	}
	a.deleteBlobs(ctx, d.StreamsKey, d.ArchiveKey)
	return nil
}

// Streams returns an activity's samples in columns as the caller may see
// them.
func (a *App) Streams(ctx context.Context, id string) (trackerapi.Streams, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Streams{}, err
	}
	d, v, err := a.visibleActivity(ctx, id, uid)
	if err != nil {
		return trackerapi.Streams{}, err
	}
	act, err := a.loadSamples(ctx, d.StreamsKey)
	if err != nil {
		return trackerapi.Streams{}, err
	}
	samples := v.Samples(act.Samples)
	out := trackerapi.Streams{T: make([]float64, len(samples)), Hidden: v.Hidden()}
	cols := make([][]*float64, 9)
	for i := range cols {
		cols[i] = make([]*float64, len(samples))
	}
	has := make([]bool, 9)
	for i, s := range samples {
		out.T[i] = s.Time.Sub(act.Start).Seconds()
		for c, x := range []float64{s.Lat, s.Lon, s.Alt, s.Dist, s.Speed, s.HR, s.Cadence, s.Power, s.Temp} {
			if p := domain.Ptr(x); p != nil {
				cols[c][i], has[c] = p, true
			}
		}
	}
	for c := range cols {
		if !has[c] {
			cols[c] = nil
		}
	}
	out.Lat, out.Lon, out.Alt, out.Dist, out.Speed = cols[0], cols[1], cols[2], cols[3], cols[4]
	out.HR, out.Cadence, out.Power, out.Temp = cols[5], cols[6], cols[7], cols[8]
	return out, nil
}

// Route returns an activity's simplified route as a GeoJSON Feature, with
// the owner's privacy zones cut out for everyone else.
func (a *App) Route(ctx context.Context, id string) ([]byte, error) {
	uid, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	d, v, err := a.visibleActivity(ctx, id, uid)
	if err != nil {
		return nil, err
	}
	if !v.Map {
		return nil, domain.ErrMapHidden
	}
	r := d.Route
	if !v.Owner {
		r = a.othersRoute(ctx, d)
	}
	if !d.HasRoute || r.Polyline == "" {
		return nil, domain.ErrNoRoute
	}
	pts, err := route.DecodePolyline(r.Polyline)
	if err != nil {
		return nil, err
	}
	return route.GeoJSON(pts), nil
}

// Export is an activity written as a file.
type Export struct {
	Format   actfile.Format
	FileName string
	Data     []byte
}

// ExportActivity writes an activity as FIT, GPX or TCX: the owner's as
// recorded; for others (who need the map and pace) with the positions in
// the owner's zones removed, heart rate only when allowed, no developer
// fields and no device serial.
func (a *App) ExportActivity(ctx context.Context, id string, format actfile.Format) (Export, error) {
	uid, err := caller(ctx)
	if err != nil {
		return Export{}, err
	}
	d, v, err := a.visibleActivity(ctx, id, uid)
	if err != nil {
		return Export{}, err
	}
	if !v.ExportAllowed() {
		return Export{}, domain.ErrExportHidden
	}
	act, err := a.loadSamples(ctx, d.StreamsKey)
	if err != nil {
		return Export{}, err
	}
	act.Name, act.Sport = d.Name, domain.SportOf(d.Sport)
	if !v.Owner {
		act.Samples = v.Samples(act.Samples)
		act.Extra = nil
		act.Device.Serial = ""
	}
	var buf bytes.Buffer
	if err := actfile.Encode(&buf, format, act); err != nil {
		var fe *actfile.Error
		if errors.As(err, &fe) {
			return Export{}, exportError(fe)
		}
		return Export{}, err
	}
	return Export{Format: format, FileName: d.StartedAt.Format("2006-01-02") + "-" + d.ID[:8] + "." + string(format),
		Data: buf.Bytes()}, nil
}

// exportError reports why a file could not be written.
func exportError(e *actfile.Error) error {
	return apperr.Wrap(e, apperr.Unprocessable, "export_failed", "the activity cannot be written in this format: "+e.Detail)
}
