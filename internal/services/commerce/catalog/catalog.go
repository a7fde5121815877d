// Package catalog is the company's goods catalog (commerce domain), the
// reference SportHub service: its own SQL store and migrations, domain, use
// cases, HTTP API, events through the transactional outbox, a public client
// package (catalogapi), and demo data. Later services copy its shape.
package catalog

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/app"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/demo"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store/migrations"
)

// Name is the catalog's target name.
const Name = "catalog"

// Deps are what the catalog needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
}

// Service is the catalog service.
type Service struct {
	cfg     Config
	deps    Deps
	store   *store.Store
	app     *app.App
	relay   *bus.Relay
	handler *httpapi.Handler
	logger  *slog.Logger
	demo    demo.Dataset
}

// New builds the catalog over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil || deps.Blobs == nil {
		return nil, fmt.Errorf("catalog: database, bus and blob store are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.store = store.New(deps.DB)
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	s.app = app.New(s.store, bus.Outbox{DB: deps.DB}, s.relay.Notify)
	var builtin map[string][]byte
	if cfg.Demo {
		s.demo = demo.Generate()
		builtin = s.demo.Images()
	}
	s.handler = httpapi.New(s.app, deps.Blobs, builtin)
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the catalog's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for a catalog process without a gateway and
// for the local client).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// Client returns an in-process catalog client.
func (s *Service) Client() catalogapi.Client { return catalogapi.NewLocalClient(s.Handler()) }

// Run migrates the database, loads the demo catalog into an empty catalog
// when configured, and runs the outbox relay until ctx is cancelled.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate catalog outbox: %w", err)
	}
	if s.cfg.Demo {
		if err := s.loadDemo(ctx); err != nil {
			return err
		}
	}
	return s.relay.Run(ctx, ready)
}

// loadDemo seeds an empty catalog with the generated demo data set. Its
// images are generated, not stored: the image handler serves them from
// memory for names the blob store does not hold.
func (s *Service) loadDemo(ctx context.Context) error {
	ds := s.demo
	items := make([]app.SeedItem, len(ds.Products))
	for i, it := range ds.Products {
		items[i] = app.SeedItem{Product: it.Product, Prices: it.Prices, Stock: it.Stock}
	}
	t := domain.Taxonomy{Sports: ds.Sports, Categories: ds.Categories, Brands: ds.Brands, Locations: ds.Locations}
	loaded, err := s.app.Seed(ctx, t, items)
	if err != nil {
		return fmt.Errorf("load demo catalog: %w", err)
	}
	if loaded {
		s.logger.Info("demo catalog loaded", "products", len(items))
	}
	return nil
}
