// Package devices is the integrations domain's fitness-watch service: the
// registry of each athlete's watches, phones and sensors, pairing by a
// short-lived code that yields an ingest-only device token, file imports
// (FIT, GPX, TCX, one file, many or a zip export) handed to the tracker,
// and live ingest of samples and raw sensor frames over HTTP, WebSocket
// and MQTT, acknowledged only once durable (group commit to JetStream).
// docs/devices.md describes the flows.
package devices

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/consumers"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/httpapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/mqtt"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/store"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/sport/actfile"
)

// Name is the service's target name.
const Name = "devices"

// Deps are what the service needs from the platform.
type Deps struct {
	DB     *sqldb.DB
	Bus    *bus.Bus
	Blobs  blob.Store
	Logger *slog.Logger
	// Verifier checks access tokens presented where the gateway cannot
	// (the first message of a WebSocket).
	Verifier *authn.Verifier
	// Registerer registers the service's metrics (nil: not registered).
	Registerer prometheus.Registerer
}

// Service is the devices service.
type Service struct {
	cfg       Config
	deps      Deps
	relay     *bus.Relay
	group     *bus.Group[devicesapi.BatchV1]
	consumers []*bus.Consumer
	mqtt      *mqtt.Subscriber
	app       *app.App
	handler   *httpapi.Handler
	stopping  chan struct{}
	logger    *slog.Logger
}

// New builds the service over its dependencies; nothing runs until Run.
func New(cfg Config, deps Deps) (*Service, error) {
	if deps.DB == nil || deps.Bus == nil || deps.Blobs == nil {
		return nil, fmt.Errorf("devices: database, bus and blob store are required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("devices: %w", err)
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{cfg: cfg, deps: deps, logger: deps.Logger.With("service", Name), stopping: make(chan struct{})}
	s.relay = bus.NewRelay(deps.Bus, deps.DB, Name, s.logger)
	g, err := bus.NewGroup(deps.Bus, bus.GroupConfig{
		Type: devicesapi.EventSamplesReceived, Source: app.Source, Subject: "ingest", Name: "devices-ingest",
		MaxWait: cfg.Ingest.GroupWait, MaxItems: cfg.Ingest.GroupMaxSamples, Registerer: deps.Registerer, Logger: s.logger,
	}, func(b devicesapi.BatchV1) int { return len(b.Samples) + len(b.Frames) },
		func(bs []devicesapi.BatchV1) any { return devicesapi.SamplesReceivedV1{Batches: bs} })
	if err != nil {
		return nil, fmt.Errorf("devices ingest group: %w", err)
	}
	s.group = g
	m, err := app.NewMetrics(deps.Registerer)
	if err != nil {
		return nil, fmt.Errorf("devices metrics: %w", err)
	}
	s.app = newApp(cfg, deps.DB, deps.Blobs, g, s.relay.Notify, s.logger, m)
	s.handler = httpapi.New(s.app, deps.Verifier, httpapi.Options{MaxImportBody: cfg.Imports.MaxBodyBytes,
		ImportTimeout: cfg.Imports.Timeout}, s.stopping)
	if s.consumers, err = consumers.New(s.app, deps.DB).Start(deps.Bus, s.logger); err != nil {
		return nil, fmt.Errorf("devices consumers: %w", err)
	}
	if cfg.MQTT.URL != "" {
		s.mqtt = mqtt.New(mqtt.Config{URL: cfg.MQTT.URL, TopicPrefix: cfg.MQTT.TopicPrefix, ClientID: cfg.MQTT.clientID()}, s.app, s.logger)
	}
	return s, nil
}

func newApp(cfg Config, db *sqldb.DB, blobs blob.Store, ingest app.Ingester, notify func(), logger *slog.Logger, m *app.Metrics) *app.App {
	return app.New(app.Config{
		PairingTTL:      cfg.PairingTTL,
		MaxBatchSamples: cfg.Ingest.MaxBatchSamples,
		Limits: actfile.Limits{MaxFiles: cfg.Imports.MaxFiles, MaxFileBytes: cfg.Imports.MaxFileBytes,
			MaxTotalBytes: cfg.Imports.MaxExpandedBytes},
	}, store.New(db), bus.Outbox{DB: db}, blobs, ingest, notify, logger, m)
}

// Name implements lifecycle.Service.
func (s *Service) Name() string { return Name }

// Routes returns the service's HTTP routes at their public paths.
func (s *Service) Routes() []web.Route { return s.handler.Routes() }

// Handler serves every route (for tests and a process without a gateway).
func (s *Service) Handler() http.Handler { return s.handler.Mux() }

// ImportFiles imports an upload for a user exactly as POST /imports does:
// name/data is an activity file (FIT, GPX, TCX, .gz) or a zip of them;
// deviceID is "" for the user's own upload. See Importer for a tool that
// runs without the platform.
func (s *Service) ImportFiles(ctx context.Context, userID, deviceID, name string, data []byte) (devicesapi.ImportResult, error) {
	return s.app.ImportFiles(ctx, userID, deviceID, name, data)
}

// GroupStats reports what the ingest group commit did (for tests and
// benchmarks: how many durable writes acknowledged how many batches).
func (s *Service) GroupStats() bus.GroupStats { return s.group.Stats() }

// Migrate creates or upgrades the service's tables and its outbox.
func Migrate(ctx context.Context, db *sqldb.DB) error {
	if err := db.Migrate(ctx, migrations.FS); err != nil {
		return fmt.Errorf("migrate devices: %w", err)
	}
	if err := bus.Migrate(ctx, db); err != nil {
		return fmt.Errorf("migrate devices outbox: %w", err)
	}
	return nil
}

// Run migrates the database, then runs the ingest group commit, the
// outbox relay, the consumers and (when configured) the MQTT subscriber
// until ctx is cancelled. The live paths stop before the group commit, so
// what they took in is settled first.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if err := Migrate(ctx, s.deps.DB); err != nil {
		return err
	}
	entries := []lifecycle.Entry{{Service: s.group}, {Service: s.relay},
		{Service: lifecycle.Idle("devices-live", func(context.Context) error { close(s.stopping); return nil }), Deps: []string{s.group.Name()}}}
	for _, c := range s.consumers {
		entries = append(entries, lifecycle.Entry{Service: c})
	}
	if s.mqtt != nil {
		entries = append(entries, lifecycle.Entry{Service: s.mqtt, Deps: []string{s.group.Name()}})
	}
	m, err := lifecycle.NewManager(s.logger, entries...)
	if err != nil {
		return err
	}
	return m.Run(ctx, ready)
}
