// Package auth is the user domain's authorization service: accounts, passwords, sessions, access and refresh tokens, two-factor authentication.
package auth

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// Name is the service's target name.
const Name = "auth"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
}

// Service is the auth service.
type Service struct {
	cfg    Config
	deps   Deps
	relay  *bus.Relay
	logger *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil {
		return nil, fmt.Errorf("auth: database and bus are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return nil }

// Run migrates the database and runs the outbox relay until ctx is cancelled.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate auth outbox: %w", err)
	}
	return s.relay.Run(ctx, ready)
}
