package app

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Pending are the live updates of an ingest, published once its
// transaction committed (viewers never see samples that were not stored).
type Pending struct {
	updates []pendingUpdate
}

type pendingUpdate struct {
	session domain.Session
	points  []domain.Point
}

// sessionWork gathers what one group commit brings to one session.
type sessionWork struct {
	s       domain.Session
	samples []domain.Sample
	frames  []domain.Frame
}

// Ingest applies one group commit of live samples inside the caller's
// transaction (the consumer's inbox): each batch goes to the session it
// names, or to the user's open session, or to a session started for it;
// samples are upserted by (session, time) so a resent sample merges into
// the stored one; raw frames are kept; each session's live state moves on.
// Samples for a session that has ended (or stragglers of one that just
// ended) are counted on it and dropped. Batches of deleted users, and
// batches naming another user's session, are dropped.
func (a *App) Ingest(ctx context.Context, p devicesapi.SamplesReceivedV1) (Pending, error) {
	var pending Pending
	users := map[string]bool{}
	var ids []string
	for _, b := range p.Batches {
		if b.UserID != "" && !users[b.UserID] {
			users[b.UserID] = true
			ids = append(ids, b.UserID)
		}
	}
	erased, err := a.store.Erased(ctx, ids)
	if err != nil {
		return pending, err
	}
	// One query each for the sessions the batches name and for the open
	// sessions of the users whose batches name none, instead of one per
	// batch: a group commit carries batches of many devices.
	var named, unnamed []string
	seenNamed, seenUnnamed := map[string]bool{}, map[string]bool{}
	for _, b := range p.Batches {
		switch {
		case b.UserID == "" || erased[b.UserID]:
		case b.SessionID != "":
			if domain.ValidID(b.SessionID) && !seenNamed[b.SessionID] {
				seenNamed[b.SessionID] = true
				named = append(named, b.SessionID)
			}
		case !seenUnnamed[b.UserID]:
			seenUnnamed[b.UserID] = true
			unnamed = append(unnamed, b.UserID)
		}
	}
	namedSessions, err := a.store.SessionsForUpdate(ctx, named)
	if err != nil {
		return pending, err
	}
	openSessions, err := a.store.OpenSessionsForUpdate(ctx, unnamed)
	if err != nil {
		return pending, err
	}
	bySession := map[string]*sessionWork{}
	openOf := map[string]*sessionWork{}
	var order []*sessionWork
	var evs events
	track := func(s domain.Session) *sessionWork {
		if w, ok := bySession[s.ID]; ok {
			return w
		}
		w := &sessionWork{s: s}
		bySession[s.ID] = w
		order = append(order, w)
		if s.Open() {
			openOf[s.UserID] = w
		}
		return w
	}
	for _, b := range p.Batches {
		if b.UserID == "" || erased[b.UserID] {
			continue
		}
		samples, frames := convertBatch(b)
		if len(samples) == 0 && len(frames) == 0 {
			continue
		}
		var w *sessionWork
		switch {
		case b.SessionID != "":
			w = bySession[b.SessionID]
			if w == nil {
				if !domain.ValidID(b.SessionID) {
					a.logger.Warn("ingest: batch names a malformed session", "batch_id", b.BatchID)
					continue
				}
				s, ok := namedSessions[b.SessionID]
				if !ok {
					a.logger.Warn("ingest: batch names an unknown session", "batch_id", b.BatchID, "session_id", b.SessionID)
					continue
				}
				w = track(s)
			}
			if w.s.UserID != b.UserID {
				a.logger.Warn("ingest: batch names another user's session", "batch_id", b.BatchID, "session_id", b.SessionID)
				continue
			}
		default:
			w = openOf[b.UserID]
			if w == nil {
				if s, ok := openSessions[b.UserID]; ok && bySession[s.ID] == nil {
					w = track(s)
				} else {
					// None open (or the one found was ended by an earlier
					// batch of this group): start one.
					w, err = a.autoStart(ctx, b, samples, &evs)
					if err != nil {
						return pending, err
					}
					if w == nil {
						continue // stragglers of an ended session, counted there
					}
					w = track(w.s)
				}
			}
		}
		if !w.s.Open() {
			if err := a.store.AddLateSamples(ctx, w.s.ID, len(samples)); err != nil {
				return pending, err
			}
			continue
		}
		w.samples = append(w.samples, samples...)
		w.frames = append(w.frames, frames...)
	}
	now := a.now().Truncate(time.Millisecond)
	var sets []store.SessionSamples
	for _, w := range order {
		if w.s.Open() && len(w.samples) > 0 {
			w.samples = domain.SortSamples(w.samples)
			sets = append(sets, store.SessionSamples{SessionID: w.s.ID, Samples: w.samples})
		}
	}
	if err := a.store.UpsertSessionSamples(ctx, sets); err != nil {
		return pending, err
	}
	for _, w := range order {
		if !w.s.Open() || (len(w.samples) == 0 && len(w.frames) == 0) {
			continue
		}
		if err := a.store.InsertFrames(ctx, w.s.ID, w.frames); err != nil {
			return pending, err
		}
		shown, moved := w.s.Live.Advance(w.samples, w.s.Sport, w.s.Status == trackerapi.StatusPaused, a.cfg.AutoPauseAfter)
		if moved {
			w.s.StopAlerted = false
		}
		w.s.UpdatedAt = now
		if err := a.store.SaveSession(ctx, w.s); err != nil {
			return pending, err
		}
		if len(shown) > 0 {
			pending.updates = append(pending.updates, pendingUpdate{session: w.s, points: shown})
		}
	}
	list, err := evs.result()
	if err != nil {
		return pending, err
	}
	if len(list) > 0 {
		if err := a.outbox.AddEvents(ctx, list...); err != nil {
			return pending, err
		}
	}
	return pending, nil
}

// autoStart starts a session for a batch that names none when the user
// has none open, unless every sample is older than the end of the user's
// last session (stragglers: counted there, nil returned).
func (a *App) autoStart(ctx context.Context, b devicesapi.BatchV1, samples []domain.Sample, evs *events) (*sessionWork, error) {
	first, last := int64(math.MaxInt64), int64(math.MinInt64)
	for _, s := range samples {
		first, last = min(first, s.T), max(last, s.T)
	}
	if len(samples) == 0 {
		first, last = b.ReceivedAt.UnixMilli(), b.ReceivedAt.UnixMilli()
	}
	ended, err := a.store.LastEndedSession(ctx, b.UserID)
	switch {
	case err == nil && ended.EndedAt != nil && last <= ended.EndedAt.UnixMilli():
		return nil, a.store.AddLateSamples(ctx, ended.ID, len(samples))
	case err != nil && !errors.Is(err, domain.ErrSessionNotFound):
		return nil, err
	}
	sport := string(activity.Other)
	if domain.IsSport(b.Sport) {
		sport = string(domain.SportOf(b.Sport))
	}
	s, created, err := a.startSession(ctx, b.UserID, sport, b.DeviceID, time.UnixMilli(first))
	if err != nil {
		return nil, err
	}
	if created {
		evs.add(trackerapi.EventSessionStarted, s.ID, trackerapi.SessionV1{SessionID: s.ID, UserID: s.UserID,
			Sport: s.Sport, StartedAt: s.StartedAt})
	}
	return &sessionWork{s: s}, nil
}

// convertBatch turns a batch's samples and frames into the domain's.
func convertBatch(b devicesapi.BatchV1) ([]domain.Sample, []domain.Frame) {
	samples := make([]domain.Sample, 0, len(b.Samples))
	for _, x := range b.Samples {
		s := domain.Sample{Point: domain.Point{T: x.T, Lat: domain.Val(x.Lat), Lon: domain.Val(x.Lon),
			Alt: domain.Val(x.Alt), Dist: domain.Val(x.Dist), Speed: domain.Val(x.Speed), HR: domain.Val(x.HR),
			Cad: domain.Val(x.Cadence), Power: domain.Val(x.Power), Temp: domain.Val(x.Temp)}, Acc: domain.Val(x.Acc), RR: x.RR}
		if s.HasPos() != (activity.Has(s.Lat) || activity.Has(s.Lon)) {
			s.Lat, s.Lon = math.NaN(), math.NaN() // half a position is none
		}
		samples = append(samples, s)
	}
	frames := make([]domain.Frame, 0, len(b.Frames))
	for _, f := range b.Frames {
		frames = append(frames, domain.Frame{T: f.T, Sensor: f.Sensor, SensorID: f.SensorID, Data: f.Data})
	}
	return samples, frames
}

// Publish sends the live updates of a committed ingest to the viewers:
// one message per audience, each encoded once with that audience's
// privacy applied (positions inside the owner's zones removed for all but
// the owner).
func (a *App) Publish(ctx context.Context, p Pending) {
	for _, u := range p.updates {
		priv, err := a.store.Privacy(ctx, u.session.UserID)
		if err != nil {
			a.logger.Warn("live update: privacy", "session_id", u.session.ID, "err", err)
			continue
		}
		msg := func(v domain.View, ok bool) []byte {
			if !ok {
				return nil
			}
			dto := a.SessionDTO(u.session, v)
			pts := make([]trackerapi.Point, len(u.points))
			for i, p := range u.points {
				pts[i] = PointDTO(v.Point(p))
			}
			auto := u.session.Live.AutoPaused
			return mustJSON(trackerapi.LiveMessage{Type: trackerapi.LivePoints, Points: pts, Totals: &dto.Totals, AutoPaused: &auto})
		}
		up := live.Update{Owner: msg(domain.OwnerView(), true)}
		up.Follower = msg(domain.LiveView(priv, domain.Follower))
		up.Shared = msg(domain.LiveView(priv, domain.ShareLink))
		up.RevokeFollowers = up.Follower == nil
		a.hub.Publish(u.session.ID, up)
	}
}

// mustJSON encodes a live message; the DTOs hold no NaN or infinity, so
// it cannot fail, and a message that did would be left out (nil).
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return b
}
