package proctest

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

// compared is a read request the setups must answer alike.
type compared struct {
	path string
	// relevance: the results are in relevance order, which each SQL engine
	// computes its own way (FTS5 bm25 on SQLite, ts_rank on PostgreSQL), so
	// across engines the items are compared as a set.
	relevance bool
	// engineOrdered: the answer depends on the relevance order itself (a
	// page after the first), so only processes on the same engine agree.
	engineOrdered bool
}

// comparedRequests are the read requests to compare: search in both
// languages with filters and sorts, paging, product pages in several
// currencies, taxonomy, locations, an image, and 404 and 400 answers.
// Cursors come from base (the catalog on PostgreSQL).
func comparedRequests(t *testing.T, hc *client, base string) []compared {
	t.Helper()
	var byRank, byPrice catalogapi.SearchPage
	decode(t, hc.get(t, base+api+"/products?q=running&lang=en&limit=3"), &byRank)
	decode(t, hc.get(t, base+api+"/products?sport=running&sort=price_asc&limit=5"), &byPrice)
	if len(byRank.Items) == 0 || byRank.NextCursor == nil || byPrice.NextCursor == nil {
		t.Fatalf("search found %d items and no next page: the demo catalog is missing", len(byRank.Items))
	}
	p := byRank.Items[0]
	out := []compared{
		{path: "/products?q=" + url.QueryEscape("кроссовки") + "&lang=ru&limit=100", relevance: true},
		{path: "/products?q=" + url.QueryEscape("куртка") + "&lang=ru&in_stock=true&limit=100", relevance: true},
		{path: "/products?q=" + url.QueryEscape("беговая куртка") + "&lang=ru&sort=price_asc&limit=10"},
		{path: "/products?q=running+shoes&lang=en&sort=price_desc"},
		{path: "/products?q=tent&lang=en&currency=EUR&limit=100", relevance: true},
		{path: "/products?q=running&lang=en&limit=3&cursor=" + url.QueryEscape(*byRank.NextCursor), engineOrdered: true},
		{path: "/products?sport=running&sort=price_asc&limit=5"},
		{path: "/products?sport=running&sort=price_asc&limit=5&cursor=" + url.QueryEscape(*byPrice.NextCursor)},
		{path: "/products?sport=" + p.Sports[0] + "&sort=name&lang=en&limit=50"},
		{path: "/products?category=" + p.Category.ID + "&brand=" + p.Brand.ID + "&in_stock=true&currency=EUR"},
		{path: "/products?sort=newest&currency=USD&limit=20"},
		{path: "/products?sort=popular&price_min=1000&price_max=20000"},
		{path: "/products?sport=running&size=42&sort=price_asc&currency=KZT"},
		{path: "/products"},
		{path: "/products/" + p.ID},
		{path: "/products/" + p.ID + "?currency=EUR"},
		{path: "/products/" + p.ID + "?currency=USD&region=US"},
		{path: "/taxonomy"},
		{path: "/locations"},
		{path: "/products/prd_does_not_exist"},
		{path: "/products?sort=sideways"},
		{path: "/products?limit=1000"},
		{path: "/products?price_min=900&price_max=100"},
		{path: "/products?colour=red"},
		{path: "/products/" + p.ID + "?currency=XXX"},
		{path: "/taxonomy?x=1"},
		{path: "/nowhere"},
		{path: "/images/nope.svg"},
	}
	if p.ImageURL != "" {
		out = append(out, compared{path: strings.TrimPrefix(p.ImageURL, api)})
	}
	for i := range out {
		out[i].path = api + out[i].path
	}
	return out
}

// sameAnswer checks two answers to path agree in status, content type and
// body (JSON compared without volatile keys; anything else byte for byte).
func sameAnswer(t *testing.T, path, gotName string, got response, wantName string, want response, relevance bool) {
	t.Helper()
	if got.Status != want.Status {
		t.Errorf("%s: %s answered %d, %s %d\n%s: %.300s\n%s: %.300s", path, gotName, got.Status, wantName, want.Status,
			gotName, got.Body, wantName, want.Body)
		return
	}
	gct, wct := got.Header.Get("Content-Type"), want.Header.Get("Content-Type")
	if gct != wct {
		t.Errorf("%s: Content-Type %q from %s, %q from %s", path, gct, gotName, wct, wantName)
	}
	if !strings.Contains(wct, "json") {
		if !bytes.Equal(got.Body, want.Body) {
			t.Errorf("%s: %s and %s sent different bodies (%d vs %d bytes)", path, gotName, wantName, len(got.Body), len(want.Body))
		}
		return
	}
	g, err1 := normalize(got.Body)
	w, err2 := normalize(want.Body)
	if err1 != nil || err2 != nil {
		t.Errorf("%s: bad JSON: %v / %v", path, err1, err2)
		return
	}
	if relevance {
		g, w = unordered(t, path, g), unordered(t, path, w)
	}
	if d := firstDiff("$", g, w); d != "" {
		t.Errorf("%s: %s differs from %s at %s", path, gotName, wantName, d)
	}
}

// unordered turns a search page whose items are in relevance order into
// one comparable across engines: the items sorted by id, no cursor. The
// page must hold every result, or the two sets would differ legitimately.
func unordered(t *testing.T, path string, v any) any {
	t.Helper()
	page, ok := v.(map[string]any)
	if !ok {
		return v
	}
	items, _ := page["items"].([]any)
	if page["next_cursor"] != nil {
		t.Fatalf("%s: relevance-ordered page is not complete; raise its limit", path)
	}
	sort.Slice(items, func(i, j int) bool {
		return fmt.Sprint(items[i].(map[string]any)["id"]) < fmt.Sprint(items[j].(map[string]any)["id"])
	})
	return page
}
