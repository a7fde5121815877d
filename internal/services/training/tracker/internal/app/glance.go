package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// Glance returns the caller's day and week (the week starts on Monday) in
// loc, their streak of consecutive days with an activity (ending today, or
// yesterday when today has none yet), and their live session.
func (a *App) Glance(ctx context.Context, loc *time.Location) (trackerapi.Glance, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Glance{}, err
	}
	now := a.now().In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	week := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	var g trackerapi.Glance
	for _, v := range []struct {
		out      *trackerapi.Volume
		from, to time.Time
	}{{&g.Today, day, day.AddDate(0, 0, 1)}, {&g.Week, week, week.AddDate(0, 0, 7)}} {
		n, dist, moving, err := a.store.Volume(ctx, uid, v.from, v.to)
		if err != nil {
			return g, err
		}
		*v.out = trackerapi.Volume{Count: n, DistanceM: dist, MovingS: moving}
	}
	starts, err := a.store.StartTimes(ctx, uid, day.AddDate(-1, 0, -1))
	if err != nil {
		return g, err
	}
	days := map[string]bool{}
	for _, t := range starts {
		days[t.In(loc).Format(time.DateOnly)] = true
	}
	d := day
	if !days[d.Format(time.DateOnly)] {
		d = d.AddDate(0, 0, -1)
	}
	for days[d.Format(time.DateOnly)] {
		g.StreakDays++
		d = d.AddDate(0, 0, -1)
	}
	s, err := a.store.OpenSession(ctx, uid)
	switch {
	case err == nil:
		dto := a.SessionDTO(s, domain.OwnerView())
		g.Live = &dto
	case !errors.Is(err, domain.ErrSessionNotFound):
		return g, err
	}
	return g, nil
}
