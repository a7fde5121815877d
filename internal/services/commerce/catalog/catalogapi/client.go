package catalogapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/web"
)

// Client reads the catalog. Errors are *apperr.Error values with the same
// kinds and codes the HTTP API answers (e.g. product_not_found).
type Client interface {
	// Search finds products; see the HTTP API for the parameters' meaning.
	Search(ctx context.Context, p SearchParams) (SearchPage, error)
	// Product returns one product with prices and stock; currency and region
	// may be empty for the defaults.
	Product(ctx context.Context, id, currency, region string) (Product, error)
	// Taxonomy returns sports, categories, brands, currencies and regions.
	Taxonomy(ctx context.Context) (Taxonomy, error)
}

// SearchParams are the search's query parameters.
type SearchParams struct {
	Q        string
	Sport    string
	Category string
	Brands   []string
	Size     string
	PriceMin string // decimal, major units
	PriceMax string
	InStock  bool
	Currency string
	Region   string
	Sort     string
	Lang     string
	Limit    int
	Cursor   string
}

// Values encodes the parameters as a query string.
func (p SearchParams) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", p.Q)
	set("sport", p.Sport)
	set("category", p.Category)
	if len(p.Brands) > 0 {
		v.Set("brand", strings.Join(p.Brands, ","))
	}
	set("size", p.Size)
	set("price_min", p.PriceMin)
	set("price_max", p.PriceMax)
	if p.InStock {
		v.Set("in_stock", "true")
	}
	set("currency", p.Currency)
	set("region", p.Region)
	set("sort", p.Sort)
	set("lang", p.Lang)
	if p.Limit > 0 {
		v.Set("limit", strconv.Itoa(p.Limit))
	}
	set("cursor", p.Cursor)
	return v
}

// BasePath is where the catalog's routes live in the public API.
const BasePath = "/api/v1/commerce"

// Routes are the catalog's public routes: method and path pattern, and
// whether anonymous callers may use them. The gateway's commerce router
// mounts them (in-process or proxied) and the OpenAPI test checks them.
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/taxonomy", Anonymous: true},
	{Pattern: "GET " + BasePath + "/locations", Anonymous: true},
	{Pattern: "GET " + BasePath + "/products", Anonymous: true},
	{Pattern: "GET " + BasePath + "/products/{id}", Anonymous: true},
	{Pattern: "GET " + BasePath + "/images/{name}", Anonymous: true},
	{Pattern: "POST " + BasePath + "/products"},
	{Pattern: "PUT " + BasePath + "/products/{id}"},
	{Pattern: "PUT " + BasePath + "/products/{id}/prices"},
	{Pattern: "PUT " + BasePath + "/products/{id}/stock"},
}

// HTTPClient calls the catalog's HTTP API.
type HTTPClient struct {
	base string
	hc   *http.Client
}

// NewHTTPClient returns a client for the catalog at baseURL (scheme and host
// of the gateway or of a catalog process).
func NewHTTPClient(baseURL string, hc *http.Client) *HTTPClient {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &HTTPClient{base: strings.TrimRight(baseURL, "/") + BasePath, hc: hc}
}

// NewLocalClient returns a client that serves its calls with the catalog's
// own in-process handler: the same API, no network.
func NewLocalClient(h http.Handler) *HTTPClient {
	return NewHTTPClient("http://catalog.local", &http.Client{Transport: web.HandlerTransport{Handler: h}})
}

// Search implements Client.
func (c *HTTPClient) Search(ctx context.Context, p SearchParams) (SearchPage, error) {
	var out SearchPage
	err := web.DoJSON(ctx, c.hc, http.MethodGet, c.base+"/products?"+p.Values().Encode(), nil, &out)
	return out, err
}

// Product implements Client.
func (c *HTTPClient) Product(ctx context.Context, id, currency, region string) (Product, error) {
	v := url.Values{}
	if currency != "" {
		v.Set("currency", currency)
	}
	if region != "" {
		v.Set("region", region)
	}
	var out Product
	err := web.DoJSON(ctx, c.hc, http.MethodGet, c.base+"/products/"+url.PathEscape(id)+"?"+v.Encode(), nil, &out)
	return out, err
}

// Taxonomy implements Client.
func (c *HTTPClient) Taxonomy(ctx context.Context) (Taxonomy, error) {
	var out Taxonomy
	err := web.DoJSON(ctx, c.hc, http.MethodGet, c.base+"/taxonomy", nil, &out)
	return out, err
}

var _ Client = (*HTTPClient)(nil)
