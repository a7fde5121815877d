// Package app holds the auth service's use cases, one concern per file:
// registration and email verification, login (password, second factor,
// lockout), sessions and their tokens, passwords, two-factor
// authentication, the account itself, the projection of access's grants,
// signing keys and housekeeping. Each state change and its events (its
// own and the notification requests for notify) commit in one
// transaction through the outbox.
package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/keys"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
)

// Source names the auth service as the source of its events.
const Source = "auth"

// Lifetimes of single-use tokens, fixed by the contract.
const (
	VerifyTTL      = 24 * time.Hour
	ResetTTL       = time.Hour
	MFATTL         = 5 * time.Minute
	MaxMFAAttempts = 5 // wrong codes one MFA token survives
)

// Config is what the use cases need to know.
type Config struct {
	Issuer, Audience string
	AccessTTL        time.Duration
	SessionIdle      time.Duration
	SessionMax       time.Duration
	PublicURL        string
	LockoutThreshold int
	LockoutDuration  time.Duration
	Keys             keys.Policy
}

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// Deps are the application layer's collaborators.
type Deps struct {
	Repo   domain.Repository
	Outbox Outbox
	Notify func() // wakes the outbox relay after a commit; may be nil
	Hasher *password.Hasher
	Sealer *keys.Sealer
	Now    func() time.Time // nil: time.Now
	Logger *slog.Logger
}

// App is the auth service's application layer.
type App struct {
	cfg    Config
	repo   domain.Repository
	outbox Outbox
	notify func()
	hasher *password.Hasher
	sealer *keys.Sealer
	now    func() time.Time
	logger *slog.Logger
	ring   atomic.Pointer[[]keys.Key]
}

// New returns the application layer.
func New(cfg Config, d Deps) *App {
	if d.Notify == nil {
		d.Notify = func() {}
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	return &App{cfg: cfg, repo: d.Repo, outbox: d.Outbox, notify: d.Notify, hasher: d.Hasher, sealer: d.Sealer,
		now: func() time.Time { return d.Now().UTC() }, logger: d.Logger}
}

// Client is who is calling: the address and device a session records.
type Client struct {
	IP     string
	Device string
}

// batch gathers the events of one transaction, keeping the first error.
type batch struct {
	events []bus.Event
	err    error
}

func (b *batch) add(ev bus.Event, err error) {
	if err != nil {
		if b.err == nil {
			b.err = err
		}
		return
	}
	b.events = append(b.events, ev)
}

// commit runs write and records the events it gathered in one
// transaction, then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context, b *batch) error) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		var b batch
		if err := write(ctx, &b); err != nil {
			return err
		}
		if b.err != nil {
			return b.err
		}
		return a.outbox.AddEvents(ctx, b.events...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// event builds one of the service's events about userID.
func event(typ, userID string, data any) (bus.Event, error) {
	return bus.NewEvent(typ, Source, userID, data)
}

// notification builds a request to notify to send acct a notice of typ.
// Every auth notice is critical and goes to the account's own address.
func notification(typ string, acct domain.Account, data map[string]string) (bus.Event, error) {
	return notifyapi.NewRequest(Source, notifyapi.RequestedV1{
		Type: typ, UserID: acct.ID, Email: acct.Email, Data: data, Critical: true,
	})
}

// link is a page of the web app carrying a single-use token.
func (a *App) link(page, token string) string {
	return a.cfg.PublicURL + page + "?token=" + url.QueryEscape(token)
}

// newID returns a new time-ordered id.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// newSecret returns a random 32-byte token (base64url) and its stored hash.
func newSecret() (token, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:])
	token = base64.RawURLEncoding.EncodeToString(b[:])
	return token, hashSecret(token)
}

// hashSecret is the stored form of a random token: its SHA-256. Tokens
// carry 256 random bits, so a fast hash is enough.
func hashSecret(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ceilSecond is the first whole second after t: revocations take effect
// for every token minted up to t (tokens carry whole seconds).
func ceilSecond(t time.Time) time.Time { return t.Truncate(time.Second).Add(time.Second) }
