package observability

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	_ "modernc.org/sqlite"
)

// scrape fetches handler's exposition over HTTP, as Prometheus would, and parses it.
func scrape(t *testing.T, handler http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	srv := httptest.NewServer(handler)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape status %d: %s", resp.StatusCode, body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse exposition: %v\n%s", err, body)
	}
	return families
}

// sample returns the value of the sample of family name with exactly labels (a
// histogram's sample count), and whether there is one.
func sample(families map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	family, ok := families[name]
	if !ok {
		return 0, false
	}
	for _, m := range family.GetMetric() {
		if len(m.GetLabel()) != len(labels) {
			continue
		}
		match := true
		for _, l := range m.GetLabel() {
			if labels[l.GetName()] != l.GetValue() {
				match = false
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

func TestMetricsHandlerExposesRuntimeCollectors(t *testing.T) {
	families := scrape(t, NewMetrics().Handler())
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total"} {
		if _, ok := families[name]; !ok {
			t.Errorf("scrape lacks %s", name)
		}
	}
}

func TestRegisterDBStatsReportsPoolUse(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	m := NewMetrics()
	if err := RegisterDBStats(m.Registerer(), "commerce", db); err != nil {
		t.Fatal(err)
	}
	if err := RegisterDBStats(m.Registerer(), "commerce", db); !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
		t.Errorf("second registration error = %v, want AlreadyRegisteredError", err)
	}

	// Hold the only connection so a second query has to wait for it.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- db.PingContext(ctx) }()
	for db.Stats().WaitCount == 0 {
		time.Sleep(time.Millisecond)
	}
	db1 := map[string]string{"db_name": "commerce"}
	busy := scrape(t, m.Handler())
	for name, want := range map[string]float64{
		"go_sql_max_open_connections": 1,
		"go_sql_open_connections":     1,
		"go_sql_in_use_connections":   1,
		"go_sql_idle_connections":     0,
		"go_sql_wait_count_total":     1,
	} {
		if got, ok := sample(busy, name, db1); !ok || got != want {
			t.Errorf("while waiting: %s = %v (present %v), want %v", name, got, ok, want)
		}
	}

	time.Sleep(5 * time.Millisecond) // a measurable wait
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-waited; err != nil {
		t.Fatal(err)
	}
	idle := scrape(t, m.Handler())
	if got, _ := sample(idle, "go_sql_in_use_connections", db1); got != 0 {
		t.Errorf("after release: in use = %v, want 0", got)
	}
	if got, _ := sample(idle, "go_sql_idle_connections", db1); got != 1 {
		t.Errorf("after release: idle = %v, want 1", got)
	}
	if got, _ := sample(idle, "go_sql_wait_duration_seconds_total", db1); got < 0.005 {
		t.Errorf("wait duration = %v s, want >= 0.005", got)
	}
}
