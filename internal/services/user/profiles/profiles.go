// Package profiles is the user domain's athlete profiles: personal data and
// body metrics, avatar, sports, goals, achievements, privacy (visibility,
// activity defaults, privacy zones) and follows. Public pages show each
// viewer exactly what the owner's privacy allows; body metrics only ever
// reach the owner. Changes are published through the transactional outbox
// (user.profiles.*); auth's registration, verification and deletion events
// create, award and erase.
package profiles

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store/migrations"
)

// Name is the service's target name.
const Name = "profiles"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
}

// Service is the profiles service.
type Service struct {
	cfg       Config
	deps      Deps
	relay     *bus.Relay
	consumers []*bus.Consumer
	handler   *httpapi.Handler
	logger    *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil || deps.Blobs == nil {
		return nil, fmt.Errorf("profiles: database, bus and blob store are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	a := app.New(store.New(deps.DB), bus.Outbox{DB: deps.DB}, deps.Blobs, s.relay.Notify, s.logger)
	s.handler = httpapi.New(a)
	cs, err := consumers.New(a, deps.DB, s.relay.Notify).Start(deps.Bus, s.logger)
	if err != nil {
		return nil, fmt.Errorf("profiles consumers: %w", err)
	}
	s.consumers = cs
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for tests and a process without a gateway).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// Run migrates the database, then runs the outbox relay and the consumers
// until ctx is cancelled.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate profiles: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate profiles outbox: %w", err)
	}
	parts := []lifecycle.Service{s.relay}
	for _, c := range s.consumers {
		parts = append(parts, c)
	}
	return lifecycle.RunAll(ctx, ready, s.logger, parts...)
}
