package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// contractQueries are the searches both engines must answer alike:
// texts, filters and currencies, each run in every sort order.
func contractQueries() []domain.SearchQuery {
	rub := func(q domain.SearchQuery) domain.SearchQuery { q.Region, q.Currency = "RU", "RUB"; return q }
	return []domain.SearchQuery{
		rub(domain.SearchQuery{}),
		rub(domain.SearchQuery{Text: "кроссовки"}),
		rub(domain.SearchQuery{Text: "running shoes", Lang: "en"}),
		rub(domain.SearchQuery{Text: "кросс"}),
		rub(domain.SearchQuery{Text: "helm"}),
		rub(domain.SearchQuery{Text: "Runvik"}),
		rub(domain.SearchQuery{Text: "waterproof jacket"}),
		rub(domain.SearchQuery{Text: "мяч", Brands: []string{"golavio", "ballandor", "arenix", "courtiva"}}),
		rub(domain.SearchQuery{Sport: "cycling", InStock: true}),
		rub(domain.SearchQuery{Category: "running-shoes", Size: "42"}),
		rub(domain.SearchQuery{Brands: []string{"runvik", "kestrava", "taigerra"}, PriceMin: ptr[int64](800000)}),
		{Region: "EU", Currency: "EUR", PriceMax: ptr[int64](10000), Lang: "en"},
		{Region: "KZ", Currency: "KZT", InStock: true, Sport: "outdoor"},
		{Region: "US", Currency: "USD", PriceMin: ptr[int64](5000), PriceMax: ptr[int64](20000), Sport: "fitness"},
		rub(domain.SearchQuery{Text: "куртки", Sport: "running", Lang: "en"}),
		rub(domain.SearchQuery{Text: "zzqxvw"}),
	}
}

// sortVariants returns q in every sort order, names in both languages;
// relevance only with a text (see testRelevanceWithoutText).
func sortVariants(q domain.SearchQuery) []domain.SearchQuery {
	var out []domain.SearchQuery
	for _, sort := range []domain.Sort{domain.SortRelevance, domain.SortPopular, domain.SortPriceAsc,
		domain.SortPriceDesc, domain.SortNewest, domain.SortName} {
		q.Sort = sort
		switch {
		case sort == domain.SortRelevance && q.Text == "":
		case sort == domain.SortName:
			q.Lang = "ru"
			out = append(out, q)
			q.Lang = "en"
			out = append(out, q)
		default:
			out = append(out, q)
		}
	}
	return out
}

// testContract compares each contract query's total and facets, and its
// whole ordering in several sorts read page by page, with the contract
// (relevance as a set). The full catalog and searches that find products
// without a price in their currency run in every order; the other queries
// in relevance and a rotating third of the orders, so every order meets
// texts, filters and each currency. What the engine returned is recorded
// for the engine comparison.
func testContract(t *testing.T, s *store.Store, c *catalog, record func(w walked)) {
	for i, base := range contractQueries() {
		facets := base
		facets.Sort, facets.Limit = domain.SortPopular, 1
		res, err := s.Search(context.Background(), facets)
		if err != nil {
			t.Fatalf("%s: %v", describe(facets), err)
		}
		w := walked{q: facets, total: res.Total, facets: res.Facets}
		if want := len(c.search(facets)); w.total != want {
			t.Errorf("%s: total %d, want %d", describe(facets), w.total, want)
		}
		if wf := c.facets(facets); !reflect.DeepEqual(normFacets(w.facets), wf) {
			t.Errorf("%s: facets\n got %v\nwant %v", describe(facets), w.facets, wf)
		}
		record(w)
		for j, q := range sortVariants(base) {
			unpriced := len(c.search(q)) != len(c.search(pricedIn(q)))
			if i > 0 && !unpriced && (i+j)%3 != 0 && q.Sort != domain.SortRelevance {
				continue
			}
			want := itemIDs(c.search(q))
			limit := 7
			if len(want) > 70 {
				limit = 50 // the pages of seven are walked in testPagesOfSeven
			}
			w := walk(t, s, q, limit, noTotal)
			record(w)
			got := w.ids
			if q.Sort == domain.SortRelevance {
				got = sorted(got)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: got %d results %v\nwant %d %v", describe(q), len(got), head(got), len(want), head(want))
			}
		}
	}
}

// testPagesOfSeven walks a mid-sized search in every order seven at a
// time, checking totals on every page and the order against the contract.
func testPagesOfSeven(t *testing.T, s *store.Store, c *catalog) {
	base := domain.SearchQuery{Sport: "cycling", Brands: []string{"velomir", "pedalis"}, Region: "EU", Currency: "EUR"}
	for i, q := range sortVariants(base) {
		totals := noTotal
		if i == 0 {
			totals = everyTotal
		}
		w := walk(t, s, q, 7, totals)
		if want := itemIDs(c.search(q)); !slices.Equal(w.ids, want) || w.pages < 5 {
			t.Errorf("%s: %d pages of %v\nwant %v", describe(q), w.pages, head(w.ids), head(want))
		}
	}
	q := domain.SearchQuery{Text: "running", Region: "RU", Currency: "RUB", Sort: domain.SortRelevance}
	w := walk(t, s, q, 7, firstTotal)
	if want := sorted(itemIDs(c.search(q))); !slices.Equal(sorted(w.ids), want) || w.pages < 5 {
		t.Errorf("%s: %d results in %d pages, want %d", describe(q), len(w.ids), w.pages, len(want))
	}
}

// pricedIn narrows q to products with a price in its currency.
func pricedIn(q domain.SearchQuery) domain.SearchQuery {
	if q.PriceMin == nil {
		q.PriceMin = ptr[int64](0)
	}
	return q
}

func head(ids []string) []string { return ids[:min(len(ids), 12)] }

// testUnpricedLast checks that products without a price in the currency
// come last in both price orders.
func testUnpricedLast(t *testing.T, s *store.Store, c *catalog) {
	for _, sort := range []domain.Sort{domain.SortPriceAsc, domain.SortPriceDesc} {
		q := domain.SearchQuery{Region: "KZ", Currency: "KZT", Sort: sort, Sport: "cycling"}
		w := walk(t, s, q, 40, noTotal)
		var prices []int64
		unpriced := 0
		for _, it := range w.items {
			if len(it.Prices) == 0 {
				unpriced++
				continue
			}
			if unpriced > 0 {
				t.Fatalf("%s: priced %s after %d unpriced products", sort, it.ID, unpriced)
			}
			prices = append(prices, it.Prices[0].AmountMinor)
		}
		if unpriced == 0 || len(prices) == 0 {
			t.Fatalf("%s: %d unpriced, %d priced: the check proves nothing", sort, unpriced, len(prices))
		}
		ordered := slices.IsSorted(prices)
		if sort == domain.SortPriceDesc {
			slices.Reverse(prices)
			ordered = slices.IsSorted(prices)
		}
		if !ordered {
			t.Errorf("%s: prices out of order", sort)
		}
	}
}

// testSkipTotal checks that SkipTotal changes nothing but the count and
// facets, and that one-item pages walk the catalog too.
func testSkipTotal(t *testing.T, s *store.Store, c *catalog) {
	ctx := context.Background()
	q := domain.SearchQuery{Text: "helm", Region: "RU", Currency: "RUB", Sort: domain.SortPriceAsc, Limit: 5}
	full, err := s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	q.SkipTotal = true
	skip, err := s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if skip.Total != 0 || skip.Facets != nil || full.Total == 0 || len(full.Facets) != 4 {
		t.Fatalf("SkipTotal: total %d facets %v; without: total %d", skip.Total, skip.Facets, full.Total)
	}
	if !reflect.DeepEqual(skip.Items, full.Items) || !reflect.DeepEqual(skip.Next, full.Next) {
		t.Fatal("SkipTotal changed the page")
	}
	q.SkipTotal = false
	for _, sort := range []domain.Sort{domain.SortRelevance, domain.SortNewest} {
		q.Sort = sort
		w := walk(t, s, q, 1, noTotal)
		if w.pages != w.total || w.total != len(c.search(q)) || w.total < 3 {
			t.Errorf("%s by one: %d pages, total %d", sort, w.pages, w.total)
		}
	}
}

// testRelevanceWithoutText asks for relevance order without a text: there
// is no rank, so results must come as in the popular order.
func testRelevanceWithoutText(t *testing.T, s *store.Store, c *catalog) {
	q := domain.SearchQuery{Region: "RU", Currency: "RUB", Sport: "swimming", Sort: domain.SortRelevance, Limit: 10}
	if _, err := s.Search(context.Background(), q); err != nil {
		t.Fatalf("relevance order without a text: %v", err)
	}
	w := walk(t, s, q, 7, noTotal)
	q.Sort = domain.SortPopular
	if want := itemIDs(c.search(q)); !slices.Equal(w.ids, want) {
		t.Errorf("relevance without text: %v, want the popular order %v", head(w.ids), head(want))
	}
}

// recorder keeps what each engine returned for the contract queries.
type recorder struct {
	mu    sync.Mutex
	walks map[string]map[string]walked // engine -> query -> result
}

// engine returns the function that records one engine's results.
func (r *recorder) engine(name string) func(w walked) {
	return func(w walked) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.walks[name] == nil {
			r.walks[name] = map[string]walked{}
		}
		r.walks[name][fmt.Sprintf("%s limit=%d", describe(w.q), w.q.Limit)] = w
	}
}

// compare checks that both engines returned the same for every recorded
// query: totals, facets and items, in the same order for every order but
// relevance (whose ranking functions differ; the same set).
func (r *recorder) compare(t *testing.T, a, b string) {
	wa, wb := r.walks[a], r.walks[b]
	if len(wb) == 0 {
		t.Skipf("no %s results to compare with %s", b, a)
	}
	if len(wa) != len(wb) || len(wa) < 15 {
		t.Errorf("%s recorded %d searches, %s %d", a, len(wa), b, len(wb))
	}
	for key, x := range wa {
		y, ok := wb[key]
		if !ok {
			t.Errorf("%s: only %s ran it", key, a)
			continue
		}
		xi, yi := x.ids, y.ids
		if x.q.Sort == domain.SortRelevance {
			xi, yi = sorted(xi), sorted(yi)
		} else if slices.Equal(xi, yi) && !reflect.DeepEqual(x.items, y.items) {
			t.Errorf("%s: same products, different items", key)
		}
		if x.total != y.total || !slices.Equal(xi, yi) {
			t.Errorf("%s:\n%s %d %v\n%s %d %v", key, a, x.total, head(xi), b, y.total, head(yi))
		}
		if !reflect.DeepEqual(normFacets(x.facets), normFacets(y.facets)) {
			t.Errorf("%s: facets differ\n%s %v\n%s %v", key, a, x.facets, b, y.facets)
		}
	}
}
