package store_test

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/textsearch"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/demo"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// catalog is the demo data set and, written in plain Go, what a search of
// it must return: the contract both engines are held to.
type catalog struct {
	ds    demo.Dataset
	items []demo.Item
	byID  map[string]demo.Item
	terms map[string]map[string]bool // product id -> the stemmed terms of its search text
}

func newCatalog() *catalog {
	ds := demo.Generate()
	c := &catalog{ds: ds, items: ds.Products, byID: map[string]demo.Item{}, terms: map[string]map[string]bool{}}
	brands := map[string]string{}
	for _, b := range ds.Brands {
		brands[b.ID] = b.Name
	}
	cats := map[string]domain.Text{}
	for _, ct := range ds.Categories {
		cats[ct.ID] = ct.Name
	}
	sports := map[string]domain.Text{}
	for _, sp := range ds.Sports {
		sports[sp.ID] = sp.Name
	}
	for _, it := range ds.Products {
		p := it.Product
		c.byID[p.ID] = it
		// A product is found by its SKU, brand, names, category, description
		// and sports, in either language.
		fields := []string{p.SKU, brands[p.BrandID], p.Name.RU, p.Name.EN, cats[p.CategoryID].RU,
			cats[p.CategoryID].EN, p.Description.RU, p.Description.EN}
		for _, sp := range p.Sports {
			fields = append(fields, sports[sp].RU, sports[sp].EN)
		}
		set := map[string]bool{}
		for _, f := range fields {
			for _, term := range textsearch.Terms(f) {
				set[term] = true
			}
		}
		c.terms[p.ID] = set
	}
	return c
}

// load stores the data set in s as the service's seeding does.
func (c *catalog) load(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.SaveTaxonomy(ctx, domain.Taxonomy{Sports: c.ds.Sports, Categories: c.ds.Categories,
			Brands: c.ds.Brands, Locations: c.ds.Locations}); err != nil {
			return err
		}
		for _, it := range c.items {
			if err := s.Insert(ctx, it.Product); err != nil {
				return err
			}
			if _, err := s.SeedOffers(ctx, it.Product.ID, it.Prices, it.Stock); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("load demo catalog: %v", err)
	}
	if n, err := s.Count(ctx); err != nil || n != len(c.items) {
		t.Fatalf("count = %d, %v; want %d", n, err, len(c.items))
	}
}

func priceOf(it demo.Item, region, currency string) (int64, bool) {
	for _, p := range it.Prices {
		if p.Region == region && p.Currency == currency {
			return p.AmountMinor, true
		}
	}
	return 0, false
}

func totalStock(it demo.Item) int {
	n := 0
	for _, st := range it.Stock {
		n += st.Quantity
	}
	return n
}

// textMatches reports whether the product holds every query term, the last
// as a prefix. A query with text but no terms (only punctuation) matches
// nothing.
func (c *catalog) textMatches(id, text string) bool {
	terms := textsearch.Query(text)
	if len(terms) == 0 {
		return strings.TrimSpace(text) == ""
	}
	have := c.terms[id]
	for _, term := range terms[:len(terms)-1] {
		if !have[term] {
			return false
		}
	}
	last := terms[len(terms)-1]
	for h := range have {
		if strings.HasPrefix(h, last) {
			return true
		}
	}
	return false
}

// matches applies q to one product, leaving out the filter of dimension
// skip ("sports", "categories", "brands", "sizes" or "").
func (c *catalog) matches(it demo.Item, q domain.SearchQuery, skip string) bool {
	p := it.Product
	if !c.textMatches(p.ID, q.Text) ||
		q.Sport != "" && skip != "sports" && !slices.Contains(p.Sports, q.Sport) ||
		q.Category != "" && skip != "categories" && p.CategoryID != q.Category ||
		len(q.Brands) > 0 && skip != "brands" && !slices.Contains(q.Brands, p.BrandID) ||
		q.Size != "" && skip != "sizes" && !slices.Contains(p.Sizes, q.Size) ||
		q.InStock && totalStock(it) <= 0 {
		return false
	}
	if q.PriceMin != nil || q.PriceMax != nil {
		pr, ok := priceOf(it, q.Region, q.Currency)
		if !ok || q.PriceMin != nil && pr < *q.PriceMin || q.PriceMax != nil && pr > *q.PriceMax {
			return false
		}
	}
	return true
}

// search returns every product matching q in q's order (by id for
// relevance, whose order the oracle does not predict).
func (c *catalog) search(q domain.SearchQuery) []demo.Item {
	var out []demo.Item
	for _, it := range c.items {
		if c.matches(it, q, "") {
			out = append(out, it)
		}
	}
	priceKey := func(it demo.Item, missing int64) int64 {
		if pr, ok := priceOf(it, q.Region, q.Currency); ok {
			return pr
		}
		return missing
	}
	slices.SortFunc(out, func(a, b demo.Item) int {
		pa, pb := a.Product, b.Product
		switch q.Sort {
		case domain.SortPopular:
			return cmp.Or(cmp.Compare(pb.Popularity, pa.Popularity), cmp.Compare(pa.ID, pb.ID))
		case domain.SortPriceAsc:
			return cmp.Or(cmp.Compare(priceKey(a, math.MaxInt64), priceKey(b, math.MaxInt64)), cmp.Compare(pa.ID, pb.ID))
		case domain.SortPriceDesc:
			return cmp.Or(cmp.Compare(priceKey(b, -1), priceKey(a, -1)), cmp.Compare(pa.ID, pb.ID))
		case domain.SortNewest:
			return cmp.Or(pb.CreatedAt.Compare(pa.CreatedAt), cmp.Compare(pb.ID, pa.ID))
		case domain.SortName:
			return cmp.Or(cmp.Compare(pa.Name.In(q.Lang), pb.Name.In(q.Lang)), cmp.Compare(pa.ID, pb.ID))
		}
		return cmp.Compare(pa.ID, pb.ID)
	})
	return out
}

// facets returns the facet counts of q: per dimension, the products
// matching every filter but that dimension's, by value, most first.
func (c *catalog) facets(q domain.SearchQuery) map[string][]domain.Facet {
	out := map[string][]domain.Facet{}
	dims := map[string]func(p domain.Product) []string{
		"sports":     func(p domain.Product) []string { return p.Sports },
		"categories": func(p domain.Product) []string { return []string{p.CategoryID} },
		"brands":     func(p domain.Product) []string { return []string{p.BrandID} },
		"sizes":      func(p domain.Product) []string { return p.Sizes },
	}
	for dim, values := range dims {
		counts := map[string]int{}
		for _, it := range c.items {
			if c.matches(it, q, dim) {
				for _, v := range values(it.Product) {
					counts[v]++
				}
			}
		}
		fs := []domain.Facet{}
		for v, n := range counts {
			fs = append(fs, domain.Facet{Value: v, Count: n})
		}
		slices.SortFunc(fs, func(a, b domain.Facet) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		out[dim] = fs
	}
	return out
}

func itemIDs(items []demo.Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.Product.ID
	}
	return ids
}
