package proctest

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

const api = catalogapi.BasePath

// TestTwoProcessMode runs the catalog (A, PostgreSQL, external NATS) and a
// gateway (B) proxying to it as two processes, beside a single process with
// everything (C, SQLite, embedded NATS), and checks that B answers exactly
// what A answers directly and what C answers (results in relevance order
// compared as sets, since each engine ranks its own way), that writes
// through B are authorized by the catalog and
// publish their events on the shared NATS, and that B degrades to a fast 503
// while A is down and recovers by itself when A returns.
func TestTwoProcessMode(t *testing.T) {
	natsURL := testkit.NATSURL(t)
	dsn := sqldbtest.PostgresDatabase(t)
	subjectPrefix := testkit.UniqueName("proctest_")
	streamPrefix := testkit.UniqueName("PT_")
	deleteStreamsAfter(t, natsURL, streamPrefix)
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	busEnv := []string{
		"SPORTHUB_BUS_URL=" + natsURL,
		"SPORTHUB_BUS_SUBJECT_PREFIX=" + subjectPrefix,
		"SPORTHUB_BUS_STREAM_PREFIX=" + streamPrefix,
		"SPORTHUB_AUTHN_JWKS_URL=" + iss.JWKSURL(),
	}
	catalogEnv := append([]string{
		"SPORTHUB_TARGET=catalog",
		"SPORTHUB_DATA_DIR=" + t.TempDir(),
		"SPORTHUB_DATABASE_DSN=" + dsn,
		"SPORTHUB_CATALOG_DEMO=true",
	}, busEnv...)
	a := startProc(t, "catalog-A", catalogEnv)
	c := startProc(t, "all-C", []string{
		"SPORTHUB_TARGET=all",
		"SPORTHUB_DATA_DIR=" + t.TempDir(),
		"SPORTHUB_AUTHN_JWKS_URL=" + iss.JWKSURL(),
	})
	t.Logf("catalog A ready in %s, single process C ready in %s", a.waitReady(30*time.Second), c.waitReady(30*time.Second))
	b := startProc(t, "gateway-B", append([]string{
		"SPORTHUB_TARGET=gateway",
		"SPORTHUB_DATA_DIR=" + t.TempDir(),
		"SPORTHUB_GATEWAY_UPSTREAMS=catalog=" + a.URL,
	}, busEnv...))
	t.Logf("gateway B ready in %s", b.waitReady(30*time.Second))
	hc := newClient(t)

	t.Run("same answers through the gateway", func(t *testing.T) {
		for _, tc := range comparedRequests(t, hc, a.URL) {
			got := hc.get(t, b.URL+tc.path)
			direct := hc.get(t, a.URL+tc.path)
			sameAnswer(t, tc.path, "gateway B", got, "catalog A directly", direct, false)
			if !tc.engineOrdered {
				sameAnswer(t, tc.path, "gateway B", got, "single process C", hc.get(t, c.URL+tc.path), tc.relevance)
			}
		}
	})

	productID := firstProductID(t, hc, b.URL)
	t.Run("write through the gateway", func(t *testing.T) {
		writeThroughGateway(t, hc, iss, b.URL, natsURL, subjectPrefix, productID)
	})

	t.Run("catalog down and back", func(t *testing.T) {
		probe := b.URL + api + "/products/" + productID
		a.kill()
		// Long enough for B's health checks to mark A down and its breaker
		// to open: recovery must undo both.
		var slowest time.Duration
		for end := time.Now().Add(2500 * time.Millisecond); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			start := time.Now()
			r := hc.get(t, probe)
			slowest = max(slowest, time.Since(start))
			wantProblem(t, "GET through B with A down", r, http.StatusServiceUnavailable, "upstream_unavailable")
		}
		if slowest > time.Second {
			t.Errorf("503 with A down took up to %s, want a fast failure (< 1s)", slowest)
		}
		for _, path := range []string{"/healthz", "/", "/api/openapi.json"} {
			if r := hc.get(t, b.URL+path); r.Status != http.StatusOK {
				t.Errorf("B %s with A down: %d, want 200", path, r.Status)
			}
		}
		// A comes back on the same address; B must notice by itself.
		env := slices.Concat(catalogEnv, []string{"SPORTHUB_HTTP_ADDR=" + strings.TrimPrefix(a.URL, "http://")})
		a2 := startProc(t, "catalog-A-restarted", env)
		a2.waitReady(30 * time.Second)
		restarted := time.Now()
		for {
			r, err := hc.do(http.MethodGet, probe, "", nil)
			if err == nil && r.Status == http.StatusOK {
				break
			}
			if time.Since(restarted) > 10*time.Second {
				t.Fatalf("B still failing 10s after A returned: %d %.200s %v", r.Status, r.Body, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("A down: B answered 503 within %s; B recovered %s after A was ready again",
			slowest.Round(time.Millisecond), time.Since(restarted).Round(time.Millisecond))
	})
}

func firstProductID(t *testing.T, hc *client, base string) string {
	t.Helper()
	var page catalogapi.SearchPage
	decode(t, hc.get(t, base+api+"/products?sort=name&limit=1"), &page)
	if len(page.Items) == 0 {
		t.Fatal("the catalog is empty")
	}
	return page.Items[0].ID
}

// writeThroughGateway sets a price through B with a permitted token and
// checks the answer, the read-back, the event on NATS, and the 401 and 403
// answers for a missing token and a missing permission.
func writeThroughGateway(t *testing.T, hc *client, iss *authntest.Issuer, gw, natsURL, subjectPrefix, id string) {
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatalf("connect nats: %v", err)
	}
	defer nc.Close()
	events := make(chan *nats.Msg, 1024)
	sub, err := nc.ChanSubscribe(subjectPrefix+"."+catalogapi.EventPriceChanged, events)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}

	const amount = 4_242_424_242 // no demo price is this
	in := catalogapi.PriceInput{Region: "EU", Currency: "EUR", AmountMinor: amount}
	path := gw + api + "/products/" + id + "/prices"

	wantProblem(t, "PUT price without a token", hc.must(t, http.MethodPut, path, "", in), http.StatusUnauthorized, "")
	weak := iss.Mint(t, "user-weak", authntest.WithPermissions(catalogapi.PermStockWrite))
	wantProblem(t, "PUT price without catalog.prices.write", hc.must(t, http.MethodPut, path, weak, in), http.StatusForbidden, "")

	token := iss.Mint(t, "user-pricer", authntest.WithPermissions(catalogapi.PermPricesWrite))
	r := hc.must(t, http.MethodPut, path, token, in)
	if r.Status != http.StatusOK {
		t.Fatalf("PUT price through B: %d %.400s", r.Status, r.Body)
	}
	var after catalogapi.Product
	decode(t, hc.get(t, gw+api+"/products/"+id+"?currency=EUR"), &after)
	if after.Price == nil || after.Price.AmountMinor != amount || after.Price.Currency != "EUR" {
		t.Errorf("GET through B after the write: price %+v, want %d EUR", after.Price, int64(amount))
	}

	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-events:
			var ev bus.Event
			if err := json.Unmarshal(m.Data, &ev); err != nil {
				t.Fatalf("event on %s: %v: %.300s", m.Subject, err, m.Data)
			}
			var data catalogapi.PriceChangedV1
			if err := ev.Decode(&data); err != nil {
				t.Fatal(err)
			}
			if data.ProductID != id || data.NewAmountMinor != amount {
				continue // a demo seed event still being relayed
			}
			if ev.Type != catalogapi.EventPriceChanged || ev.Source != "catalog" || data.Region != "EU" || data.Currency != "EUR" {
				t.Errorf("price event: %+v %+v", ev, data)
			}
			return
		case <-deadline:
			t.Fatalf("no %s event for %s on %s.%s within 10s", catalogapi.EventPriceChanged, id, subjectPrefix, catalogapi.EventPriceChanged)
		}
	}
}

// deleteStreamsAfter removes the streams a test created on the shared NATS.
func deleteStreamsAfter(t *testing.T, natsURL, streamPrefix string) {
	t.Cleanup(func() {
		nc, err := nats.Connect(natsURL)
		if err != nil {
			t.Logf("clean up streams %s_*: %v", streamPrefix, err)
			return
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		names := js.StreamNames(ctx)
		var del []string
		for n := range names.Name() {
			if strings.HasPrefix(n, streamPrefix+"_") {
				del = append(del, n)
			}
		}
		for _, n := range del {
			_ = js.DeleteStream(ctx, n)
		}
	})
}
