// Package app holds the progress service's use cases: keeping the
// projection of activities, best efforts, daily loads and athletes from
// other services' events (and publishing personal records through the
// outbox in the same transaction), and answering the athlete's questions
// about their own training: fitness, volume, ACWR, records, predictions,
// comparisons, and their settings.
package app

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

// Source names the progress service as the source of its events.
const Source = "progress"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// App is the progress service's application layer.
type App struct {
	repo   domain.Repository
	outbox Outbox
	notify func() // wakes the outbox relay after a commit
	now    func() time.Time
}

// New returns the application layer. notify may be nil.
func New(repo domain.Repository, outbox Outbox, notify func()) *App {
	if notify == nil {
		notify = func() {}
	}
	return &App{repo: repo, outbox: outbox, notify: notify, now: func() time.Time { return time.Now().UTC() }}
}

// caller returns the signed-in user's id.
func caller(ctx context.Context) (string, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return "", err
	}
	return p.Subject, nil
}

// today is the user's current calendar day, in the time zone of their
// latest activity (UTC without one), as a day string and midnight UTC.
func (a *App) today(ctx context.Context, uid string) (string, time.Time, error) {
	tz, err := a.repo.LatestTimeZone(ctx, uid)
	if err != nil {
		return "", time.Time{}, err
	}
	day := domain.DayOf(a.now(), tz)
	t, err := domain.ParseDay(day)
	return day, t, err
}
