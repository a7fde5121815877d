// Package auth is the user domain's authentication service: accounts
// (registration, email verification, password reset, deletion), argon2id
// passwords, sessions with rotating refresh tokens, short-lived EdDSA
// access tokens signed with rotating keys published as a JWKS, TOTP
// two-factor authentication with recovery codes, lockouts and per-address
// throttling, and a projection of the access service's grants and blocks.
// See docs/auth.md.
package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/keys"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/store/migrations"
)

// Name is the service's target name.
const Name = "auth"

// Deps are what the service needs from the platform.
type Deps struct {
	DB *sqldb.DB
	// Bus may be nil for tools that only write (CreateVerifiedUser): the
	// events then wait in the outbox for a running platform to relay them.
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
	// Limiter throttles the anonymous routes per client address; nil keeps
	// the buckets in memory (give a Redis limiter when replicas share them).
	Limiter ratelimit.Limiter
	// Clock is the service's time; nil is time.Now (tests move it).
	Clock func() time.Time
}

// Service is the auth service.
type Service struct {
	cfg      Config
	deps     Deps
	app      *app.App
	hasher   *password.Hasher
	relay    *bus.Relay
	consumer *bus.Consumer
	handler  *httpapi.Handler
	logger   *slog.Logger
}

// keyMargin covers clock leeway and replicas that reload keys late: a
// retired key stays published this much longer than its last token lives.
const keyMargin = 5 * time.Minute

// housekeeping is how often keys rotate and expired records are swept.
const housekeeping = time.Minute

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil {
		return nil, fmt.Errorf("auth: a database is required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Issuer == "" {
		cfg.Issuer = "sporthub"
	}
	if cfg.Audience == "" {
		cfg.Audience = "sporthub-api"
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	hasher, err := password.NewHasher(cfg.argon(), cfg.hashConcurrency(), cfg.HashWait)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	kek, _ := cfg.kek() // validated above
	sealer, err := keys.NewSealer(kek)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	s.hasher = hasher
	notify := func() {}
	if deps.Bus != nil {
		s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
		notify = s.relay.Notify
	}
	s.app = app.New(app.Config{
		Issuer: cfg.Issuer, Audience: cfg.Audience, AccessTTL: cfg.AccessTTL,
		SessionIdle: cfg.SessionIdle, SessionMax: cfg.SessionMax, PublicURL: cfg.PublicURL,
		LockoutThreshold: cfg.LockoutThreshold, LockoutDuration: cfg.LockoutDuration,
		Keys: keys.Policy{Rotation: cfg.KeyRotation, PublishLead: cfg.KeyPublishLead, TokenLife: cfg.AccessTTL + keyMargin},
	}, app.Deps{
		Repo: store.New(deps.DB), Outbox: bus.Outbox{DB: deps.DB}, Notify: notify,
		Hasher: hasher, Sealer: sealer, Now: deps.Clock, Logger: s.logger,
	})
	limiter := deps.Limiter
	if limiter == nil {
		limiter = ratelimit.NewMemory(cfg.IPRule())
	}
	trusted, _ := ratelimit.ParsePrefixes(cfg.TrustedProxies...) // validated above
	s.handler = httpapi.New(s.app, limiter, trusted, s.logger)
	if deps.Bus != nil {
		s.consumer, err = bus.NewConsumer(deps.Bus, consumers.NewAccess(s.app, deps.DB).Subscription(), s.logger)
		if err != nil {
			return nil, fmt.Errorf("auth: %w", err)
		}
	}
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route, verifying bearer tokens with v (for an auth
// process without a gateway, and tests). A nil v serves anonymous routes only.
func (s *Service) Handler(v *authn.Verifier) http.Handler {
	return web.Chain(s.handler.Mux(), authn.Middleware(v))
}

// JWKS returns the public keys that verify the tokens the service mints.
func (s *Service) JWKS() authn.JWKS { return s.app.JWKS() }

// CreateVerifiedUser creates an account whose email counts as verified,
// for operators bootstrapping users from the command line. The password
// rules hold, and an email already taken is a conflict. It needs the
// database migrated (Run, or Migrate).
func (s *Service) CreateVerifiedUser(ctx context.Context, email, password, language string) (userID string, err error) {
	return s.app.CreateVerifiedUser(ctx, email, password, language)
}

// UserIDByEmail returns the id of the account with that email (for
// command-line tools such as `sporthub import`); unknown is not_found.
func (s *Service) UserIDByEmail(ctx context.Context, email string) (string, error) {
	return s.app.UserIDByEmail(ctx, email)
}

// Migrate creates or upgrades the service's tables.
func (s *Service) Migrate(ctx context.Context) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate auth: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate auth outbox: %w", err)
	}
	return nil
}
