// Package consumers handles the events the profiles service reacts to,
// each effectively once (bus.HandleOnce records the event id in the inbox in
// the transaction of the effect):
//   - auth's user_registered creates the profile, email_verified awards the
//     email_verified achievement, user_deleted erases everything of the user
//     (one consumer, so they apply in the order auth published them);
//   - the service's own profile_updated and followed events award
//     profile_complete and first_follower;
//   - the tracker's activity_completed, activity_updated and
//     activity_deleted events keep the small projection of activities that
//     goals are measured against, and the goals' progress.
package consumers

import (
	"context"
	"fmt"
	"log/slog"
	"math"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Durable consumer names.
const (
	AuthEvents     = "profiles-auth-events"
	Achievements   = "profiles-achievements"
	TrainingEvents = "profiles-training-events"
)

// Consumers builds the service's consumers.
type Consumers struct {
	app    *app.App
	db     *sqldb.DB
	notify func() // wakes the relay after a handler committed events
}

// New returns the consumers over the application layer and the service's
// database (for the inbox).
func New(a *app.App, db *sqldb.DB, notify func()) *Consumers {
	if notify == nil {
		notify = func() {}
	}
	return &Consumers{app: a, db: db, notify: notify}
}

// Subscriptions are the service's durable subscriptions.
func (c *Consumers) Subscriptions() []bus.Subscription {
	return []bus.Subscription{
		{Name: AuthEvents, Handler: c.handleAuth, Subjects: []string{
			authapi.EventUserRegistered, authapi.EventEmailVerified, authapi.EventUserDeleted}},
		{Name: Achievements, Handler: c.handleOwn, Subjects: []string{
			profilesapi.EventProfileUpdated, profilesapi.EventFollowed}},
		{Name: TrainingEvents, Handler: c.handleTraining, Subjects: []string{
			trackerapi.EventActivityCompleted, trackerapi.EventActivityUpdated, trackerapi.EventActivityDeleted}},
	}
}

// Start builds a bus.Consumer per subscription.
func (c *Consumers) Start(b *bus.Bus, logger *slog.Logger) ([]*bus.Consumer, error) {
	return bus.NewConsumers(b, logger, c.Subscriptions()...)
}

// once runs fn effectively once for the event and wakes the relay.
func (c *Consumers) once(ctx context.Context, consumer string, ev bus.Event, fn func(ctx context.Context) error) error {
	return bus.Inbox{DB: c.db, Committed: c.notify}.Handle(ctx, consumer, ev.ID, fn)
}

func (c *Consumers) handleAuth(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case authapi.EventUserRegistered:
		var p authapi.UserRegisteredV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, AuthEvents, ev, func(ctx context.Context) error {
			return c.app.Registered(ctx, p.UserID, p.Email)
		})
	case authapi.EventEmailVerified:
		var p authapi.EmailVerifiedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, AuthEvents, ev, func(ctx context.Context) error {
			return c.app.Award(ctx, p.UserID, profilesapi.AchievementEmailVerified)
		})
	case authapi.EventUserDeleted:
		var p authapi.UserDeletedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		// The avatar's files go first: should the erasure then fail, the
		// redelivery finds the name again and deletes (nothing) again.
		name, err := c.app.AvatarOf(ctx, p.UserID)
		if err != nil {
			return err
		}
		if err := c.app.RemoveAvatarFiles(ctx, name); err != nil {
			return err
		}
		return c.once(ctx, AuthEvents, ev, func(ctx context.Context) error {
			return c.app.Erase(ctx, p.UserID)
		})
	}
	return nil
}

func (c *Consumers) handleOwn(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case profilesapi.EventProfileUpdated:
		var p profilesapi.ProfileUpdatedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		return c.once(ctx, Achievements, ev, func(ctx context.Context) error {
			return c.app.CheckProfileComplete(ctx, p.UserID)
		})
	case profilesapi.EventFollowed:
		var p profilesapi.FollowV1
		if err := decode(ev, &p, &p.FolloweeID); err != nil {
			return err
		}
		return c.once(ctx, Achievements, ev, func(ctx context.Context) error {
			return c.app.CheckFirstFollower(ctx, p.FolloweeID)
		})
	}
	return nil
}

func (c *Consumers) handleTraining(ctx context.Context, ev bus.Event) error {
	switch ev.Type {
	case trackerapi.EventActivityCompleted, trackerapi.EventActivityUpdated:
		var p trackerapi.ActivityV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		if p.ActivityID == "" {
			return bus.Permanent(fmt.Errorf("%s: payload without an activity id", ev.Type))
		}
		act := trainingActivity(p)
		return c.once(ctx, TrainingEvents, ev, func(ctx context.Context) error {
			return c.app.ActivityRecorded(ctx, act, ev.Time)
		})
	case trackerapi.EventActivityDeleted:
		var p trackerapi.ActivityDeletedV1
		if err := decode(ev, &p, &p.UserID); err != nil {
			return err
		}
		if p.ActivityID == "" {
			return bus.Permanent(fmt.Errorf("%s: payload without an activity id", ev.Type))
		}
		return c.once(ctx, TrainingEvents, ev, func(ctx context.Context) error {
			return c.app.ActivityDeleted(ctx, p.ActivityID, p.UserID, ev.Time)
		})
	}
	return nil
}

// trainingActivity keeps of an activity event what goals need.
func trainingActivity(p trackerapi.ActivityV1) domain.TrainingActivity {
	r := p.Analysis
	act := domain.TrainingActivity{ID: p.ActivityID, UserID: p.UserID, Sport: p.Sport, StartedAt: p.StartedAt.UTC(),
		TimeZone: p.TimeZone, DistanceM: finite(r.DistanceM), MovingS: finite(r.MovingS)}
	for _, e := range r.BestEfforts {
		if e.ElapsedS > 0 && e.DistanceM > 0 && !math.IsInf(e.ElapsedS, 0) {
			act.Efforts = append(act.Efforts, domain.Effort{DistanceM: e.DistanceM, ElapsedS: e.ElapsedS})
		}
	}
	return act
}

// finite is v, or 0 for a value no sum should take (NaN, infinite, negative).
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// decode reads the payload; a malformed one, or one without the user id,
// can never be handled and is dead-lettered at once.
func decode(ev bus.Event, v any, userID *string) error {
	if err := ev.Decode(v); err != nil {
		return bus.Permanent(err)
	}
	if *userID == "" {
		return bus.Permanent(errMissingUser(ev.Type))
	}
	return nil
}

type errMissingUser string

func (e errMissingUser) Error() string { return string(e) + ": payload without a user id" }
