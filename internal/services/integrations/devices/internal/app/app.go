// Package app holds the devices service's use cases: the registry of a
// user's devices and pairing, live ingest (validation, frame decoding,
// group commit), file imports with duplicate detection and claim-check
// blobs, import status from the tracker's events, and erasure. Every state
// change records its events in the outbox in the same transaction.
package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/actfile"
)

// Source names the devices service as the source of its events.
const Source = "devices"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// Ingester makes a live batch durable: it returns nil only once the batch
// is stored (the bus.Group of the service).
type Ingester interface {
	Add(ctx context.Context, b devicesapi.BatchV1) error
}

// Config is what the use cases need to know of the service's configuration.
type Config struct {
	PairingTTL      time.Duration
	MaxBatchSamples int
	Limits          actfile.Limits
}

// App is the devices service's application layer.
type App struct {
	cfg     Config
	repo    domain.Repository
	outbox  Outbox
	blobs   blob.Store
	ingest  Ingester // nil without a bus (the import tool)
	notify  func()
	logger  *slog.Logger
	metrics *Metrics
	frames  *frameState
	now     func() time.Time

	seenMu sync.Mutex
	seen   map[string]time.Time // device id -> last_seen_at written
}

// New returns the application layer. ingest may be nil (imports only);
// notify wakes the outbox relay after a commit (nil: none).
func New(cfg Config, repo domain.Repository, outbox Outbox, blobs blob.Store, ingest Ingester, notify func(),
	logger *slog.Logger, metrics *Metrics) *App {
	if notify == nil {
		notify = func() {}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if metrics == nil {
		metrics, _ = NewMetrics(nil)
	}
	if cfg.PairingTTL <= 0 {
		cfg.PairingTTL = domain.PairingTTL
	}
	return &App{cfg: cfg, repo: repo, outbox: outbox, blobs: blobs, ingest: ingest, notify: notify, logger: logger,
		metrics: metrics, frames: newFrameState(), now: func() time.Time { return time.Now().UTC() },
		seen: map[string]time.Time{}}
}

// commit runs write and records its events in one transaction (joining
// the caller's, if any), then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context) ([]bus.Event, error)) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		events, err := write(ctx)
		if err != nil || len(events) == 0 {
			return err
		}
		return a.outbox.AddEvents(ctx, events...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// Metrics are the service's Prometheus collectors.
type Metrics struct {
	Samples *prometheus.CounterVec // by path: http, ws, mqtt
	Frames  *prometheus.CounterVec
	Batches *prometheus.CounterVec // by path and outcome: accepted, refused, failed
	Imports *prometheus.CounterVec // by status: processing, duplicate, failed
}

// NewMetrics builds the collectors and registers them with reg (nil: not
// registered).
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		Samples: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sporthub_devices_ingest_samples_total",
			Help: "Live samples acknowledged as durable (client samples plus those decoded from frames), by path."}, []string{"path"}),
		Frames: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sporthub_devices_ingest_frames_total",
			Help: "Raw sensor frames acknowledged as durable, by path."}, []string{"path"}),
		Batches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sporthub_devices_ingest_batches_total",
			Help: "Live batches by path and outcome (accepted, refused: bad input, failed: not durable)."}, []string{"path", "outcome"}),
		Imports: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sporthub_devices_import_files_total",
			Help: "Uploaded activity files by outcome (processing: accepted, duplicate, failed)."}, []string{"status"}),
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.Samples, m.Frames, m.Batches, m.Imports} {
			if err := reg.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}
