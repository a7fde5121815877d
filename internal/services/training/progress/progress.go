// Package progress is the training domain's progress analytics: personal
// records with history, load and fitness (CTL, ATL, TSB), weekly and
// monthly volume, ACWR (descriptive only), race predictions, and
// comparisons with the athlete's own past, reference standards and other
// athletes who allow it, all projected from the tracker's activity events
// and profiles' athlete data. Every route is the caller's own (/me).
package progress

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
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/store/migrations"
)

// Name is the service's target name.
const Name = "progress"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
}

// Service is the progress service.
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
		return nil, fmt.Errorf("progress: database, bus and blob store are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	a := app.New(store.New(deps.DB), bus.Outbox{DB: deps.DB}, s.relay.Notify)
	s.handler = httpapi.New(a)
	cs, err := consumers.New(a, deps.DB, s.relay.Notify).Start(deps.Bus, s.logger)
	if err != nil {
		return nil, fmt.Errorf("progress consumers: %w", err)
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
		return fmt.Errorf("migrate progress: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate progress outbox: %w", err)
	}
	parts := []lifecycle.Service{s.relay}
	for _, c := range s.consumers {
		parts = append(parts, c)
	}
	return lifecycle.RunAll(ctx, ready, s.logger, parts...)
}
