package httpapi

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func (h *Handler) taxonomy(w http.ResponseWriter, r *http.Request) error {
	if err := strictNoQuery(r); err != nil {
		return err
	}
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, toTaxonomy(t))
	return nil
}

func (h *Handler) locations(w http.ResponseWriter, r *http.Request) error {
	if err := strictNoQuery(r); err != nil {
		return err
	}
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	out := catalogapi.Locations{Items: make([]catalogapi.Location, 0, len(t.Locations))}
	for _, l := range t.Locations {
		out.Items = append(out.Items, toLocation(l))
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func strictNoQuery(r *http.Request) error {
	q := web.NewQuery(r)
	q.Strict()
	return q.Err()
}

// currencyParams reads the shopper's currency and region.
func currencyParams(q *web.Query) (currency, region string) {
	currency = q.Enum("currency", "RUB", domain.Currencies...)
	ids := make([]string, len(domain.Regions))
	for i, rg := range domain.Regions {
		ids[i] = rg.ID
	}
	region = q.Enum("region", "", ids...)
	if region == "" {
		if rg, ok := domain.RegionFor(currency); ok {
			region = rg.ID
		}
	}
	return currency, region
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	sq := domain.SearchQuery{
		Text:     q.String("q", "", 200),
		Sport:    q.String("sport", "", 64),
		Category: q.String("category", "", 64),
		Brands:   q.Strings("brand", 20),
		Size:     q.String("size", "", 16),
		Sort:     domain.Sort(q.Enum("sort", "", domain.Sorts...)),
		Lang:     q.Enum("lang", "ru", "ru", "en"),
		Limit:    q.Int("limit", 24, 1, 100),
	}
	sq.Currency, sq.Region = currencyParams(q)
	if v, ok := q.Decimal("price_min"); ok {
		sq.PriceMin = &v
	}
	if v, ok := q.Decimal("price_max"); ok {
		sq.PriceMax = &v
	}
	if sq.PriceMin != nil && sq.PriceMax != nil && *sq.PriceMin > *sq.PriceMax {
		q.Fail("price_min", "out_of_range", "must not be above price_max")
	}
	sq.InStock, _ = q.Bool("in_stock")
	if c := q.String("cursor", "", 1024); c != "" {
		var cur domain.Cursor
		if err := web.DecodeCursor(c, &cur); err != nil {
			return err
		}
		sq.After = &cur
	}
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	res, err := h.app.Search(r.Context(), sq)
	if err != nil {
		return err
	}
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	page := catalogapi.SearchPage{Items: make([]catalogapi.ProductSummary, 0, len(res.Items)), Total: res.Total,
		Facets: catalogapi.Facets{
			Sports: toFacets(res.Facets["sports"]), Categories: toFacets(res.Facets["categories"]),
			Brands: toFacets(res.Facets["brands"]), Sizes: toFacets(res.Facets["sizes"]),
		}}
	for _, v := range res.Items {
		page.Items = append(page.Items, toSummary(v, t, sq.Region, sq.Currency))
	}
	if res.Next != nil {
		c := web.EncodeCursor(res.Next)
		page.NextCursor = &c
	}
	web.WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *Handler) product(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	currency, region := currencyParams(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	v, err := h.app.Product(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	etag := `W/"` + strconv.Itoa(v.Version) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "no-cache")
	if slices.Contains([]string{etag, "*"}, r.Header.Get("If-None-Match")) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	web.WriteJSON(w, http.StatusOK, toProduct(v, t, region, currency))
	return nil
}
