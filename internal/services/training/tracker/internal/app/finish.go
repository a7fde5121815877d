package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Blob keys of an activity's samples (activity.MarshalBinary) and of a
// live session's raw archive (samples and frames as JSON lines, gzip).
func streamsKey(userID, activityID string) string {
	return "activities/" + userID + "/" + activityID + ".bin"
}

func archiveKey(userID, activityID string) string {
	return "archive/" + userID + "/" + activityID + ".jsonl.gz"
}

// sessionActivityID is the id of the activity a session becomes: the same
// however often the finish is retried.
func sessionActivityID(sessionID string) string { return derivedID("session:" + sessionID) }

// importActivityID is the id of the activity an import becomes.
func importActivityID(importID string) string { return derivedID("import:" + importID) }

// activityMeta is what storing an activity needs besides its samples.
type activityMeta struct {
	ID, UserID, Source                         string
	ImportID, SessionID, DeviceID, OriginalKey string
	ArchiveKey                                 string
}

// prepare analyses an activity (after removing GPS outliers), simplifies
// its route (and the route others see), and writes its samples to the
// blob store. Nothing is in the database yet.
func (a *App) prepare(ctx context.Context, act *activity.Activity, m activityMeta, priv domain.Privacy) (domain.Activity, domain.Route, error) {
	route.RemoveOutliers(act.Samples, act.Sport)
	res := analysis.Analyze(act, priv.Athlete)
	masked := maskedRoute(act.Samples, priv.Zones)
	hasHR := false
	for _, s := range act.Samples {
		if activity.Has(s.HR) {
			hasHR = true
			break
		}
	}
	name := cleanName(act.Name)
	if name == "" {
		name = domain.DefaultName(act)
	}
	act.Name = name
	data, err := act.MarshalBinary()
	if err != nil {
		return domain.Activity{}, domain.Route{}, fmt.Errorf("encode samples: %w", err)
	}
	key := streamsKey(m.UserID, m.ID)
	if err := a.blobs.Put(ctx, key, bytes.NewReader(data), "application/octet-stream"); err != nil {
		return domain.Activity{}, domain.Route{}, err
	}
	now := a.now().Truncate(time.Millisecond)
	start := act.Start.UTC().Truncate(time.Millisecond)
	d := domain.Activity{
		ID: m.ID, UserID: m.UserID, Sport: string(act.Sport), Name: name, Visibility: priv.ProfileVisibility,
		Source: m.Source, ImportID: m.ImportID, SessionID: m.SessionID, DeviceID: m.DeviceID,
		StartedAt: start, EndedAt: act.End().UTC().Truncate(time.Millisecond), Analysis: res,
		HasRoute: act.HasRoute(), HasHR: hasHR, Route: domain.RouteOf(route.Points(act.Samples)),
		StreamsKey: key, ArchiveKey: m.ArchiveKey, OriginalKey: m.OriginalKey, CreatedAt: now, UpdatedAt: now,
		MaskedRoute: &masked, MaskedZonesHash: priv.ZonesHash,
	}
	if d.Sport == "" {
		d.Sport = string(activity.Other)
	}
	return d, masked, nil
}

// maskedRoute is the route others see: positions inside the zones (and
// the ends of a route that starts or ends in one) cut out.
func maskedRoute(samples []activity.Sample, zones []route.Zone) domain.Route {
	v := domain.View{Map: true, HeartRate: true, Pace: true, Zones: zones}
	return domain.RouteOf(route.Points(v.Samples(samples)))
}

// cleanName makes a name from a file fit for an activity: trimmed, control
// characters dropped, at most the name limit.
func cleanName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if utf8.RuneCountInString(s) > domain.MaxNameLength {
		s = string([]rune(s)[:domain.MaxNameLength])
	}
	return strings.TrimSpace(s)
}

// completedEvent is the activity_completed (or updated) event of d; others
// consuming it get the route with the owner's privacy zones cut out.
func completedEvent(e *events, typ string, d domain.Activity, masked domain.Route) {
	e.add(typ, d.ID, trackerapi.ActivityV1{
		ActivityID: d.ID, UserID: d.UserID, Sport: d.Sport, Name: d.Name, StartedAt: d.StartedAt, TimeZone: d.TimeZone,
		Source: d.Source, ImportID: d.ImportID, DeviceID: d.DeviceID, GearID: deref(d.GearID), Visibility: d.Visibility,
		StartLatLng: masked.Start, EndLatLng: masked.End, Polyline: masked.Polyline, Analysis: d.Analysis,
	})
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// errChanged makes a finish read the session again: samples arrived while
// it was analysing.
var errChanged = errors.New("samples changed")

// Finish ends the caller's session and turns it into an activity.
func (a *App) Finish(ctx context.Context, id string) (trackerapi.FinishResult, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.FinishResult{}, err
	}
	if !domain.ValidID(id) {
		return trackerapi.FinishResult{}, domain.ErrSessionNotFound
	}
	s, err := a.finish(ctx, id, uid)
	if err != nil {
		return trackerapi.FinishResult{}, err
	}
	return trackerapi.FinishResult{Session: a.SessionDTO(s, domain.OwnerView()), ActivityID: s.ActivityID}, nil
}

// finish turns a session into an activity: samples outside the athlete's
// pauses, GPS outliers removed, analysed with the athlete's data, stored
// compactly with the simplified route, the raw samples and frames
// archived; then, in one transaction, the activity row, the session's end,
// ActivityCompleted and SessionEnded. uid "" skips the owner check (the
// sweeper finishing an abandoned session).
func (a *App) finish(ctx context.Context, id, uid string) (domain.Session, error) {
	for attempt := 0; ; attempt++ {
		s, err := a.store.Session(ctx, id)
		if err != nil {
			return s, err
		}
		if uid != "" && s.UserID != uid {
			return s, domain.ErrSessionNotFound
		}
		if !s.Open() {
			return s, domain.ErrSessionEnded
		}
		samples, err := a.store.Samples(ctx, id)
		if err != nil {
			return s, err
		}
		frames, err := a.store.Frames(ctx, id)
		if err != nil {
			return s, err
		}
		pauses, err := a.store.Pauses(ctx, id)
		if err != nil {
			return s, err
		}
		act := domain.BuildActivity(s, samples, pauses)
		if len(act.Samples) == 0 {
			return s, domain.ErrSessionEmpty
		}
		priv, err := a.store.Privacy(ctx, s.UserID)
		if err != nil {
			return s, err
		}
		actID := sessionActivityID(s.ID)
		arch, err := a.writeArchive(ctx, s, actID, samples, frames, pauses)
		if err != nil {
			return s, err
		}
		d, masked, err := a.prepare(ctx, act, activityMeta{ID: actID, UserID: s.UserID, Source: trackerapi.SourceLive,
			SessionID: s.ID, DeviceID: s.DeviceID, ArchiveKey: arch}, priv)
		if err != nil {
			return s, err
		}
		lastT := samples[len(samples)-1].T
		var ended domain.Session
		err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
			cur, err := a.store.SessionForUpdate(ctx, id)
			if err != nil {
				return nil, err
			}
			if !cur.Open() {
				return nil, domain.ErrSessionEnded
			}
			n, last, err := a.store.SampleStats(ctx, id)
			if err != nil {
				return nil, err
			}
			if n != int64(len(samples)) || last != lastT {
				return nil, errChanged
			}
			if err := a.store.InsertActivity(ctx, d); err != nil {
				return nil, err
			}
			now := a.now().Truncate(time.Millisecond)
			cur.Status, cur.EndedAt, cur.PausedAt, cur.ActivityID, cur.UpdatedAt = trackerapi.StatusFinished, &now, nil, d.ID, now
			if err := a.store.SaveSession(ctx, cur); err != nil {
				return nil, err
			}
			if err := a.store.DeleteSessionData(ctx, id); err != nil {
				return nil, err
			}
			ended = cur
			var e events
			completedEvent(&e, trackerapi.EventActivityCompleted, d, masked)
			e.add(trackerapi.EventSessionEnded, cur.ID, trackerapi.SessionV1{SessionID: cur.ID, UserID: cur.UserID,
				Sport: cur.Sport, StartedAt: cur.StartedAt, Outcome: "finished", ActivityID: d.ID})
			return e.result()
		})
		switch {
		case errors.Is(err, errChanged) && attempt < 3:
			continue
		case errors.Is(err, errChanged):
			return s, domain.ErrSessionBusy
		case errors.Is(err, domain.ErrSessionEnded):
			// Finished by another request (same activity id: keep its
			// blobs) or discarded meanwhile (remove what was written).
			if _, gerr := a.store.Activity(ctx, actID); errors.Is(gerr, domain.ErrActivityNotFound) {
				a.deleteBlobs(ctx, d.StreamsKey, d.ArchiveKey)
			}
			return s, err
		case err != nil:
			return s, err
		}
		a.publishEnded(ended)
		return ended, nil
	}
}

// archiveLine is one line of a session's raw archive.
type archiveLine struct {
	Kind      string    `json:"kind"` // session, pause, sample, frame
	SessionID string    `json:"session_id,omitempty"`
	UserID    string    `json:"user_id,omitempty"`
	Sport     string    `json:"sport,omitempty"`
	DeviceID  string    `json:"device_id,omitempty"`
	StartedAt time.Time `json:"started_at,omitzero"`
	From      int64     `json:"from,omitempty"`
	To        int64     `json:"to,omitempty"`
	Sensor    string    `json:"sensor,omitempty"`
	SensorID  string    `json:"sensor_id,omitempty"`
	T         int64     `json:"t,omitempty"`
	Data      []byte    `json:"data,omitempty"`
}

// writeArchive stores a session's raw samples, frames and pauses as gzip
// JSON lines, so metrics can be recomputed later from what the devices
// sent, and returns the blob key.
func (a *App) writeArchive(ctx context.Context, s domain.Session, activityID string, samples []domain.Sample, frames []domain.Frame, pauses []domain.Pause) (string, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	enc := json.NewEncoder(zw)
	lines := []any{archiveLine{Kind: "session", SessionID: s.ID, UserID: s.UserID, Sport: s.Sport, DeviceID: s.DeviceID,
		StartedAt: s.StartedAt}}
	for _, p := range pauses {
		lines = append(lines, archiveLine{Kind: "pause", From: p.From, To: p.To})
	}
	for _, x := range samples {
		p := x.Point
		lines = append(lines, sampleLine{Kind: "sample", Point: p, Acc: domain.Ptr(x.Acc), RR: x.RR})
	}
	for _, f := range frames {
		lines = append(lines, archiveLine{Kind: "frame", T: f.T, Sensor: f.Sensor, SensorID: f.SensorID, Data: f.Data})
	}
	for _, l := range lines {
		if err := enc.Encode(l); err != nil {
			return "", fmt.Errorf("archive session: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("archive session: %w", err)
	}
	key := archiveKey(s.UserID, activityID)
	if err := a.blobs.Put(ctx, key, &buf, "application/gzip"); err != nil {
		return "", err
	}
	return key, nil
}

// sampleLine is a sample in the archive: the point's channels inline.
type sampleLine struct {
	Kind string `json:"kind"`
	domain.Point
	Acc *float64  `json:"acc,omitempty"`
	RR  []float64 `json:"rr,omitempty"`
}

// MarshalJSON writes the point's fields beside kind, acc and rr.
func (l sampleLine) MarshalJSON() ([]byte, error) {
	p, err := l.Point.MarshalJSON()
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		Kind string    `json:"kind"`
		Acc  *float64  `json:"acc,omitempty"`
		RR   []float64 `json:"rr,omitempty"`
	}{l.Kind, l.Acc, l.RR})
	if err != nil {
		return nil, err
	}
	// {"kind":...} + {"t":...} -> {"kind":...,"t":...}
	return append(append(extra[:len(extra)-1], ','), p[1:]...), nil
}

// deleteBlobs removes blobs, logging failures (best effort).
func (a *App) deleteBlobs(ctx context.Context, keys ...string) {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := a.blobs.Delete(ctx, k); err != nil {
			a.logger.Warn("delete blob", "key", k, "err", err)
		}
	}
}

// loadSamples reads an activity's samples from the blob store.
func (a *App) loadSamples(ctx context.Context, key string) (*activity.Activity, error) {
	rc, _, err := a.blobs.Get(ctx, key)
	if err != nil {
		if apperr.IsKind(err, apperr.NotFound) {
			return nil, domain.ErrStreamsMissing
		}
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 256<<20))
	if err != nil {
		return nil, err
	}
	var act activity.Activity
	if err := act.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("decode samples %s: %w: %w", key, errCorruptSamples, err)
	}
	return &act, nil
}

// errCorruptSamples says a samples blob cannot be decoded.
var errCorruptSamples = errors.New("corrupt samples")

// StoreActivity stores a finished activity of a user recorded elsewhere
// (demo seeding, a command-line import) by the path imports take:
// analysis with the athlete's data, compact samples in the blob store,
// simplified routes, ActivityCompleted through the outbox. source is
// trackerapi.SourceImport or SourceDemo. An activity that repeats one of
// the user's (a start within a minute, overlapping) is not stored: the
// error is domain.ErrDuplicateActivity and id names the stored one.
func (a *App) StoreActivity(ctx context.Context, userID string, act *activity.Activity, source string) (string, error) {
	if !domain.ValidID(userID) {
		return "", apperr.Validation(apperr.FieldError{Field: "user_id", Code: "invalid", Message: "must be a user id"})
	}
	if source != trackerapi.SourceImport && source != trackerapi.SourceDemo && source != trackerapi.SourceLive {
		return "", apperr.Validation(apperr.FieldError{Field: "source", Code: "not_allowed", Message: "must be import, demo or live"})
	}
	if act == nil || len(act.Samples) == 0 {
		return "", apperr.Validation(apperr.FieldError{Field: "samples", Code: "required", Message: "the activity has no samples"})
	}
	job, err := a.prepareRecorded(ctx, act, activityMeta{ID: newID(), UserID: userID, Source: source})
	if err != nil {
		return "", err
	}
	if job.reject != nil {
		return job.dupOf, job.reject
	}
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) { return job.apply(ctx) })
	if err != nil {
		job.cleanup(ctx)
		if errors.Is(err, domain.ErrDuplicateActivity) {
			return job.dupOf, err
		}
		return "", err
	}
	return job.d.ID, nil
}

// recordedJob is an activity recorded elsewhere, prepared for storing.
type recordedJob struct {
	d      domain.Activity
	masked domain.Route
	reject error  // set when it is not to be stored (duplicate, deleted user)
	dupOf  string // the stored activity it repeats
	a      *App
}

// prepareRecorded checks an activity recorded elsewhere against the user's
// activities and prepares it (analysis, blobs) outside any transaction.
func (a *App) prepareRecorded(ctx context.Context, act *activity.Activity, m activityMeta) (*recordedJob, error) {
	job := &recordedJob{a: a}
	if erased, err := a.store.IsErased(ctx, m.UserID); err != nil || erased {
		job.reject = apperr.New(apperr.NotFound, "user_deleted", "the user was deleted")
		return job, err
	}
	if !domain.IsSport(string(act.Sport)) {
		act.Sport = activity.Other
	}
	if dup, err := a.duplicateOf(ctx, m.UserID, act); err != nil || dup != "" {
		job.reject, job.dupOf = domain.ErrDuplicateActivity, dup
		return job, err
	}
	priv, err := a.store.Privacy(ctx, m.UserID)
	if err != nil {
		return nil, err
	}
	job.d, job.masked, err = a.prepare(ctx, act, m, priv)
	if err != nil {
		return nil, err
	}
	return job, nil
}

// duplicateOf returns the id of a stored activity of the user that act
// repeats ("" for none).
func (a *App) duplicateOf(ctx context.Context, userID string, act *activity.Activity) (string, error) {
	near, err := a.store.ActivitiesStartingNear(ctx, userID, act.Start, domain.DuplicateWindow)
	if err != nil {
		return "", err
	}
	elapsed := time.Duration(act.ElapsedS() * float64(time.Second))
	for _, x := range near {
		if domain.Overlaps(act.Start, elapsed, x.StartedAt, x.EndedAt) {
			return x.ID, nil
		}
	}
	return "", nil
}

// apply stores the prepared activity in the caller's transaction, checking
// for a duplicate again (another import may have stored it meanwhile).
func (j *recordedJob) apply(ctx context.Context) ([]bus.Event, error) {
	a := j.a
	if erased, err := a.store.IsErased(ctx, j.d.UserID); err != nil || erased {
		if err == nil {
			err = apperr.New(apperr.NotFound, "user_deleted", "the user was deleted")
		}
		return nil, err
	}
	near, err := a.store.ActivitiesStartingNear(ctx, j.d.UserID, j.d.StartedAt, domain.DuplicateWindow)
	if err != nil {
		return nil, err
	}
	for _, x := range near {
		if x.ID != j.d.ID && domain.Overlaps(j.d.StartedAt, j.d.EndedAt.Sub(j.d.StartedAt), x.StartedAt, x.EndedAt) {
			j.dupOf = x.ID
			return nil, domain.ErrDuplicateActivity
		}
	}
	if err := a.store.InsertActivity(ctx, j.d); err != nil {
		return nil, err
	}
	var e events
	completedEvent(&e, trackerapi.EventActivityCompleted, j.d, j.masked)
	return e.result()
}

// cleanup removes the blobs of a prepared activity that was not stored.
func (j *recordedJob) cleanup(ctx context.Context) {
	if j.d.StreamsKey != "" {
		j.a.deleteBlobs(ctx, j.d.StreamsKey)
	}
}

// ImportJob is an imported activity prepared for the consumer: Apply runs
// inside the consumer's inbox transaction (the activity stored with
// ActivityCompleted, or ImportRejected), After once it committed.
type ImportJob struct {
	Apply func(ctx context.Context) error
	After func(ctx context.Context)
}

// PrepareImport reads an imported activity from the claim-check blob the
// devices service left, and prepares storing it (or rejecting it as
// invalid or as a duplicate of one of the user's activities) outside any
// transaction.
func (a *App) PrepareImport(ctx context.Context, p devicesapi.ActivityReceivedV1) (ImportJob, error) {
	reject := func(reason, dupOf, detail string) ImportJob {
		return ImportJob{Apply: func(ctx context.Context) error {
			var e events
			e.add(trackerapi.EventImportRejected, p.ImportID, trackerapi.ImportRejectedV1{ImportID: p.ImportID,
				UserID: p.UserID, Reason: reason, DuplicateOf: dupOf, Detail: detail})
			list, err := e.result()
			if err != nil {
				return err
			}
			return a.outbox.AddEvents(ctx, list...)
		}, After: func(context.Context) {}}
	}
	if erased, err := a.store.IsErased(ctx, p.UserID); err != nil || erased {
		return ImportJob{Apply: func(context.Context) error { return nil }, After: func(context.Context) {}}, err
	}
	id := importActivityID(p.ImportID)
	if d, err := a.store.ActivityByImport(ctx, p.ImportID); err == nil {
		// Stored before (a redelivery after a crash): say so again.
		return ImportJob{Apply: func(ctx context.Context) error {
			var e events
			completedEvent(&e, trackerapi.EventActivityCompleted, d, a.othersRoute(ctx, d))
			list, err := e.result()
			if err != nil {
				return err
			}
			return a.outbox.AddEvents(ctx, list...)
		}, After: func(context.Context) {}}, nil
	} else if !errors.Is(err, domain.ErrActivityNotFound) {
		return ImportJob{}, err
	}
	act, err := a.loadSamples(ctx, p.BlobKey)
	switch {
	case errors.Is(err, domain.ErrStreamsMissing):
		return reject("invalid", "", "the imported activity is no longer in the blob store"), nil
	case errors.Is(err, errCorruptSamples):
		return reject("invalid", "", "the imported activity could not be read"), nil
	case err != nil:
		return ImportJob{}, err
	}
	if len(act.Samples) == 0 {
		return reject("invalid", "", "the activity has no samples"), nil
	}
	job, err := a.prepareRecorded(ctx, act, activityMeta{ID: id, UserID: p.UserID, Source: trackerapi.SourceImport,
		ImportID: p.ImportID, DeviceID: p.DeviceID, OriginalKey: p.OriginalKey})
	if err != nil {
		return ImportJob{}, err
	}
	if job.reject != nil {
		return reject("duplicate", job.dupOf, ""), nil
	}
	stored := false
	return ImportJob{
		Apply: func(ctx context.Context) error {
			list, err := job.apply(ctx)
			if errors.Is(err, domain.ErrDuplicateActivity) {
				return reject("duplicate", job.dupOf, "").Apply(ctx)
			}
			if errors.Is(err, store.ErrActivityExists) {
				stored = true // the same import, stored by a concurrent delivery
				return nil
			}
			if err != nil {
				return err
			}
			stored = true
			return a.outbox.AddEvents(ctx, list...)
		},
		After: func(ctx context.Context) {
			if !stored {
				job.cleanup(ctx)
			}
		},
	}, nil
}
