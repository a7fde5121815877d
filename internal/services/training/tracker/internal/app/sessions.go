package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// SessionDTO converts a session to what the view may see of it.
func (a *App) SessionDTO(s domain.Session, v domain.View) trackerapi.Session {
	out := trackerapi.Session{ID: s.ID, UserID: s.UserID, Sport: s.Sport, Status: s.Status, AutoPaused: s.Live.AutoPaused,
		StartedAt: s.StartedAt, EndedAt: s.EndedAt, Hidden: v.Hidden()}
	if s.DeviceID != "" && v.Owner {
		d := s.DeviceID
		out.DeviceID = &d
	}
	if s.ActivityID != "" && v.Owner {
		id := s.ActivityID
		out.ActivityID = &id
	}
	end := a.now()
	if s.EndedAt != nil {
		end = *s.EndedAt
	}
	out.Totals.ElapsedS = max(0, end.Sub(s.StartedAt).Seconds())
	if v.Pace {
		moving, dist := s.Live.MovingS, s.Live.DistanceM()
		out.Totals.MovingS, out.Totals.DistanceM = &moving, &dist
	}
	if s.Live.Last != nil {
		p := *s.Live.Last
		if !p.HasPos() && s.Live.HasGood {
			p.Lat, p.Lon = s.Live.GoodLat, s.Live.GoodLon // the last known position
		}
		pt := PointDTO(v.Point(p))
		out.LastPoint = &pt
	}
	return out
}

// PointDTO converts a point.
func PointDTO(p domain.Point) trackerapi.Point {
	return trackerapi.Point{T: p.T, Lat: domain.Ptr(p.Lat), Lon: domain.Ptr(p.Lon), Alt: domain.Ptr(p.Alt),
		Dist: domain.Ptr(p.Dist), Speed: domain.Ptr(p.Speed), HR: domain.Ptr(p.HR), Cadence: domain.Ptr(p.Cad),
		Power: domain.Ptr(p.Power), Temp: domain.Ptr(p.Temp)}
}

// Start starts a live session for the caller; ErrSessionActive when they
// have one open.
func (a *App) Start(ctx context.Context, in trackerapi.StartSession) (trackerapi.Session, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Session{}, err
	}
	var f apperr.Fields
	if !domain.IsSport(in.Sport) {
		f.Add("sport", "not_allowed", "must be an activity sport, e.g. running, cycling, walking, hiking, swimming")
	}
	device := ""
	if in.DeviceID != nil {
		device = strings.TrimSpace(*in.DeviceID)
		if !domain.ValidID(device) {
			f.Add("device_id", "invalid", "must be a device id")
		}
	}
	if err := f.Err(); err != nil {
		return trackerapi.Session{}, err
	}
	var s domain.Session
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var created bool
		s, created, err = a.startSession(ctx, uid, string(domain.SportOf(in.Sport)), device, a.now())
		if err != nil {
			return nil, err
		}
		if !created {
			return nil, domain.ErrSessionActive
		}
		return sessionStarted(s)
	})
	if err != nil {
		return trackerapi.Session{}, err
	}
	return a.SessionDTO(s, domain.OwnerView()), nil
}

// startSession inserts an open session unless the user has one; it returns
// the user's open session either way and whether it is new.
func (a *App) startSession(ctx context.Context, userID, sport, deviceID string, at time.Time) (domain.Session, bool, error) {
	if erased, err := a.store.IsErased(ctx, userID); err != nil || erased {
		if err == nil {
			err = domain.ErrSessionNotFound
		}
		return domain.Session{}, false, err
	}
	at = at.UTC().Truncate(time.Millisecond)
	s := domain.Session{ID: newID(), UserID: userID, Sport: sport, DeviceID: deviceID, Status: trackerapi.StatusActive,
		StartedAt: at, UpdatedAt: a.now()}
	s.Live.LastMovingT = at.UnixMilli()
	created, err := a.store.InsertSession(ctx, s)
	if err != nil || created {
		return s, created, err
	}
	s, err = a.store.OpenSessionForUpdate(ctx, userID)
	return s, false, err
}

func sessionStarted(s domain.Session) ([]bus.Event, error) {
	var e events
	e.add(trackerapi.EventSessionStarted, s.ID, trackerapi.SessionV1{SessionID: s.ID, UserID: s.UserID, Sport: s.Sport,
		StartedAt: s.StartedAt})
	return e.result()
}

// Current returns the caller's open session.
func (a *App) Current(ctx context.Context) (trackerapi.Session, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Session{}, err
	}
	s, err := a.store.OpenSession(ctx, uid)
	if errors.Is(err, domain.ErrSessionNotFound) {
		return trackerapi.Session{}, domain.ErrNoCurrentSession
	}
	if err != nil {
		return trackerapi.Session{}, err
	}
	return a.SessionDTO(s, domain.OwnerView()), nil
}

// Session returns a session as the caller may see it: the owner sees all,
// a follower what the owner's privacy allows, anyone else nothing (404).
func (a *App) Session(ctx context.Context, id string) (trackerapi.Session, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Session{}, err
	}
	s, v, err := a.visibleSession(ctx, id, uid)
	if err != nil {
		return trackerapi.Session{}, err
	}
	return a.SessionDTO(s, v), nil
}

// visibleSession loads a session and the view uid has of it.
func (a *App) visibleSession(ctx context.Context, id, uid string) (domain.Session, domain.View, error) {
	if !domain.ValidID(id) {
		return domain.Session{}, domain.View{}, domain.ErrSessionNotFound
	}
	s, err := a.store.Session(ctx, id)
	if err != nil {
		return s, domain.View{}, err
	}
	rel, err := a.relation(ctx, uid, s.UserID)
	if err != nil {
		return s, domain.View{}, err
	}
	p, err := a.store.Privacy(ctx, s.UserID)
	if err != nil {
		return s, domain.View{}, err
	}
	v, ok := domain.LiveView(p, rel)
	if !ok {
		return s, v, domain.ErrSessionNotFound
	}
	return s, v, nil
}

// ownSession loads one of the caller's sessions locked for a change;
// another user's is not found.
func (a *App) ownSession(ctx context.Context, uid, id string) (domain.Session, error) {
	if !domain.ValidID(id) {
		return domain.Session{}, domain.ErrSessionNotFound
	}
	s, err := a.store.SessionForUpdate(ctx, id)
	if err == nil && s.UserID != uid {
		err = domain.ErrSessionNotFound
	}
	return s, err
}

// Pause pauses the caller's session (the athlete's own pause: distance and
// moving time stand still; samples inside it are left out of the
// activity). Pausing a paused session changes nothing.
func (a *App) Pause(ctx context.Context, id string) (trackerapi.Session, error) {
	return a.changeStatus(ctx, id, func(ctx context.Context, s *domain.Session, now time.Time) (bool, error) {
		if s.Status == trackerapi.StatusPaused {
			return false, nil
		}
		s.Status, s.PausedAt = trackerapi.StatusPaused, &now
		return true, a.store.StartPause(ctx, s.ID, now)
	})
}

// Resume resumes the caller's paused session.
func (a *App) Resume(ctx context.Context, id string) (trackerapi.Session, error) {
	return a.changeStatus(ctx, id, func(ctx context.Context, s *domain.Session, now time.Time) (bool, error) {
		if s.Status == trackerapi.StatusActive {
			return false, nil
		}
		s.Status, s.PausedAt = trackerapi.StatusActive, nil
		// Standing still while paused is no stop to alert about.
		s.Live.LastMovingT, s.StopAlerted = now.UnixMilli(), false
		return true, a.store.EndPauses(ctx, s.ID, now)
	})
}

func (a *App) changeStatus(ctx context.Context, id string, change func(ctx context.Context, s *domain.Session, now time.Time) (bool, error)) (trackerapi.Session, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Session{}, err
	}
	var s domain.Session
	changed := false
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if s, err = a.ownSession(ctx, uid, id); err != nil {
			return nil, err
		}
		if !s.Open() {
			return nil, domain.ErrSessionEnded
		}
		now := a.now().Truncate(time.Millisecond)
		if changed, err = change(ctx, &s, now); err != nil || !changed {
			return nil, err
		}
		s.UpdatedAt = now
		return nil, a.store.SaveSession(ctx, s)
	})
	if err != nil {
		return trackerapi.Session{}, err
	}
	if changed {
		a.publishState(ctx, s)
	}
	return a.SessionDTO(s, domain.OwnerView()), nil
}

// Discard ends the caller's session without an activity and deletes what
// it recorded.
func (a *App) Discard(ctx context.Context, id string) (trackerapi.Session, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Session{}, err
	}
	s, err := a.discard(ctx, id, uid)
	if err != nil {
		return trackerapi.Session{}, err
	}
	return a.SessionDTO(s, domain.OwnerView()), nil
}

// discard ends a session without an activity; uid "" skips the owner
// check (the sweeper).
func (a *App) discard(ctx context.Context, id, uid string) (domain.Session, error) {
	var s domain.Session
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var err error
		if s, err = a.store.SessionForUpdate(ctx, id); err != nil {
			return nil, err
		}
		if uid != "" && s.UserID != uid {
			return nil, domain.ErrSessionNotFound
		}
		if !s.Open() {
			return nil, domain.ErrSessionEnded
		}
		now := a.now().Truncate(time.Millisecond)
		s.Status, s.EndedAt, s.PausedAt, s.UpdatedAt = trackerapi.StatusDiscarded, &now, nil, now
		if err := a.store.SaveSession(ctx, s); err != nil {
			return nil, err
		}
		if err := a.store.DeleteSessionData(ctx, s.ID); err != nil {
			return nil, err
		}
		var e events
		e.add(trackerapi.EventSessionEnded, s.ID, trackerapi.SessionV1{SessionID: s.ID, UserID: s.UserID,
			Sport: s.Sport, StartedAt: s.StartedAt, Outcome: "discarded"})
		return e.result()
	})
	if err != nil {
		return s, err
	}
	// A finish that failed halfway may have written the activity's blobs.
	actID := sessionActivityID(s.ID)
	a.deleteBlobs(ctx, streamsKey(s.UserID, actID), archiveKey(s.UserID, actID))
	a.publishEnded(s)
	return s, nil
}

// publishState sends the session's state to its viewers.
func (a *App) publishState(ctx context.Context, s domain.Session) {
	p, err := a.store.Privacy(ctx, s.UserID)
	if err != nil {
		a.logger.Warn("live state: privacy", "session_id", s.ID, "err", err)
		return
	}
	u := live.Update{}
	enc := func(v domain.View, ok bool) []byte {
		if !ok {
			return nil
		}
		dto := a.SessionDTO(s, v)
		return mustJSON(trackerapi.LiveMessage{Type: trackerapi.LiveState, Session: &dto})
	}
	u.Owner = enc(domain.OwnerView(), true)
	u.Follower = enc(domain.LiveView(p, domain.Follower))
	u.Shared = enc(domain.LiveView(p, domain.ShareLink))
	u.RevokeFollowers = u.Follower == nil
	a.hub.Publish(s.ID, u)
}

// publishEnded tells the session's viewers it ended and closes them.
func (a *App) publishEnded(s domain.Session) {
	msg := mustJSON(trackerapi.LiveMessage{Type: trackerapi.LiveEnded, Status: s.Status})
	a.hub.Publish(s.ID, live.Update{Owner: msg, Follower: msg, Shared: msg, Ended: true})
}
