// Package consumers handles the events the progress service projects, each
// effectively once (bus.HandleOnce records the event id in the inbox in
// the transaction of its effect):
//   - the tracker's activity_completed, activity_updated and
//     activity_deleted keep the activities, their best efforts and the
//     daily loads (and publish personal records);
//   - profiles' athlete_changed keeps the athlete's sex and birth year;
//   - auth's user_deleted erases everything of the user.
//
// Events may arrive out of order (a retry, a bulk import): the projection
// keeps, per activity and athlete, the version of the latest event.
package consumers

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// Durable consumer names.
const (
	Activities = "progress-activities"
	Users      = "progress-users"
)

// Consumers builds the service's consumers.
type Consumers struct {
	app    *app.App
	db     *sqldb.DB
	notify func()
}

// New returns the consumers over the application layer and the service's
// database (for the inbox); notify wakes the relay after a commit.
func New(a *app.App, db *sqldb.DB, notify func()) *Consumers {
	if notify == nil {
		notify = func() {}
	}
	return &Consumers{app: a, db: db, notify: notify}
}

// Subscriptions are the service's durable subscriptions: one for the
// tracker's activities, one for the user domain's athlete and deletion
// events (one stream, so a deletion comes after the user's earlier
// athlete events).
func (c *Consumers) Subscriptions() []bus.Subscription {
	return []bus.Subscription{
		{Name: Activities, Handler: c.handleActivity, Subjects: []string{
			trackerapi.EventActivityCompleted, trackerapi.EventActivityUpdated, trackerapi.EventActivityDeleted}},
		{Name: Users, Handler: c.handleUser, Subjects: []string{
			profilesapi.EventAthleteChanged, authapi.EventUserDeleted}},
	}
}

// Start builds a bus.Consumer per subscription.
func (c *Consumers) Start(b *bus.Bus, logger *slog.Logger) ([]*bus.Consumer, error) {
	return bus.NewConsumers(b, logger, c.Subscriptions()...)
}

func (c *Consumers) once(ctx context.Context, consumer string, ev bus.Event, fn func(ctx context.Context) error) error {
	return bus.Inbox{DB: c.db, Committed: c.notify}.Handle(ctx, consumer, ev.ID, fn)
}

func (c *Consumers) handleActivity(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case trackerapi.EventActivityCompleted, trackerapi.EventActivityUpdated:
		var p trackerapi.ActivityV1
		if err := ev.Decode(&p); err != nil || p.UserID == "" || p.ActivityID == "" {
			return permanent(ev, err)
		}
		act := projected(p)
		return c.once(ctx, Activities, ev, func(ctx context.Context) error { return c.app.Record(ctx, act, ev.Time) })
	case trackerapi.EventActivityDeleted:
		var p trackerapi.ActivityDeletedV1
		if err := ev.Decode(&p); err != nil || p.UserID == "" || p.ActivityID == "" {
			return permanent(ev, err)
		}
		return c.once(ctx, Activities, ev, func(ctx context.Context) error {
			return c.app.Forget(ctx, p.ActivityID, p.UserID, ev.Time)
		})
	}
	return nil
}

func (c *Consumers) handleUser(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case profilesapi.EventAthleteChanged:
		var p profilesapi.AthleteChangedV1
		if err := ev.Decode(&p); err != nil || p.UserID == "" {
			return permanent(ev, err)
		}
		ath := domain.Athlete{UserID: p.UserID, BirthYear: p.BirthYear, Sex: p.Sex}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.AthleteChanged(ctx, ath, ev.Time) })
	case authapi.EventUserDeleted:
		var p authapi.UserDeletedV1
		if err := ev.Decode(&p); err != nil || p.UserID == "" {
			return permanent(ev, err)
		}
		return c.once(ctx, Users, ev, func(ctx context.Context) error { return c.app.DeleteUser(ctx, p.UserID) })
	}
	return nil
}

// permanent is the error of a payload no retry can fix: dead-lettered at once.
func permanent(ev bus.Event, err error) error {
	if err == nil {
		err = fmt.Errorf("payload without a user or activity id")
	}
	return bus.Permanent(fmt.Errorf("%s %s: %w", ev.Type, ev.ID, err))
}

// projected is what progress keeps of an activity event.
func projected(p trackerapi.ActivityV1) domain.Activity {
	r := p.Analysis
	a := domain.Activity{ID: p.ActivityID, UserID: p.UserID, Sport: p.Sport, Family: domain.FamilyOf(p.Sport),
		Name: p.Name, StartedAt: p.StartedAt.UTC(), TimeZone: p.TimeZone, Day: domain.DayOf(p.StartedAt, p.TimeZone),
		DistanceM: domain.Finite(r.DistanceM), MovingS: domain.Finite(r.MovingS), ElapsedS: domain.Finite(r.ElapsedS),
		ElevGainM: domain.Finite(r.ElevGainM), Load: domain.Finite(loadScore(r.Load)), Polyline: p.Polyline}
	if pt, ok := latLng(p.StartLatLng); ok {
		a.Start = &pt
	}
	if pt, ok := latLng(p.EndLatLng); ok {
		a.End = &pt
	}
	seen := map[string]bool{}
	for _, e := range r.BestEfforts {
		// Best efforts come fastest first within a name: keep the first.
		if seen[e.Name] || e.Name == "" || domain.Finite(e.ElapsedS) <= 0 || domain.Finite(e.DistanceM) <= 0 {
			continue
		}
		seen[e.Name] = true
		a.Efforts = append(a.Efforts, domain.Effort{Name: e.Name, DistanceM: e.DistanceM, ElapsedS: e.ElapsedS})
	}
	return a
}

func loadScore(l analysis.Load) float64 { return l.Score() }

func latLng(v []float64) (domain.LatLng, bool) {
	if len(v) != 2 || !(v[0] >= -90 && v[0] <= 90 && v[1] >= -180 && v[1] <= 180) { // NaN fails too
		return domain.LatLng{}, false
	}
	return domain.LatLng{Lat: v[0], Lng: v[1]}, true
}
