package bus_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
)

func TestMain(m *testing.M) {
	// What observability.SetupTracing installs in a real process: W3C trace
	// context, so trace propagation through the bus is observable.
	otel.SetTextMapPropagator(propagation.TraceContext{})
	os.Exit(m.Run())
}

// forEachEngine runs suite on a fresh SQLite and PostgreSQL database holding
// the test service's orders table and the bus tables.
func forEachEngine(t *testing.T, suite func(t *testing.T, db *sqldb.DB)) {
	sqldbtest.ForEachEngine(t, "orders", os.DirFS("testdata/migrations"), func(t *testing.T, db *sqldb.DB) {
		if err := bus.Migrate(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		suite(t, db)
	})
}

// start runs svc until the test ends (or stop is called) and waits until
// it is ready. stop cancels it and fails the test if Run does not return nil.
func start(t *testing.T, svc lifecycle.Service) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("%s stopped before ready: %v", svc.Name(), err)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatalf("%s not ready after 10s", svc.Name())
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("%s: Run returned %v", svc.Name(), err)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("%s did not stop within 10s", svc.Name())
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// createOrder is a use case: it stores an order and its events in one
// transaction; fail makes it roll back after writing both.
func createOrder(ctx context.Context, db *sqldb.DB, id string, fail error, events ...bus.Event) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO orders (id, total) VALUES ($1, $2)`, id, 100); err != nil {
			return err
		}
		if err := bus.AddToOutbox(ctx, db, events...); err != nil {
			return err
		}
		return fail
	})
}

func count(t testing.TB, db *sqldb.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// eventually polls cond every 10ms for up to 10s.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// metric returns the value of a counter or gauge, or a histogram's sample
// count, for the series whose label has the given value (0 when absent).
func metric(t testing.TB, reg *prometheus.Registry, name, label, value string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					return m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
				}
			}
		}
	}
	return 0
}
