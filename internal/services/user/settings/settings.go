// Package settings is the user domain's personal settings: interface,
// language, region, time zone, currency, phone, notification preferences,
// quiet hours and marketing consent (with its provable history). Every
// change is published as a full snapshot (settings_changed.v1) for notify
// and others to project; a registration creates the settings in the chosen
// language and a deletion erases them.
package settings

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
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/store/migrations"
)

// Name is the service's target name.
const Name = "settings"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
}

// Service is the settings service.
type Service struct {
	cfg      Config
	deps     Deps
	relay    *bus.Relay
	consumer *bus.Consumer
	handler  *httpapi.Handler
	logger   *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil {
		return nil, fmt.Errorf("settings: database and bus are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	a := app.New(store.New(deps.DB), bus.Outbox{DB: deps.DB}, s.relay.Notify)
	s.handler = httpapi.New(a)
	c, err := bus.NewConsumer(deps.Bus, consumers.Subscription(deps.DB, a, s.relay.Notify), s.logger)
	if err != nil {
		return nil, fmt.Errorf("settings consumer: %w", err)
	}
	s.consumer = c
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for tests and a process without a gateway).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// Run migrates the database, then runs the outbox relay and the consumer
// of user events until ctx is cancelled.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate settings: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate settings outbox: %w", err)
	}
	return lifecycle.RunAll(ctx, ready, s.logger, s.relay, s.consumer)
}
