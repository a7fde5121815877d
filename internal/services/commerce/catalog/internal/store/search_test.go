package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store/migrations"
)

// TestSearch loads the demo catalog once per engine, runs the read-only
// search contract on each (in parallel), then compares what the two
// engines returned for the contract queries.
func TestSearch(t *testing.T) {
	t.Parallel()
	c := newCatalog()
	rec := &recorder{walks: map[string]map[string]walked{}}
	t.Run("engines", func(t *testing.T) {
		t.Run("sqlite", func(t *testing.T) {
			t.Parallel()
			s := store.New(sqldbtest.SQLite(t, service, migrations.FS))
			c.load(t, s)
			searchSuite(t, s, c, rec.engine("sqlite"))
		})
		t.Run("postgres", func(t *testing.T) {
			t.Parallel()
			s := store.New(sqldbtest.Postgres(t, service, migrations.FS))
			c.load(t, s)
			searchSuite(t, s, c, rec.engine("postgres"))
		})
	})
	t.Run("engines_agree", func(t *testing.T) { rec.compare(t, "sqlite", "postgres") })
}

func searchSuite(t *testing.T, s *store.Store, c *catalog, record func(w walked)) {
	tests := map[string]func(t *testing.T, s *store.Store, c *catalog){
		"text":              testText,
		"odd_queries":       testOddQueries,
		"filters":           testFilters,
		"facets":            testFacets,
		"pages_of_seven":    testPagesOfSeven,
		"relevance_no_text": testRelevanceWithoutText,
		"unpriced_last":     testUnpricedLast,
		"skip_total":        testSkipTotal,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, s, c)
		})
	}
	t.Run("contract", func(t *testing.T) {
		t.Parallel()
		testContract(t, s, c, record)
	})
}

// idsWhere returns the ids of the demo products keep accepts.
func (c *catalog) idsWhere(keep func(p domain.Product) bool) []string {
	var ids []string
	for _, it := range c.items {
		if keep(it.Product) {
			ids = append(ids, it.Product.ID)
		}
	}
	return ids
}

func containsAll(have, want []string) bool {
	for _, id := range want {
		if !slices.Contains(have, id) {
			return false
		}
	}
	return true
}

func testText(t *testing.T, s *store.Store, c *catalog) {
	find := func(text string) []string { return sorted(searchIDs(t, s, domain.SearchQuery{Text: text})) }
	runningShoes := c.idsWhere(func(p domain.Product) bool { return p.CategoryID == "running-shoes" })
	helmets := c.idsWhere(func(p domain.Product) bool { return p.CategoryID == "bike-helmets" })
	if len(runningShoes) < 5 || len(helmets) < 5 {
		t.Fatalf("demo catalog has %d running shoes, %d helmets", len(runningShoes), len(helmets))
	}
	ru, en := find("кроссовки"), find("running shoes")
	for name, ids := range map[string][]string{"кроссовки": ru, "running shoes": en} {
		if !containsAll(ids, runningShoes) {
			t.Errorf("%q misses running shoes: got %d results", name, len(ids))
		}
		if len(ids) == len(c.items) {
			t.Errorf("%q matches the whole catalog", name)
		}
	}
	// Prefixes match while typing; other word forms match the same products.
	if prefix := find("кросс"); !containsAll(prefix, ru) {
		t.Errorf("prefix кросс (%d) does not cover кроссовки (%d)", len(prefix), len(ru))
	}
	if prefix := find("helm"); !containsAll(prefix, helmets) {
		t.Errorf("prefix helm misses helmets")
	}
	if other := find("кроссовками"); !slices.Equal(other, ru) {
		t.Errorf("кроссовками found %d, кроссовки %d", len(other), len(ru))
	}
	if a, b := find("helmets"), find("helmet"); !slices.Equal(a, b) || !containsAll(a, helmets) {
		t.Errorf("helmets found %d, helmet %d", len(a), len(b))
	}
	if a, b := find("КРОССОВКИ ДЛЯ БЕГА"), find("кроссовки для бега"); !slices.Equal(a, b) || !containsAll(a, runningShoes) {
		t.Errorf("case changes the result: %d vs %d", len(a), len(b))
	}
	// A brand name finds exactly that brand's products.
	runvik := sorted(c.idsWhere(func(p domain.Product) bool { return p.BrandID == "runvik" }))
	if got := find("Runvik"); !slices.Equal(got, runvik) {
		t.Errorf("Runvik found %d products, the brand has %d", len(got), len(runvik))
	}
	// An SKU, in any case, finds its product.
	p := c.items[len(c.items)/2].Product
	for _, sku := range []string{p.SKU, strings.ToLower(p.SKU)} {
		if got := find(sku); !slices.Equal(got, []string{p.ID}) {
			t.Errorf("SKU %s found %v, want [%s]", sku, got, p.ID)
		}
	}
	// Nonsense finds nothing, with empty facets.
	res, err := s.Search(context.Background(), domain.SearchQuery{Text: "zzqxvw", Region: "RU", Currency: "RUB",
		Sort: domain.SortRelevance, Limit: 10})
	if err != nil || res.Total != 0 || len(res.Items) != 0 || res.Next != nil {
		t.Fatalf("nonsense: %d items, total %d, %v", len(res.Items), res.Total, err)
	}
	for dim, fs := range res.Facets {
		if len(fs) != 0 {
			t.Errorf("nonsense: facet %s = %v", dim, fs)
		}
	}
	// Every result of a text query holds the query's terms (oracle).
	for _, q := range []string{"кроссовки", "running shoes", "кросс", "helm", "Runvik"} {
		if got, want := find(q), sorted(itemIDs(c.search(domain.SearchQuery{Text: q}))); !slices.Equal(got, want) {
			t.Errorf("%q: %d results, the contract says %d", q, len(got), len(want))
		}
	}
}

// testOddQueries sends queries full of the engines' operator characters:
// none may fail, and each finds what its words find.
func testOddQueries(t *testing.T, s *store.Store, c *catalog) {
	queries := []string{
		`"a" OR b*`, `'; DROP TABLE products; --`, `a:*`, `\\`, `\`, `'`, `"`, `''`, `""`, `*`, `:*`,
		`(`, `)`, `&|!`, `a & b | !c`, `!кроссовки`, `-helmet`, `^run`, `NEAR(a b)`, `doc:кроссовки`,
		`AND`, `OR NOT`, `a'b`, `run\'s`, `кросс"овки`, "\x00", "\xff\xfe", "🏃‍♀️ бег", `%_`, `$1`,
		`.,;!?`, `   `, strings.Repeat("бег ", 40), `ёлка Ё`, `<->`, `a <-> b`, `run:* & shoe`, `{}`, `[x]`,
	}
	for _, text := range queries {
		q := domain.SearchQuery{Text: text, Region: "RU", Currency: "RUB", Sort: domain.SortRelevance, Limit: 20, SkipTotal: true}
		if strings.TrimSpace(text) == "" {
			q.Sort = domain.SortPopular // see testRelevanceWithoutText
		}
		res, err := s.Search(context.Background(), q)
		if err != nil {
			t.Errorf("%s: %v", describe(q), err)
			continue
		}
		want := itemIDs(c.search(q))
		for _, it := range res.Items {
			if !slices.Contains(want, it.ID) {
				t.Errorf("%s: %s does not match", describe(q), it.ID)
			}
		}
		if res.Next == nil && len(res.Items) != len(want) || res.Next != nil && len(want) <= q.Limit {
			t.Errorf("%s: %d results (more: %v), want %d", describe(q), len(res.Items), res.Next != nil, len(want))
		}
	}
}
