// Package access is the administration domain's access management: roles
// and the permission catalog, users' grants, blocks and unlocks, the staff
// directory for user search, and the record of every staff action. Other
// services learn about grants and blocks from its events (auth mints
// tokens and refuses logins from them); it learns about users from auth's
// and profiles' events.
package access

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
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/app"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/store/migrations"
)

// Name is the service's target name.
const Name = "access"

// Deps are what the service needs from the platform. Bus may be nil for
// tools that only write (the CLI's bootstrap admin): the events then wait
// in the outbox; Run needs it.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
	// Permissions is the permission catalog: every permission some service
	// checks, as the composition root collects them from the services'
	// api packages. Access's own are always included.
	Permissions []accessapi.PermissionInfo
}

// Service is the access service.
type Service struct {
	cfg      Config
	deps     Deps
	app      *app.App
	relay    *bus.Relay
	consumer *bus.Consumer
	handler  *httpapi.Handler
	logger   *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil {
		return nil, fmt.Errorf("access: a database is required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	catalog, err := domain.NewCatalog(accessapi.Permissions, deps.Permissions)
	if err != nil {
		return nil, fmt.Errorf("access: %w", err)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	if deps.Bus == nil {
		s.app = app.New(store.New(deps.DB), bus.Outbox{DB: deps.DB}, nil, catalog)
		s.handler = httpapi.New(s.app)
		return s, nil
	}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	s.app = app.New(store.New(deps.DB), bus.Outbox{DB: deps.DB}, s.relay.Notify, catalog)
	s.handler = httpapi.New(s.app)
	s.consumer, err = bus.NewConsumer(deps.Bus, consumers.Subscription(deps.DB, s.app, s.relay.Notify), s.logger)
	if err != nil {
		return nil, fmt.Errorf("access consumer: %w", err)
	}
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for tests and a process without a gateway).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// Run prepares the database (migrations, built-in roles, admin's full
// permission set), then runs the outbox relay and the directory's consumer
// until ctx is cancelled.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if s.relay == nil {
		return fmt.Errorf("access: running needs the bus")
	}
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	return lifecycle.RunAll(ctx, ready, s.logger, s.relay, s.consumer)
}

// Migrate prepares the database: it applies the migrations, creates the
// built-in roles that are missing and gives admin the whole permission
// catalog. It is idempotent; Run calls it, and so may tools that use the
// service without running it.
func (s *Service) Migrate(ctx context.Context) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate access: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate access outbox: %w", err)
	}
	if err := s.app.EnsureBuiltins(ctx); err != nil {
		return fmt.Errorf("seed built-in roles: %w", err)
	}
	return nil
}

// GrantBootstrapAdmin makes a user admin on behalf of the system, for the
// CLI that creates an installation's first admin (call Migrate first): it puts the user in the directory when their registration has
// not reached access yet, and assigns admin (actor "system", reason
// "bootstrap") with the usual staff action, grants_changed event and
// notification. The events wait in the outbox until the service runs. A
// user who is admin already is left alone.
func (s *Service) GrantBootstrapAdmin(ctx context.Context, userID, email string) error {
	return s.app.GrantBootstrapAdmin(ctx, userID, email)
}
