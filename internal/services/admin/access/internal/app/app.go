// Package app holds the access service's use cases: the permission catalog
// and roles, users' grants, blocks and unlocks, the staff directory and its
// projection of other services' events, the built-in roles and the CLI's
// bootstrap admin. Use cases check the caller's permission, keep the
// guards, and record each change's staff action, events and notification
// requests in the outbox in the same transaction.
package app

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Source names the access service as the source of its events.
const Source = "access"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// App is the access service's application layer.
type App struct {
	repo    domain.Repository
	outbox  Outbox
	notify  func() // wakes the outbox relay after a commit
	now     func() time.Time
	catalog *domain.Catalog
}

// New returns the application layer over the permission catalog. notify
// may be nil.
func New(repo domain.Repository, outbox Outbox, notify func(), catalog *domain.Catalog) *App {
	if notify == nil {
		notify = func() {}
	}
	return &App{repo: repo, outbox: outbox, notify: notify, catalog: catalog,
		now: func() time.Time { return time.Now().UTC() }}
}

// change collects what one write records besides its state change.
type change struct {
	events []bus.Event
	err    error
}

// event adds an event about subject; the first failure sticks.
func (c *change) event(typ, subject string, data any) {
	if c.err != nil {
		return
	}
	ev, err := bus.NewEvent(typ, Source, subject, data)
	c.events, c.err = append(c.events, ev), err
}

// notification adds a request to notify the user.
func (c *change) notification(req notifyapi.RequestedV1) {
	if c.err != nil {
		return
	}
	ev, err := notifyapi.NewRequest(Source, req)
	c.events, c.err = append(c.events, ev), err
}

// commit runs write under the grants lock and records its events in one
// transaction (joining the caller's, if any), then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context, c *change) error) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		if err := a.repo.LockGrants(ctx); err != nil {
			return err
		}
		var c change
		if err := write(ctx, &c); err != nil {
			return err
		}
		if c.err != nil {
			return c.err
		}
		if len(c.events) == 0 {
			return nil
		}
		return a.outbox.AddEvents(ctx, c.events...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// record stores a staff action.
func (a *App) record(ctx context.Context, actor, target, action, reason string, details any, at time.Time) error {
	b, err := json.Marshal(details)
	if err != nil {
		return err
	}
	return a.repo.AddAction(ctx, domain.StaffAction{ID: uuid.Must(uuid.NewV7()).String(), ActorID: actor,
		Target: target, Action: action, Reason: reason, Details: b, At: at})
}

// caller returns the caller holding perm.
func caller(ctx context.Context, perm string) (string, error) {
	p, err := authn.RequirePermission(ctx, perm)
	if err != nil {
		return "", err
	}
	return p.Subject, nil
}
