package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// filterQueries are filters alone and combined, each giving some but not
// all products of the demo catalog.
func filterQueries() map[string]domain.SearchQuery {
	rub := func(q domain.SearchQuery) domain.SearchQuery { q.Region, q.Currency = "RU", "RUB"; return q }
	return map[string]domain.SearchQuery{
		"sport":          rub(domain.SearchQuery{Sport: "cycling"}),
		"also_sport":     rub(domain.SearchQuery{Sport: "outdoor", Category: "trail-shoes"}),
		"category":       rub(domain.SearchQuery{Category: "running-shoes"}),
		"brands":         rub(domain.SearchQuery{Brands: []string{"runvik", "velomir", "golavio"}}),
		"size":           rub(domain.SearchQuery{Size: "42"}),
		"price_range":    rub(domain.SearchQuery{PriceMin: ptr[int64](500000), PriceMax: ptr[int64](1500000)}),
		"price_min_eur":  {Region: "EU", Currency: "EUR", PriceMin: ptr[int64](10000)},
		"price_max_kzt":  {Region: "KZ", Currency: "KZT", PriceMax: ptr[int64](5000000)},
		"in_stock":       rub(domain.SearchQuery{InStock: true}),
		"combined":       rub(domain.SearchQuery{Sport: "running", Brands: []string{"runvik", "pulsora"}, Size: "42", InStock: true, PriceMax: ptr[int64](2000000)}),
		"text_and_more":  {Text: "кроссовки", Size: "40", Region: "EU", Currency: "EUR", PriceMin: ptr[int64](5000), InStock: true},
		"text_and_brand": rub(domain.SearchQuery{Text: "jacket", Brands: []string{"nordvela", "summitra", "kestrava"}}),
	}
}

// testFilters reads results back with Get and checks they satisfy each
// filter (every result of the small searches, an even sample of at most
// 40 of the large ones), and that the results are exactly the products
// the contract says satisfy it.
func testFilters(t *testing.T, s *store.Store, c *catalog) {
	for name, q := range filterQueries() {
		q.Sort = domain.SortPopular
		w := walk(t, s, q, 100, noTotal)
		if w.total == 0 || w.total == len(c.items) {
			t.Errorf("%s: %d results: the filter proves nothing", name, w.total)
			continue
		}
		step := (len(w.items) + 39) / 40
		for i, item := range w.items {
			if i%step != 0 && i != len(w.items)-1 {
				continue
			}
			v := mustGet(t, s, item.ID)
			pr, priced := v.PriceIn(q.Region, q.Currency)
			sum := 0
			for _, st := range v.Stock {
				sum += st.Quantity
			}
			switch {
			case q.Sport != "" && !slices.Contains(v.Sports, q.Sport),
				q.Category != "" && v.CategoryID != q.Category,
				len(q.Brands) > 0 && !slices.Contains(q.Brands, v.BrandID),
				q.Size != "" && !slices.Contains(v.Sizes, q.Size),
				q.InStock && (v.TotalStock <= 0 || sum != v.TotalStock),
				(q.PriceMin != nil || q.PriceMax != nil) && !priced,
				q.PriceMin != nil && pr.AmountMinor < *q.PriceMin,
				q.PriceMax != nil && pr.AmountMinor > *q.PriceMax,
				q.Text != "" && !c.textMatches(v.ID, q.Text):
				t.Errorf("%s: %s does not satisfy the filter: %+v", name, v.ID, v)
			}
			// The page carries the product as stored, priced in the query's currency.
			if !reflect.DeepEqual(item.Product, v.Product) || item.TotalStock != v.TotalStock {
				t.Errorf("%s: page item %s differs from Get", name, v.ID)
			}
			if want := []domain.Price(nil); priced {
				want = []domain.Price{pr}
				if !reflect.DeepEqual(item.Prices, want) {
					t.Errorf("%s: page item %s prices %+v, want %+v", name, v.ID, item.Prices, want)
				}
			} else if len(item.Prices) != 0 {
				t.Errorf("%s: unpriced item %s has prices %+v", name, v.ID, item.Prices)
			}
		}
		if want := sorted(itemIDs(c.search(q))); !slices.Equal(sorted(w.ids), want) {
			t.Errorf("%s: %d results, %d products satisfy the filter", name, len(w.ids), len(want))
		}
	}
	// A price filter drops products without a price in the currency.
	unpriced := c.idsWhere(func(p domain.Product) bool { _, ok := priceOf(c.byID[p.ID], "KZ", "KZT"); return !ok })
	if len(unpriced) == 0 {
		t.Fatal("every demo product has a KZT price: the check below proves nothing")
	}
	all := walk(t, s, domain.SearchQuery{Region: "KZ", Currency: "KZT", PriceMin: ptr[int64](1), Sort: domain.SortPopular}, 400, noTotal)
	for _, id := range unpriced {
		if slices.Contains(all.ids, id) {
			t.Errorf("%s has no KZT price but passed a KZT price filter", id)
		}
	}
	if all.total != len(c.items)-len(unpriced) {
		t.Errorf("KZT price >= 1: %d results, %d products have a KZT price", all.total, len(c.items)-len(unpriced))
	}
}

// testFacets checks facet counts against the contract, and that picking a
// facet value gives as many results as the facet said.
func testFacets(t *testing.T, s *store.Store, c *catalog) {
	ctx := context.Background()
	bases := map[string]domain.SearchQuery{
		"all":          {},
		"text":         {Text: "кроссовки"},
		"brand":        {Brands: []string{"runvik"}},
		"sport_brands": {Sport: "running", Brands: []string{"runvik", "kestrava"}, InStock: true},
		"narrow":       {Category: "running-shoes", Size: "42", PriceMax: ptr[int64](2000000)},
	}
	for name, q := range bases {
		q.Region, q.Currency, q.Sort, q.Limit = "RU", "RUB", domain.SortPopular, 5
		res, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := c.facets(q)
		if !reflect.DeepEqual(normFacets(res.Facets), want) {
			t.Errorf("%s: facets\n got %v\nwant %v", name, res.Facets, want)
		}
		if name != "text" && name != "sport_brands" {
			continue
		}
		for dim, fs := range res.Facets {
			for i, f := range fs {
				if i > 0 && i != len(fs)-1 {
					continue // the first and the last value of each facet
				}
				pick := q
				switch dim {
				case "sports":
					pick.Sport = f.Value
				case "categories":
					pick.Category = f.Value
				case "brands":
					pick.Brands = []string{f.Value}
				case "sizes":
					pick.Size = f.Value
				}
				pick.Limit = 1
				r, err := s.Search(ctx, pick)
				if err != nil {
					t.Fatalf("%s %s=%s: %v", name, dim, f.Value, err)
				}
				if r.Total != f.Count {
					t.Errorf("%s: facet %s=%s says %d, picking it gives %d", name, dim, f.Value, f.Count, r.Total)
				}
			}
		}
	}
	// A facet's own filter does not narrow it: with brand runvik chosen,
	// the brands facet still offers the other brands of running.
	res, err := s.Search(ctx, domain.SearchQuery{Sport: "running", Brands: []string{"runvik"}, Region: "RU",
		Currency: "RUB", Sort: domain.SortPopular, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	brands := map[string]int{}
	for _, f := range res.Facets["brands"] {
		brands[f.Value] = f.Count
	}
	if len(brands) < 3 || brands["runvik"] != res.Total || brands["pulsora"] == 0 {
		t.Errorf("brands facet with brand=runvik: %v (total %d)", res.Facets["brands"], res.Total)
	}
	for _, f := range res.Facets["categories"] {
		if f.Count > res.Total {
			t.Errorf("category facet %v counts more than the runvik results (%d)", f, res.Total)
		}
	}
}
