package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Search finds products. A cursor continues only the search that made it:
// the query's fingerprint is part of the cursor.
func (a *App) Search(ctx context.Context, q domain.SearchQuery) (domain.SearchResult, error) {
	if q.Sort == "" {
		q.Sort = domain.SortPopular
		if strings.TrimSpace(q.Text) != "" {
			q.Sort = domain.SortRelevance
		}
	}
	if q.Currency == "" {
		q.Currency = domain.Regions[0].Currency
	}
	if q.Region == "" {
		r, ok := domain.RegionFor(q.Currency)
		if !ok {
			return domain.SearchResult{}, apperr.Validation(apperr.FieldError{Field: "currency", Code: "not_allowed", Message: "unknown currency"})
		}
		q.Region = r.ID
	}
	fp := fingerprint(q)
	if q.After != nil && (q.After.Filter != fp || q.After.Sort != q.Sort) {
		return domain.SearchResult{}, apperr.Validation(apperr.FieldError{Field: "cursor", Code: "cursor_mismatch",
			Message: "the cursor belongs to a different search; start again without it"})
	}
	res, err := a.repo.Search(ctx, q)
	if err != nil {
		return res, err
	}
	if res.Next != nil {
		res.Next.Filter = fp
	}
	return res, nil
}

// fingerprint identifies a search's parameters apart from paging.
func fingerprint(q domain.SearchQuery) string {
	num := func(p *int64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatInt(*p, 10)
	}
	parts := []string{q.Text, q.Sport, q.Category, strings.Join(q.Brands, ","), q.Size, num(q.PriceMin),
		num(q.PriceMax), strconv.FormatBool(q.InStock), q.Region, q.Currency, q.Lang, string(q.Sort)}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:6])
}

// Product returns one product with its prices and stock.
func (a *App) Product(ctx context.Context, id string) (domain.ProductView, error) {
	return a.repo.Get(ctx, id)
}
