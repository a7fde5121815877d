package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// App is one SportHub process: the modules its targets select, built and
// ready to run.
type App struct {
	cfg     Config
	logger  *slog.Logger
	metrics *observability.Metrics

	// Built infrastructure, shared by the services.
	bus         *bus.Bus
	blobs       blob.Store
	verifier    *authn.Verifier
	revocations *authapi.RevocationList
	redis       *redis.Client
	closers     []func() error

	// What the service modules expose to the gateway and the server.
	routes  map[string][]web.Route
	gateway http.Handler

	modules  []module
	services map[string]lifecycle.Service
	manager  *lifecycle.Manager
	server   *server
}

// Prepare fills in settings derived from others (the embedded stores under
// data_dir) and validates the result.
func (c *Config) Prepare() error {
	if c.Bus.URL == "" && c.Bus.DataDir == "" && c.DataDir != "" {
		c.Bus.DataDir = filepath.Join(c.DataDir, "nats")
	}
	return c.Validate()
}

// New builds every module the configuration's targets select. Nothing runs
// until Run; on error everything built so far is closed.
func New(ctx context.Context, cfg Config, logger *slog.Logger, metrics *observability.Metrics) (*App, error) {
	if err := cfg.Prepare(); err != nil {
		return nil, fmt.Errorf("invalid configuration:\n%w", err)
	}
	mods, err := resolve(registry(), cfg.Target)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, logger: logger, metrics: metrics, modules: mods,
		routes: map[string][]web.Route{}, services: map[string]lifecycle.Service{}}
	if err := a.build(ctx); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

func (a *App) build(ctx context.Context) error {
	byName := map[string]module{}
	for _, m := range a.modules {
		byName[m.name] = m
	}
	selected := map[string]bool{}
	for _, m := range a.modules {
		selected[m.name] = true
	}
	entries := make([]lifecycle.Entry, 0, len(a.modules))
	for _, m := range a.modules {
		svc, err := m.build(ctx, a)
		if err != nil {
			return fmt.Errorf("build %s: %w", m.name, err)
		}
		a.services[m.name] = svc
		entries = append(entries, lifecycle.Entry{Service: svc, Deps: depsOf(byName, selected, m.name)})
	}
	if d, ok := a.demoSeeder(); ok {
		entries = append(entries, lifecycle.Entry{Service: d, Deps: demoNeeds})
	}
	mgr, err := lifecycle.NewManager(a.logger, entries...)
	if err != nil {
		return err
	}
	a.manager = mgr
	return nil
}

// Services lists the modules this process runs, in start order.
func (a *App) Services() []string {
	out := make([]string, len(a.modules))
	for i, m := range a.modules {
		out[i] = m.name
	}
	return out
}

// Run runs every module until ctx is cancelled (SIGTERM) or one fails,
// then stops them in reverse order and releases their resources. onReady
// is called once everything is running.
func (a *App) Run(ctx context.Context, onReady func()) error {
	defer a.close()
	return a.manager.Run(ctx, onReady)
}

// Addr returns the address the HTTP server listens on once running.
func (a *App) Addr() string {
	if a.server == nil {
		return ""
	}
	return a.server.Addr()
}

// openDB opens a service's own database and exports its pool metrics.
func (a *App) openDB(ctx context.Context, service string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, sqldb.Options{
		DSN: a.cfg.Database.DSNFor(service), DataDir: a.cfg.DataDir, Service: service,
		MaxOpenConns: a.cfg.Database.MaxOpenConns,
	})
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, db.Close)
	if a.metrics != nil {
		if err := observability.RegisterDBStats(a.metrics.Registerer(), service, db.SQL); err != nil {
			return nil, err
		}
	}
	return db, nil
}

func (a *App) close() {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	a.closers = nil
	if err := errors.Join(errs...); err != nil {
		a.logger.Warn("closing resources", "err", err)
	}
}

// Bus returns the process's event bus (for tests and tools).
func (a *App) Bus() *bus.Bus { return a.bus }

// Service returns the module named name running in this process, or nil.
func (a *App) Service(name string) lifecycle.Service { return a.services[name] }
