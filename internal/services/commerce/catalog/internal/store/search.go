package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/textsearch"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Facet dimensions, each computed with every filter but its own so a shopper
// sees how many results picking another value would give.
const (
	facetSports     = "sports"
	facetCategories = "categories"
	facetBrands     = "brands"
	facetSizes      = "sizes"
)

// filter is the FROM/WHERE part of a search, with one dimension left out.
func (s *Store) filter(q domain.SearchQuery, terms []string, a *argList, exclude string) (from, where string, rank string) {
	var joins, conds []string
	if len(terms) > 0 {
		j, w, r := matchSQL(s.db.Dialect, terms, a)
		if j != "" {
			joins = append(joins, j)
		}
		conds = append(conds, w)
		rank = r
	}
	joins = append(joins, "LEFT JOIN prices pr ON pr.product_id = p.id AND pr.region = "+a.add(q.Region)+
		" AND pr.currency = "+a.add(q.Currency))
	if q.Sport != "" && exclude != facetSports {
		conds = append(conds, "EXISTS (SELECT 1 FROM product_sports ps WHERE ps.product_id = p.id AND ps.sport_id = "+a.add(q.Sport)+")")
	}
	if q.Category != "" && exclude != facetCategories {
		conds = append(conds, "p.category_id = "+a.add(q.Category))
	}
	if len(q.Brands) > 0 && exclude != facetBrands {
		conds = append(conds, "p.brand_id IN ("+a.in(q.Brands)+")")
	}
	if q.Size != "" && exclude != facetSizes {
		conds = append(conds, "EXISTS (SELECT 1 FROM product_sizes pz WHERE pz.product_id = p.id AND pz.size = "+a.add(q.Size)+")")
	}
	if q.PriceMin != nil {
		conds = append(conds, "pr.amount_minor >= "+a.add(*q.PriceMin))
	}
	if q.PriceMax != nil {
		conds = append(conds, "pr.amount_minor <= "+a.add(*q.PriceMax))
	}
	if q.InStock {
		conds = append(conds, "p.total_stock > 0")
	}
	where = "TRUE"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	return "products p " + strings.Join(joins, " "), where, rank
}

// Sentinels that put products without a price last in both price orders.
const (
	noPriceAsc  = math.MaxInt64
	noPriceDesc = -1
)

// order returns the sort key expression(s), ORDER BY clause and the keyset
// condition continuing after the cursor.
func (s *Store) order(q domain.SearchQuery, rank string, a *argList) (orderBy, after string) {
	c := q.After
	switch q.Sort {
	case domain.SortRelevance:
		// Continued by offset. Without a text there is no rank: the
		// popular order is the most relevant one.
		if rank == "" {
			return "p.popularity DESC, p.id", ""
		}
		return rank + ", p.popularity DESC, p.id", ""
	case domain.SortPriceAsc, domain.SortPriceDesc:
		key, dir, cmp := fmt.Sprintf("COALESCE(pr.amount_minor, %d)", noPriceAsc), "ASC", ">"
		if q.Sort == domain.SortPriceDesc {
			key, dir, cmp = fmt.Sprintf("COALESCE(pr.amount_minor, %d)", noPriceDesc), "DESC", "<"
		}
		if c != nil {
			n := a.add(c.Num)
			after = "(" + key + " " + cmp + " " + n + " OR (" + key + " = " + n + " AND p.id > " + a.add(c.ID) + "))"
		}
		return key + " " + dir + ", p.id ASC", after
	case domain.SortNewest:
		if c != nil {
			t := a.add(dbTime(time.UnixMicro(c.Num)))
			after = "(p.created_at < " + t + " OR (p.created_at = " + t + " AND p.id < " + a.add(c.ID) + "))"
		}
		return "p.created_at DESC, p.id DESC", after
	case domain.SortName:
		name := nameExpr(s.db.Dialect, q.Lang)
		if c != nil {
			k := a.add(c.Key)
			after = "(" + name + " > " + k + " OR (" + name + " = " + k + " AND p.id > " + a.add(c.ID) + "))"
		}
		return name + " ASC, p.id ASC", after
	default: // popular
		if c != nil {
			n := a.add(c.Num)
			after = "(p.popularity < " + n + " OR (p.popularity = " + n + " AND p.id > " + a.add(c.ID) + "))"
		}
		return "p.popularity DESC, p.id ASC", after
	}
}

// Search returns one page of products matching q, the total count and facets.
func (s *Store) Search(ctx context.Context, q domain.SearchQuery) (domain.SearchResult, error) {
	var res domain.SearchResult
	if q.Limit < 1 {
		return res, apperr.Validation(apperr.FieldError{Field: "limit", Code: "out_of_range", Message: "must be at least 1"})
	}
	terms := textsearch.Query(q.Text)
	if strings.TrimSpace(q.Text) != "" && len(terms) == 0 {
		return domain.SearchResult{Facets: map[string][]domain.Facet{}}, nil // only punctuation: nothing matches
	}
	var a argList
	from, where, rank := s.filter(q, terms, &a, "")
	orderBy, after := s.order(q, rank, &a)
	if after != "" {
		where += " AND " + after
	}
	offset := 0
	if q.Sort == domain.SortRelevance && q.After != nil {
		offset = int(q.After.Num)
	}
	query := `SELECT ` + productColumns + `, pr.amount_minor FROM ` + from + ` WHERE ` + where +
		` ORDER BY ` + orderBy + ` LIMIT ` + a.add(q.Limit+1) + ` OFFSET ` + a.add(offset)
	type hit struct {
		row   productRow
		price sql.NullInt64
	}
	hits, err := sqldb.QueryAll(ctx, s.db.Q(ctx), query, a.args, func(r sqldb.Scanner) (h hit, err error) {
		return h, r.Scan(append(h.row.scanTargets(), &h.price)...)
	})
	if err != nil {
		return res, fmt.Errorf("search products: %w", err)
	}
	more := len(hits) > q.Limit
	if more {
		hits = hits[:q.Limit]
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.row.ID
	}
	sports, err := s.sportsOf(ctx, ids)
	if err != nil {
		return res, err
	}
	for _, h := range hits {
		p, err := productFromRow(h.row, sports[h.row.ID])
		if err != nil {
			return res, err
		}
		v := domain.ProductView{Product: p, TotalStock: h.row.TotalStock}
		if h.price.Valid {
			v.Prices = []domain.Price{{Region: q.Region, Currency: q.Currency, AmountMinor: h.price.Int64}}
		}
		res.Items = append(res.Items, v)
	}
	if more {
		last := hits[len(hits)-1]
		res.Next = nextCursor(q, last.row, last.price, offset+len(hits))
	}
	if q.SkipTotal {
		return res, nil
	}
	if res.Total, err = s.count(ctx, q, terms); err != nil {
		return res, err
	}
	res.Facets, err = s.facets(ctx, q, terms)
	return res, err
}

func nextCursor(q domain.SearchQuery, last productRow, price sql.NullInt64, offset int) *domain.Cursor {
	c := &domain.Cursor{Sort: q.Sort, ID: last.ID}
	switch q.Sort {
	case domain.SortRelevance:
		c.Num = int64(offset)
	case domain.SortPriceAsc:
		c.Num = noPriceAsc
		if price.Valid {
			c.Num = price.Int64
		}
	case domain.SortPriceDesc:
		c.Num = noPriceDesc
		if price.Valid {
			c.Num = price.Int64
		}
	case domain.SortNewest:
		c.Num = dbTime(last.CreatedAt).UnixMicro()
	case domain.SortName:
		c.Key = last.NameRU
		if q.Lang == "en" {
			c.Key = last.NameEN
		}
	default:
		c.Num = int64(last.Popularity)
	}
	return c
}

func (s *Store) count(ctx context.Context, q domain.SearchQuery, terms []string) (int, error) {
	var a argList
	from, where, _ := s.filter(q, terms, &a, "")
	var n int
	if err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM `+from+` WHERE `+where, a.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count search results: %w", sqldb.Classify(err))
	}
	return n, nil
}

func (s *Store) facets(ctx context.Context, q domain.SearchQuery, terms []string) (map[string][]domain.Facet, error) {
	dims := []struct{ name, join, col string }{
		{facetSports, "JOIN product_sports fs ON fs.product_id = p.id", "fs.sport_id"},
		{facetCategories, "", "p.category_id"},
		{facetBrands, "", "p.brand_id"},
		{facetSizes, "JOIN product_sizes fz ON fz.product_id = p.id", "fz.size"},
	}
	out := make(map[string][]domain.Facet, len(dims))
	for _, d := range dims {
		var a argList
		from, where, _ := s.filter(q, terms, &a, d.name)
		query := `SELECT ` + d.col + `, count(*) FROM ` + from + ` ` + d.join + ` WHERE ` + where +
			` GROUP BY ` + d.col + ` ORDER BY count(*) DESC, ` + d.col
		facets, err := sqldb.QueryAll(ctx, s.db.Q(ctx), query, a.args, func(r sqldb.Scanner) (f domain.Facet, err error) {
			return f, r.Scan(&f.Value, &f.Count)
		})
		if err != nil {
			return nil, fmt.Errorf("facet %s: %w", d.name, err)
		}
		out[d.name] = nonNilFacets(facets)
	}
	return out, nil
}

func nonNilFacets(f []domain.Facet) []domain.Facet {
	if f == nil {
		return []domain.Facet{}
	}
	return f
}
