// Package notify is the platform's notification service. Any service asks
// it to notify a user by writing a platform.notify.requested.v1 event into
// its own outbox; notify renders the type's template in the user's
// language and time zone, decides the channels (template defaults, the
// user's preferences, quiet hours, critical notices), writes the in-app
// item and sends email (SMTP or .eml files), web push (VAPID) and SMS (an
// HTTP gateway) from a delivery worker with retries. See
// docs/notifications.md.
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	_ "time/tzdata" // recipients' time zones resolve without the host's zoneinfo

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/app"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/live"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Name is the service's target name.
const Name = "notify"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
	// Templates are every notification type of the process's services,
	// handed over by the composition root.
	Templates []notifyapi.Template
	// MailDir receives emails as .eml files when no SMTP server is
	// configured.
	MailDir string
	// Registerer registers the service's metrics (nil: not registered).
	Registerer prometheus.Registerer
}

// Service is the notify service.
type Service struct {
	cfg      Config
	deps     Deps
	store    *store.Store
	app      *app.App
	hub      *live.Hub
	relay    *bus.Relay
	handler  *httpapi.Handler
	requests *bus.Consumer
	users    *bus.Consumer
	logger   *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil {
		return nil, fmt.Errorf("notify: database and bus are required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name)}
	catalog, err := domain.NewCatalog(deps.Templates, cfg.AppURL)
	if err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	senders := app.Senders{}
	if cfg.SMTP.Addr != "" {
		if senders.Mail, err = channel.NewSMTP(cfg.SMTP); err != nil {
			return nil, fmt.Errorf("notify: %w", err)
		}
	} else if senders.Mail, err = channel.NewFiles(deps.MailDir, cfg.SMTP.From, s.logger); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	if cfg.SMS.URL != "" {
		senders.SMS = channel.NewSMS(cfg.SMS)
	}
	s.store = store.New(deps.DB)
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	if s.hub, err = live.New(deps.Bus.Conn(), deps.Bus.Subject("live.notify"), cfg.Live.MaxPerUser, s.logger, deps.Registerer); err != nil {
		return nil, err
	}
	d := cfg.Delivery
	s.app, err = app.New(app.Config{
		ContactWait: d.ContactWait, MaxAttempts: d.MaxAttempts, RetryBase: d.RetryBase, RetryMax: d.RetryMax,
		Lease: d.Lease, PollInterval: d.PollInterval, Concurrency: d.Concurrency, TicketTTL: cfg.Live.TicketTTL,
		PushHosts: cfg.Push.EndpointHosts, MaxSubscriptions: cfg.Push.MaxSubscriptions,
	}, s.store, catalog, senders, s.hub, s.relay.Notify, s.logger, deps.Registerer)
	if err != nil {
		return nil, err
	}
	s.handler = httpapi.New(s.app, s.hub, httpapi.LiveOptions{OriginPatterns: cfg.Live.AllowedOrigins,
		PingInterval: cfg.Live.PingInterval, WriteTimeout: 10 * time.Second}, s.logger)
	if s.requests, err = consumers.Requests(deps.Bus, s.app, s.logger); err != nil {
		return nil, err
	}
	if s.users, err = consumers.Users(deps.Bus, s.app, s.logger); err != nil {
		return nil, err
	}
	return s, nil
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for a notify process without a gateway).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// Run migrates the database, loads (or creates) the VAPID keys, then runs
// the outbox relay, the live hub, the consumers and the delivery workers
// until ctx is cancelled; they stop in reverse order.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := s.deps.DB.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate notify: %w", err)
	}
	if err := bus.Migrate(ctx, s.deps.DB); err != nil {
		return fmt.Errorf("migrate notify outbox: %w", err)
	}
	keys, err := s.app.VAPIDKeys(ctx, channel.VAPIDKeys{Public: s.cfg.Push.VAPIDPublicKey, Private: s.cfg.Push.VAPIDPrivateKey})
	if err != nil {
		return fmt.Errorf("notify vapid keys: %w", err)
	}
	s.app.SetPush(channel.NewPush(s.cfg.Push, keys))
	workers := lifecycle.Func{ServiceName: Name + "-delivery", RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		s.app.RunWorkers(ctx)
		return nil
	}}
	hub := lifecycle.Func{ServiceName: Name + "-live", RunFunc: s.hub.Run}
	base := []string{s.relay.Name(), hub.Name()}
	m, err := lifecycle.NewManager(s.logger,
		lifecycle.Entry{Service: s.relay},
		lifecycle.Entry{Service: hub},
		lifecycle.Entry{Service: s.users, Deps: base},
		lifecycle.Entry{Service: s.requests, Deps: base},
		lifecycle.Entry{Service: workers, Deps: base},
	)
	if err != nil {
		return err
	}
	return m.Run(ctx, ready)
}
