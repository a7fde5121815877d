// Package app holds the catalog's use cases, one file each: search, read a
// product, create and update products, set prices and stock, load the demo
// catalog. Use cases check the caller's permissions, keep the domain rules,
// and record each change's event in the outbox in the same transaction.
package app

import (
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// App is the catalog's application layer.
type App struct {
	repo     domain.Repository
	outbox   Outbox
	notify   func() // wakes the outbox relay after a commit
	now      func() time.Time
	taxonomy atomic.Pointer[domain.Taxonomy]
}

// Source names the catalog as the source of its events.
const Source = "catalog"

// New returns the application layer. notify may be nil.
func New(repo domain.Repository, outbox Outbox, notify func()) *App {
	if notify == nil {
		notify = func() {}
	}
	return &App{repo: repo, outbox: outbox, notify: notify, now: time.Now}
}

// newProductID returns a new time-ordered product id.
func newProductID() string {
	return "prd_" + strings.ReplaceAll(uuid.Must(uuid.NewV7()).String(), "-", "")
}

// Taxonomy returns the taxonomy, cached: it changes only through
// SaveTaxonomy, which refreshes the cache.
func (a *App) Taxonomy(ctx context.Context) (domain.Taxonomy, error) {
	if t := a.taxonomy.Load(); t != nil {
		return *t, nil
	}
	t, err := a.repo.Taxonomy(ctx)
	if err != nil {
		return t, err
	}
	a.taxonomy.Store(&t)
	return t, nil
}

// commit runs write and records its events in one transaction, then wakes
// the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context) ([]bus.Event, error)) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		events, err := write(ctx)
		if err != nil {
			return err
		}
		return a.outbox.AddEvents(ctx, events...)
	})
	if err == nil {
		a.notify()
	}
	return err
}
