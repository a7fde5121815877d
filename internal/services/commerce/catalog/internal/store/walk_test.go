package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// walked is every result of a search, read page by page.
type walked struct {
	q      domain.SearchQuery
	ids    []string
	items  []domain.ProductView
	total  int
	facets map[string][]domain.Facet
	pages  int
}

// How walk asks for the total and facets.
const (
	noTotal    = iota // SkipTotal on every page
	firstTotal        // on the first page only
	everyTotal        // on every page
)

// walk reads every page of q with the given page size, following the
// cursors, and checks the paging contract: full pages until the last, no
// product twice, a cursor at the last item (an offset for relevance), the
// same total on every page that asks for it and none on those that skip it.
func walk(t *testing.T, s *store.Store, q domain.SearchQuery, limit, totals int) walked {
	t.Helper()
	ctx := context.Background()
	q.Limit, q.After = limit, nil
	w := walked{q: q}
	seen := map[string]bool{}
	for page := 0; ; page++ {
		if page > 1000 {
			t.Fatalf("%s: more than 1000 pages", describe(q))
		}
		q.SkipTotal = totals == noTotal || totals == firstTotal && page > 0
		res, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("%s page %d: %v", describe(q), page, err)
		}
		switch {
		case page == 0 && !q.SkipTotal:
			w.total, w.facets = res.Total, res.Facets
		case q.SkipTotal:
			if res.Total != 0 || res.Facets != nil {
				t.Fatalf("%s page %d: SkipTotal gave total %d facets %v", describe(q), page, res.Total, res.Facets)
			}
		case res.Total != w.total || !reflect.DeepEqual(res.Facets, w.facets):
			t.Fatalf("%s page %d: total %d, first page said %d (or facets changed)", describe(q), page, res.Total, w.total)
		}
		if len(res.Items) > limit || res.Next != nil && len(res.Items) != limit {
			t.Fatalf("%s page %d: %d items with limit %d, next %v", describe(q), page, len(res.Items), limit, res.Next)
		}
		for _, it := range res.Items {
			if seen[it.ID] {
				t.Fatalf("%s page %d: %s returned twice", describe(q), page, it.ID)
			}
			seen[it.ID] = true
			w.ids = append(w.ids, it.ID)
			w.items = append(w.items, it)
		}
		w.pages++
		if res.Next == nil {
			break
		}
		if res.Next.Sort != q.Sort || res.Next.ID != res.Items[len(res.Items)-1].ID ||
			q.Sort == domain.SortRelevance && res.Next.Num != int64(len(w.ids)) {
			t.Fatalf("%s page %d: cursor %+v does not point at the last item", describe(q), page, res.Next)
		}
		q.After = res.Next
	}
	if totals == noTotal {
		w.total = len(w.ids)
	} else if len(w.ids) != w.total {
		t.Fatalf("%s: walked %d products over %d pages, total says %d", describe(q), len(w.ids), w.pages, w.total)
	}
	return w
}

// describe prints the parts of a query that are set.
func describe(q domain.SearchQuery) string {
	s := fmt.Sprintf("sort=%s", q.Sort)
	add := func(name, v string) {
		if v != "" {
			s += " " + name + "=" + v
		}
	}
	add("text", fmt.Sprintf("%q", q.Text))
	add("sport", q.Sport)
	add("category", q.Category)
	if len(q.Brands) > 0 {
		add("brands", fmt.Sprint(q.Brands))
	}
	add("size", q.Size)
	add("currency", q.Currency)
	add("lang", q.Lang)
	if q.PriceMin != nil {
		add("price_min", fmt.Sprint(*q.PriceMin))
	}
	if q.PriceMax != nil {
		add("price_max", fmt.Sprint(*q.PriceMax))
	}
	if q.InStock {
		add("in_stock", "true")
	}
	return s
}

// sorted returns a sorted copy of ids.
func sorted(ids []string) []string { return slices.Sorted(slices.Values(ids)) }

// normFacets gives every dimension a (possibly empty) list so a missing
// key and an empty list compare equal.
func normFacets(f map[string][]domain.Facet) map[string][]domain.Facet {
	out := map[string][]domain.Facet{}
	for _, dim := range []string{"sports", "categories", "brands", "sizes"} {
		out[dim] = f[dim]
		if out[dim] == nil {
			out[dim] = []domain.Facet{}
		}
	}
	return out
}
