package app

import (
	"context"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// safetyOf returns the user's safety settings, the defaults when they
// saved none.
func (a *App) safetyOf(ctx context.Context, uid string) (domain.Safety, error) {
	s, ok, err := a.store.Safety(ctx, uid)
	if err != nil {
		return s, err
	}
	if !ok {
		s = domain.Safety{UserID: uid, Contacts: []string{}, StopAlertAfterS: int(a.cfg.DefaultStopAlert.Seconds())}
	}
	return s, nil
}

func safetyDTO(s domain.Safety) trackerapi.Safety {
	c := s.Contacts
	if c == nil {
		c = []string{}
	}
	return trackerapi.Safety{Enabled: s.Enabled, Contacts: c, StopAlertAfterS: s.StopAlertAfterS}
}

// Safety returns the caller's safety settings.
func (a *App) Safety(ctx context.Context) (trackerapi.Safety, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Safety{}, err
	}
	s, err := a.safetyOf(ctx, uid)
	return safetyDTO(s), err
}

// PutSafety changes the caller's safety settings (absent fields stay).
func (a *App) PutSafety(ctx context.Context, in trackerapi.SafetyInput) (trackerapi.Safety, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Safety{}, err
	}
	var out domain.Safety
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		s, err := a.safetyOf(ctx, uid)
		if err != nil {
			return nil, err
		}
		if in.Enabled != nil {
			s.Enabled = *in.Enabled
		}
		if in.Contacts != nil {
			s.Contacts = in.Contacts
		}
		if in.StopAlertAfterS != nil {
			s.StopAlertAfterS = *in.StopAlertAfterS
		}
		if err := s.Validate(); err != nil {
			return nil, err
		}
		s.UpdatedAt = a.now()
		out = s
		return nil, a.store.SaveSafety(ctx, s)
	})
	return safetyDTO(out), err
}

// displayName names the athlete in notifications.
func (a *App) displayName(ctx context.Context, uid string) string {
	p, err := a.store.Privacy(ctx, uid)
	if err != nil || p.DisplayName == "" {
		return "SportHub"
	}
	return p.DisplayName
}

// SOS asks the caller's safety contacts for help at once (a critical
// notification with a share link of the session, so they see where the
// athlete is). It works whenever there are contacts, alerts on or off.
func (a *App) SOS(ctx context.Context, sessionID string) (trackerapi.SOSResult, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.SOSResult{}, err
	}
	var out trackerapi.SOSResult
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		s, err := a.ownSession(ctx, uid, sessionID)
		if err != nil {
			return nil, err
		}
		if !s.Open() {
			return nil, domain.ErrSessionEnded
		}
		safety, err := a.safetyOf(ctx, uid)
		if err != nil {
			return nil, err
		}
		if len(safety.Contacts) == 0 {
			return nil, domain.ErrNoSafetyContacts
		}
		sh, err := a.newShare(ctx, s, PurposeSafety, a.cfg.SafetyShareTTL)
		if err != nil {
			return nil, err
		}
		out.Share, out.Notified = sh, len(safety.Contacts)
		var e events
		name := a.displayName(ctx, uid)
		for _, c := range safety.Contacts {
			e.notification(notifyapi.RequestedV1{Type: trackerapi.NotifySOS, UserID: c, Critical: true,
				Data: map[string]string{trackerapi.DataName: name, trackerapi.DataLink: sh.URL}})
		}
		return e.result()
	})
	return out, err
}

// alertStopped tells the safety contacts of a session's owner that the
// athlete stopped moving, once per stop (whichever process gets there
// first); the notification carries a share link of the session.
func (a *App) alertStopped(ctx context.Context, s domain.Session) error {
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		first, err := a.store.MarkStopAlerted(ctx, s.ID, s.Live.LastMovingT)
		if err != nil || !first {
			return nil, err
		}
		safety, err := a.safetyOf(ctx, s.UserID)
		if err != nil || !safety.Enabled || len(safety.Contacts) == 0 {
			return nil, err
		}
		sh, err := a.newShare(ctx, s, PurposeSafety, a.cfg.SafetyShareTTL)
		if err != nil {
			return nil, err
		}
		minutes := int(math.Round(a.now().Sub(s.LastMovingAt()).Minutes()))
		var e events
		name := a.displayName(ctx, s.UserID)
		for _, c := range safety.Contacts {
			e.notification(notifyapi.RequestedV1{Type: trackerapi.NotifyStopped, UserID: c, Critical: true,
				Data: map[string]string{trackerapi.DataName: name, trackerapi.DataMinutes: strconv.Itoa(max(1, minutes)),
					trackerapi.DataLink: sh.URL}})
		}
		return e.result()
	})
}

// sweepBatch bounds the sessions one sweep handles of each kind.
const sweepBatch = 100

// Sweep alerts the contacts of athletes who stopped moving, finishes
// sessions abandoned for longer than AbandonAfter (discarding empty ones),
// and prunes expired tickets and share links.
func (a *App) Sweep(ctx context.Context) error {
	now := a.now()
	stopped, err := a.store.StoppedSessions(ctx, now, sweepBatch)
	if err != nil {
		return err
	}
	var errs []error
	for _, s := range stopped {
		if err := a.alertStopped(ctx, s); err != nil {
			errs = append(errs, err)
		}
	}
	abandoned, err := a.store.AbandonedSessions(ctx, now.Add(-a.cfg.AbandonAfter), sweepBatch)
	if err != nil {
		return err
	}
	for _, s := range abandoned {
		_, err := a.finish(ctx, s.ID, "")
		if errors.Is(err, domain.ErrSessionEmpty) {
			_, err = a.discard(ctx, s.ID, "")
		}
		if err != nil && !errors.Is(err, domain.ErrSessionEnded) {
			errs = append(errs, err)
		}
	}
	if err := a.store.PruneTickets(ctx, now); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// RunSweeper sweeps every interval until ctx is cancelled.
func (a *App) RunSweeper(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := a.Sweep(ctx); err != nil && ctx.Err() == nil {
				a.logger.Warn("tracker sweep", "err", err)
			}
		}
	}
}
