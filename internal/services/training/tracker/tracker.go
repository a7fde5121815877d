// Package tracker is the training domain's tracker: live sessions (start,
// pause, resume, finish, discard) fed by devices' live ingest, the live
// view for the owner, followers and share links with privacy zones masked,
// safety alerts (stopped moving, SOS) through notify, and the activities
// themselves: stored compactly with their analysis and simplified route,
// raw data archived, exported as FIT, GPX and TCX, and announced with
// training.tracker.activity_completed.v1. See docs/tracker.md.
package tracker

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	_ "time/tzdata" // glance time zones resolve without the host's zoneinfo

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Name is the service's target name.
const Name = "tracker"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
	// Registerer takes the service's metrics (nil: not exported).
	Registerer prometheus.Registerer
}

// Service is the tracker service.
type Service struct {
	cfg       Config
	deps      Deps
	app       *app.App
	hub       *live.Hub
	relay     *bus.Relay
	consumers []*bus.Consumer
	handler   *httpapi.Handler
	logger    *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil || deps.Blobs == nil {
		return nil, fmt.Errorf("tracker: database, bus and blob store are required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("tracker: %w", err)
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	s.hub = live.New(deps.Bus.Conn(), deps.Bus.Subject("live.track"), cfg.Live.MaxViewersPerSession, cfg.Live.QueueSize, s.logger)
	st := store.New(deps.DB)
	s.app = app.New(app.Config{
		AutoPauseAfter: cfg.AutoPauseAfter, AbandonAfter: cfg.AbandonAfter, TicketTTL: cfg.Live.TicketTTL,
		ShareMaxTTL: cfg.Shares.MaxTTL, MaxShares: cfg.Shares.MaxActive,
		DefaultStopAlert: cfg.Safety.StopAlertAfter, SafetyShareTTL: cfg.Safety.ShareTTL,
	}, st, bus.Outbox{DB: deps.DB}, deps.Blobs, s.hub, s.relay.Notify, s.logger)
	s.handler = httpapi.New(s.app, httpapi.LiveOptions{OriginPatterns: cfg.Live.AllowedOrigins,
		PingInterval: cfg.Live.PingInterval, WriteTimeout: cfg.Live.WriteTimeout})
	if deps.Registerer != nil {
		if err := registerMetrics(deps.Registerer, s.hub); err != nil {
			return nil, fmt.Errorf("tracker metrics: %w", err)
		}
	}
	cs, err := consumers.New(s.app, st).Start(deps.Bus, s.logger)
	if err != nil {
		return nil, fmt.Errorf("tracker consumers: %w", err)
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

// Run migrates the database, then runs the outbox relay, the live hub, the
// consumers and the sweeper (safety alerts, abandoned sessions) until ctx
// is cancelled; they stop in reverse order.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate tracker: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate tracker outbox: %w", err)
	}
	hub := lifecycle.Func{ServiceName: Name + "-live", RunFunc: s.hub.Run}
	sweeper := lifecycle.Func{ServiceName: Name + "-sweeper", RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		s.app.RunSweeper(ctx, s.cfg.SweepInterval)
		return nil
	}}
	base := []string{s.relay.Name(), hub.Name()}
	entries := []lifecycle.Entry{{Service: s.relay}, {Service: hub}, {Service: sweeper, Deps: base}}
	for _, c := range s.consumers {
		entries = append(entries, lifecycle.Entry{Service: c, Deps: base})
	}
	m, err := lifecycle.NewManager(s.logger, entries...)
	if err != nil {
		return err
	}
	return m.Run(ctx, ready)
}

// StoreActivity stores a finished activity of a user recorded elsewhere
// (demo seeding, a command-line import) by the path imports take: analysis
// with the athlete's data, compact samples in the blob store, simplified
// routes, training.tracker.activity_completed.v1 through the outbox.
// source is "import" or "demo". An activity that repeats one of the
// user's (a start within a minute, overlapping) is not stored: the error
// has the code "duplicate_activity" and id names the stored one. Call it
// once Run is ready (the database is migrated then).
func (s *Service) StoreActivity(ctx context.Context, userID string, a *activity.Activity, source string) (id string, err error) {
	return s.app.StoreActivity(ctx, userID, a, source)
}

// Sweep runs the sweeper once (safety alerts, abandoned sessions, expired
// tickets), for tests and tools.
func (s *Service) Sweep(ctx context.Context) error { return s.app.Sweep(ctx) }

// registerMetrics exports the live view's size: viewers connected to this
// process and the sessions they watch. (Ingest volume and lag are the
// bus consumers' metrics.)
func registerMetrics(reg prometheus.Registerer, hub *live.Hub) error {
	for _, c := range []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "sporthub_tracker_live_viewers",
			Help: "Live-view WebSocket viewers connected to this process."}, func() float64 { return float64(hub.Viewers()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "sporthub_tracker_live_sessions_watched",
			Help: "Live sessions with at least one viewer on this process."}, func() float64 { return float64(hub.Rooms()) }),
	} {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}
