// Package app holds the tracker's use cases, one concern per file: live
// sessions and their ingest, finishing a session into an activity and
// storing imported ones, activities and what others see of them, the live
// view (tickets, share links, fan-out), safety (settings, SOS, the sweeper
// of stops and abandoned sessions), the privacy projection, the glance and
// account erasure. Every change records its events and notification
// requests in the outbox in the same transaction; heavy work (analysis,
// blobs) is done before that transaction, never inside it.
package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
)

// Source names the tracker as the source of its events.
const Source = "tracker"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// Config tunes the application layer.
type Config struct {
	AutoPauseAfter time.Duration
	AbandonAfter   time.Duration
	TicketTTL      time.Duration
	ShareMaxTTL    time.Duration
	MaxShares      int
	// DefaultStopAlert is the stop-alert time of users who chose none.
	DefaultStopAlert time.Duration
	// SafetyShareTTL is the lifetime of the link a safety alert sends.
	SafetyShareTTL time.Duration
}

// App is the tracker's application layer.
type App struct {
	cfg    Config
	store  *store.Store
	outbox Outbox
	notify func() // wakes the outbox relay after a commit
	blobs  blob.Store
	hub    *live.Hub
	logger *slog.Logger
	now    func() time.Time
}

// New returns the application layer. notify and logger may be nil.
func New(cfg Config, st *store.Store, outbox Outbox, blobs blob.Store, hub *live.Hub, notify func(), logger *slog.Logger) *App {
	if notify == nil {
		notify = func() {}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &App{cfg: cfg, store: st, outbox: outbox, notify: notify, blobs: blobs, hub: hub, logger: logger,
		now: func() time.Time { return time.Now().UTC() }}
}

// Hub returns the live hub.
func (a *App) Hub() *live.Hub { return a.hub }

// newID returns a new time-ordered id.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// idNamespace derives stable ids: the activity of a session or an import
// has the same id however often its creation is retried.
var idNamespace = uuid.MustParse("6f1b0e52-6d0b-4c8e-9a55-7472616b6572")

// derivedID returns the stable id for key.
func derivedID(key string) string { return uuid.NewSHA1(idNamespace, []byte(key)).String() }

// caller returns the signed-in user's id.
func caller(ctx context.Context) (string, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return "", err
	}
	return p.Subject, nil
}

// viewer returns the caller's id, or "" for an anonymous request.
func viewer(ctx context.Context) string {
	if p, ok := authn.FromContext(ctx); ok {
		return p.Subject
	}
	return ""
}

// relation returns how viewerID stands to ownerID.
func (a *App) relation(ctx context.Context, viewerID, ownerID string) (domain.Relation, error) {
	switch {
	case viewerID == "":
		return domain.Stranger, nil
	case viewerID == ownerID:
		return domain.Owner, nil
	}
	ok, err := a.store.Follows(ctx, viewerID, ownerID)
	if err != nil || !ok {
		return domain.Stranger, err
	}
	return domain.Follower, nil
}

// commit runs write and records the events it returns in one transaction
// (joining the caller's, if any), then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context) ([]bus.Event, error)) error {
	err := a.store.InTx(ctx, func(ctx context.Context) error {
		evs, err := write(ctx)
		if err != nil || len(evs) == 0 {
			return err
		}
		return a.outbox.AddEvents(ctx, evs...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// Notify wakes the outbox relay (after a consumer's transaction).
func (a *App) Notify() { a.notify() }

// events collects events, keeping the first error building them.
type events struct {
	list []bus.Event
	err  error
}

func (e *events) add(typ, subject string, data any) {
	if e.err != nil {
		return
	}
	ev, err := bus.NewEvent(typ, Source, subject, data)
	e.list, e.err = append(e.list, ev), err
}

func (e *events) notification(req notifyapi.RequestedV1) {
	if e.err != nil {
		return
	}
	ev, err := notifyapi.NewRequest(Source, req)
	e.list, e.err = append(e.list, ev), err
}

func (e *events) result() ([]bus.Event, error) { return e.list, e.err }

// randomToken returns a random URL-safe token (256 bits).
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// tokenHash is how tokens are stored.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
