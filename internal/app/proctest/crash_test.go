package proctest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

// write is one catalog write a crash-test worker sent.
type write struct {
	key   string // product|stock|location or product|price|region
	value int64  // quantity or amount, unique across the whole test
	acked bool   // a 2xx answer arrived
}

// TestCrashDuringWrites (quality.md R1) kills a single process (SQLite,
// embedded NATS) with SIGKILL while writes pour in, restarts it on the same
// data dir and checks that every acknowledged write is in the state and has
// exactly one event on the stream, that no event is stored twice, and that
// no write that did not commit left an event.
func TestCrashDuringWrites(t *testing.T) {
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	natsPort := testkit.FreePort(t)
	env := []string{
		"SPORTHUB_TARGET=all",
		"SPORTHUB_DATA_DIR=" + t.TempDir(),
		"SPORTHUB_AUTHN_JWKS_URL=" + iss.JWKSURL(),
		"SPORTHUB_BUS_LISTEN_ADDR=127.0.0.1:" + strconv.Itoa(natsPort),
	}
	p := startProc(t, "crash-1", env)
	p.waitReady(30 * time.Second)
	hc := newClient(t)
	var page catalogapi.SearchPage
	decode(t, hc.get(t, p.URL+api+"/products?sort=name&limit=6"), &page)
	var locs catalogapi.Locations
	decode(t, hc.get(t, p.URL+api+"/locations"), &locs)
	if len(page.Items) < 6 || len(locs.Items) == 0 {
		t.Fatalf("demo catalog missing: %d products, %d locations", len(page.Items), len(locs.Items))
	}
	token := iss.Mint(t, "crash-writer", authntest.WithTTL(time.Hour),
		authntest.WithPermissions(catalogapi.PermStockWrite, catalogapi.PermPricesWrite))

	// Each worker owns one product and writes its stock at one location and
	// its EUR price in turn, one request at a time, so per key the last
	// acknowledged write is known and at most one later write is in doubt.
	// Values are unique and far above the demo data's.
	var counter atomic.Int64
	results := make([][]write, len(page.Items))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i, prod := range page.Items {
		wg.Go(func() {
			results[i] = crashWorker(hc, p.URL, token, prod.ID, locs.Items[0].ID, &counter, stop)
		})
	}
	time.Sleep(1500 * time.Millisecond)
	p.signal(syscall.SIGKILL)
	close(stop)
	wg.Wait()
	p.wait(10 * time.Second)

	acked, inDoubt := 0, 0
	for _, ws := range results {
		for _, w := range ws {
			if w.acked {
				acked++
			} else {
				inDoubt++
			}
		}
	}
	t.Logf("%d writes acknowledged before SIGKILL, %d in flight", acked, inDoubt)
	if acked < 20 {
		t.Fatalf("only %d writes acknowledged in 1.5s: the test proves nothing", acked)
	}

	p2 := startProc(t, "crash-2", env)
	p2.waitReady(30 * time.Second)
	committed := checkState(t, hc, p2.URL, page.Items, locs.Items[0].ID, results)
	checkEvents(t, natsPort, results, committed)
}

// crashWorker writes until stop is closed or a request fails (the process
// died); it returns every write it sent, in order.
func crashWorker(hc *client, base, token, id, loc string, counter *atomic.Int64, stop <-chan struct{}) []write {
	var out []write
	for n := 0; ; n++ {
		select {
		case <-stop:
			return out
		default:
		}
		v := counter.Add(1)
		var w write
		var r response
		var err error
		if n%2 == 0 {
			w = write{key: id + "|stock|" + loc, value: 500_000 + v}
			r, err = hc.do(http.MethodPut, base+api+"/products/"+id+"/stock", token,
				catalogapi.StockInput{LocationID: loc, Quantity: int(w.value)})
		} else {
			w = write{key: id + "|price|EU", value: 90_000_000_000 + v}
			r, err = hc.do(http.MethodPut, base+api+"/products/"+id+"/prices", token,
				catalogapi.PriceInput{Region: "EU", Currency: "EUR", AmountMinor: w.value})
		}
		w.acked = err == nil && r.Status/100 == 2
		out = append(out, w)
		if !w.acked {
			return out // the process is gone (or refused): nothing later is sent
		}
	}
}

// checkState reads every product after the restart and checks each key
// holds its last acknowledged value or the write after it that was in
// flight. It returns the writes that committed: every acknowledged one plus
// the in-flight ones the state shows.
func checkState(t *testing.T, hc *client, base string, prods []catalogapi.ProductSummary, loc string, results [][]write) map[string]map[int64]bool {
	t.Helper()
	committed := map[string]map[int64]bool{}
	for i, prod := range prods {
		var got catalogapi.Product
		decode(t, hc.get(t, base+api+"/products/"+prod.ID+"?currency=EUR&region=EU"), &got)
		state := map[string]int64{}
		for _, s := range got.Stock {
			if s.Location.ID == loc {
				state[prod.ID+"|stock|"+loc] = int64(s.Quantity)
			}
		}
		for _, pr := range got.Prices {
			if pr.Region == "EU" && pr.Currency == "EUR" {
				state[prod.ID+"|price|EU"] = pr.AmountMinor
			}
		}
		last := map[string]write{}
		var doubt *write
		for j, w := range results[i] {
			if committed[w.key] == nil {
				committed[w.key] = map[int64]bool{}
			}
			if w.acked {
				committed[w.key][w.value] = true
				last[w.key] = w
			} else {
				doubt = &results[i][j]
			}
		}
		for key, w := range last {
			have, ok := state[key]
			switch {
			case ok && have == w.value:
			case ok && doubt != nil && doubt.key == key && have == doubt.value:
			default:
				t.Errorf("%s after restart: %d (present %v), want the last acknowledged %d (or the in-flight write after it)",
					key, have, ok, w.value)
			}
		}
		if doubt != nil && state[doubt.key] == doubt.value {
			committed[doubt.key][doubt.value] = true
		}
	}
	return committed
}

// checkEvents reads the commerce stream of the restarted process's
// embedded NATS until every committed write has its event (10s at most),
// and checks that no event id is stored twice, that each committed write
// has exactly one event, and that no uncommitted write has one.
func checkEvents(t *testing.T, natsPort int, results [][]write, committed map[string]map[int64]bool) {
	t.Helper()
	nc, err := nats.Connect("nats://127.0.0.1:" + strconv.Itoa(natsPort))
	if err != nil {
		t.Fatalf("connect to the embedded nats: %v", err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cons, err := js.OrderedConsumer(ctx, bus.DefaultStreamPrefix+"_COMMERCE", jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{catalogapi.EventStockChanged, catalogapi.EventPriceChanged},
	})
	if err != nil {
		t.Fatalf("ordered consumer on the commerce stream: %v", err)
	}
	ids := map[string]int{}
	seen := map[string]map[int64]int{} // key -> value -> events
	missing := func() int {
		n := 0
		for key, vals := range committed {
			for v := range vals {
				if seen[key][v] == 0 {
					n++
				}
			}
		}
		return n
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		batch, err := cons.Fetch(1000, jetstream.FetchMaxWait(300*time.Millisecond))
		if err != nil {
			t.Fatalf("fetch events: %v", err)
		}
		n := 0
		for m := range batch.Messages() {
			n++
			key, value, id := eventKey(t, m.Data())
			ids[id]++
			if seen[key] == nil {
				seen[key] = map[int64]int{}
			}
			seen[key][value]++
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
			t.Fatalf("fetch events: %v", err)
		}
		if n == 0 && missing() == 0 {
			break // caught up: the relay has published every committed write
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d committed writes still have no event 10s after the restart", missing())
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("event %s is on the stream %d times", id, n)
		}
	}
	total := 0
	for _, ws := range results {
		for _, w := range ws {
			n := seen[w.key][w.value]
			total += n
			switch {
			case committed[w.key][w.value] && n != 1:
				t.Errorf("committed write %s=%d (acked %v) has %d events, want exactly 1", w.key, w.value, w.acked, n)
			case !committed[w.key][w.value] && n != 0:
				t.Errorf("write %s=%d did not commit but has %d events", w.key, w.value, n)
			}
		}
	}
	t.Logf("%d stock and price events on the commerce stream in all, %d of them for the test's writes", len(ids), total)
}

// eventKey decodes a stock or price event into the write key and value it
// records, and its event id.
func eventKey(t *testing.T, data []byte) (key string, value int64, id string) {
	t.Helper()
	var ev bus.Event
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatalf("decode event: %v: %.300s", err, data)
	}
	switch ev.Type {
	case catalogapi.EventStockChanged:
		var d catalogapi.StockChangedV1
		if err := ev.Decode(&d); err != nil {
			t.Fatal(err)
		}
		return d.ProductID + "|stock|" + d.LocationID, int64(d.NewQuantity), ev.ID
	case catalogapi.EventPriceChanged:
		var d catalogapi.PriceChangedV1
		if err := ev.Decode(&d); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%s|price|%s", d.ProductID, d.Region), d.NewAmountMinor, ev.ID
	}
	t.Fatalf("unexpected event type %q", ev.Type)
	return "", 0, ""
}
