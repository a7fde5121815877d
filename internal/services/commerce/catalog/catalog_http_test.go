package catalog_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
)

// caller names who sends a scenario's request.
type caller int

const (
	anonymous caller = iota
	shopper          // a signed-in user without catalog permissions
	editor           // staff with every catalog write permission
	badToken         // a token signed by a key the platform does not trust
)

func (p *fixture) token(t *testing.T, c caller) string {
	switch c {
	case shopper:
		return p.Issuer.Mint(t, "user-1", authntest.WithRoles("athlete"))
	case editor:
		return p.Issuer.Mint(t, "staff-1", authntest.WithRoles("admin"), authntest.WithPermissions(
			catalogapi.PermProductsWrite, catalogapi.PermPricesWrite, catalogapi.PermStockWrite))
	case badToken:
		other := authntest.NewIssuer(t, "sporthub", "sporthub-api")
		return other.Mint(t, "mallory")
	}
	return ""
}

type fixture struct{ *apptest.Platform }

func start(t *testing.T) *fixture { return &fixture{apptest.Start(t)} }

// scenario is one request through the gateway and what must come back.
type scenario struct {
	name   string
	method string
	path   string
	who    caller
	body   any
	status int
	code   string                                 // problem code for errors
	check  func(t *testing.T, r apptest.Response) // more assertions on the body
}

func run(t *testing.T, p *fixture, cases []scenario) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := p.Do(t, tc.method, tc.path, p.token(t, tc.who), tc.body)
			if r.Status != tc.status {
				t.Fatalf("status = %d, want %d; body: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				if ct := r.Header.Get("Content-Type"); ct != web.ProblemContentType {
					t.Fatalf("content type %q, want problem+json", ct)
				}
				var pr web.Problem
				r.JSON(t, &pr)
				if pr.Code != tc.code || pr.Status != tc.status || pr.RequestID == "" {
					t.Fatalf("problem = %+v, want code %q", pr, tc.code)
				}
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func search(t *testing.T, r apptest.Response) catalogapi.SearchPage {
	var page catalogapi.SearchPage
	r.JSON(t, &page)
	return page
}

func TestCatalogReads(t *testing.T) {
	t.Parallel()
	p := start(t)
	q := func(v url.Values) string { return "/api/v1/commerce/products?" + v.Encode() }
	run(t, p, []scenario{
		{name: "taxonomy", method: "GET", path: "/api/v1/commerce/taxonomy", status: 200, check: func(t *testing.T, r apptest.Response) {
			var tx catalogapi.Taxonomy
			r.JSON(t, &tx)
			if len(tx.Sports) != 6 || len(tx.Categories) < 30 || len(tx.Brands) < 20 || len(tx.Currencies) < 2 {
				t.Fatalf("taxonomy too small: %d sports %d categories %d brands", len(tx.Sports), len(tx.Categories), len(tx.Brands))
			}
		}},
		{name: "locations", method: "GET", path: "/api/v1/commerce/locations", status: 200, check: func(t *testing.T, r apptest.Response) {
			var l catalogapi.Locations
			r.JSON(t, &l)
			if len(l.Items) < 5 {
				t.Fatalf("%d locations", len(l.Items))
			}
		}},
		{name: "russian full text", method: "GET", path: q(url.Values{"q": {"кроссовки"}}), status: 200, check: func(t *testing.T, r apptest.Response) {
			page := search(t, r)
			if page.Total < 10 || len(page.Items) == 0 {
				t.Fatalf("total %d", page.Total)
			}
			for _, it := range page.Items {
				if !strings.Contains(strings.ToLower(it.Name.RU+" "+it.Category.Name.RU), "кроссовк") {
					t.Errorf("%s (%s) does not look like shoes", it.Name.RU, it.Category.Name.RU)
				}
			}
		}},
		{name: "english full text", method: "GET", path: q(url.Values{"q": {"running shoes"}}), status: 200, check: func(t *testing.T, r apptest.Response) {
			page := search(t, r)
			if page.Total == 0 || page.Items[0].Category.ID != "running-shoes" && page.Items[0].Category.ID != "trail-shoes" {
				t.Fatalf("first hit %+v of %d", page.Items, page.Total)
			}
		}},
		{name: "filters combine", method: "GET", path: q(url.Values{"sport": {"cycling"}, "in_stock": {"true"}, "price_max": {"10000"}, "sort": {"price_desc"}}), status: 200,
			check: func(t *testing.T, r apptest.Response) {
				page := search(t, r)
				if page.Total == 0 {
					t.Fatal("no cheap cycling products in stock")
				}
				last := int64(1 << 62)
				for _, it := range page.Items {
					if !it.InStock || it.Price == nil || it.Price.AmountMinor > 1000000 || it.Price.AmountMinor > last {
						t.Fatalf("item breaks the filter or order: %+v", it)
					}
					last = it.Price.AmountMinor
					if !contains(it.Sports, "cycling") {
						t.Fatalf("not cycling: %+v", it.Sports)
					}
				}
			}},
		{name: "currency", method: "GET", path: q(url.Values{"currency": {"EUR"}, "limit": {"5"}}), status: 200, check: func(t *testing.T, r apptest.Response) {
			for _, it := range search(t, r).Items {
				if it.Price != nil && it.Price.Currency != "EUR" {
					t.Fatalf("price in %s", it.Price.Currency)
				}
			}
		}},
		{name: "bad parameters", method: "GET", path: q(url.Values{"limit": {"0"}, "price_min": {"abc"}, "sort": {"random"}, "currency": {"XYZ"}}),
			status: 400, code: "validation_failed", check: func(t *testing.T, r apptest.Response) {
				var pr web.Problem
				r.JSON(t, &pr)
				fields := map[string]bool{}
				for _, f := range pr.Errors {
					fields[f.Field] = true
				}
				for _, f := range []string{"limit", "price_min", "sort", "currency"} {
					if !fields[f] {
						t.Errorf("no error for %s in %+v", f, pr.Errors)
					}
				}
			}},
		{name: "unknown parameter", method: "GET", path: q(url.Values{"colour": {"red"}}), status: 400, code: "validation_failed"},
		{name: "forged cursor", method: "GET", path: q(url.Values{"cursor": {"not-a-cursor"}}), status: 400, code: "validation_failed"},
		{name: "missing product", method: "GET", path: "/api/v1/commerce/products/prd_nope", status: 404, code: "product_not_found"},
		{name: "unknown route", method: "GET", path: "/api/v1/commerce/nothing", status: 404, code: "route_not_found"},
		{name: "wrong method", method: "DELETE", path: "/api/v1/commerce/taxonomy", status: 405, code: "method_not_allowed"},
		{name: "image", method: "GET", path: "/api/v1/commerce/images/prd_0001.svg", status: 200, check: func(t *testing.T, r apptest.Response) {
			if r.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(r.Body), "<svg") {
				t.Fatalf("not an svg: %s", r.Header.Get("Content-Type"))
			}
		}},
		{name: "image path escape", method: "GET", path: "/api/v1/commerce/images/..%2f..%2fdb%2fcatalog.db", status: 404, code: "image_not_found"},
		{name: "bad token on a public route", method: "GET", path: "/api/v1/commerce/taxonomy", who: badToken, status: 401, code: "invalid_token"},
	})

	t.Run("product page", func(t *testing.T) {
		page := search(t, p.Do(t, "GET", q(url.Values{"q": {"кроссовки"}, "in_stock": {"true"}, "limit": {"1"}}), "", nil))
		id := page.Items[0].ID
		r := p.Do(t, "GET", "/api/v1/commerce/products/"+id+"?currency=EUR", "", nil)
		if r.Status != 200 {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		var prod catalogapi.Product
		r.JSON(t, &prod)
		if prod.Specs.DropMM == nil || prod.Specs.WeightG == nil || len(prod.Sizes) == 0 || prod.SizeSystem != "EU" {
			t.Fatalf("shoe without specs or sizes: %+v", prod)
		}
		if prod.Price == nil || prod.Price.Currency != "EUR" || len(prod.Prices) < 2 {
			t.Fatalf("prices: %+v / %+v", prod.Price, prod.Prices)
		}
		stores, total := 0, 0
		for _, s := range prod.Stock {
			if s.Location.Kind == "store" {
				stores++
			}
			total += s.Quantity
		}
		if stores < 5 || total != prod.TotalStock || !prod.InStock {
			t.Fatalf("stock per store: %d stores, sum %d, total %d", stores, total, prod.TotalStock)
		}
		etag := r.Header.Get("ETag")
		req, _ := http.NewRequest("GET", p.URL+"/api/v1/commerce/products/"+id, nil)
		req.Header.Set("If-None-Match", etag)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Fatalf("If-None-Match: %d", resp.StatusCode)
		}
	})

	t.Run("pages walk the whole result once", func(t *testing.T) {
		seen := map[string]bool{}
		path := q(url.Values{"sport": {"swimming"}, "limit": {"7"}, "sort": {"name"}, "lang": {"en"}})
		first := search(t, p.Do(t, "GET", path, "", nil))
		page := first
		for {
			for _, it := range page.Items {
				if seen[it.ID] {
					t.Fatalf("%s twice", it.ID)
				}
				seen[it.ID] = true
			}
			if page.NextCursor == nil {
				break
			}
			page = search(t, p.Do(t, "GET", path+"&cursor="+url.QueryEscape(*page.NextCursor), "", nil))
		}
		if len(seen) != first.Total {
			t.Fatalf("walked %d of %d", len(seen), first.Total)
		}
		// A cursor from one search does not continue another.
		r := p.Do(t, "GET", q(url.Values{"sport": {"running"}, "limit": {"7"}, "sort": {"name"}, "lang": {"en"}, "cursor": {*first.NextCursor}}), "", nil)
		if r.Status != 400 {
			t.Fatalf("cursor reused on another search: %d", r.Status)
		}
	})
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func newProduct(sku string) map[string]any {
	return map[string]any{
		"sku": sku, "name": map[string]string{"ru": "Кроссовки Тест", "en": "Test Shoes"},
		"description": map[string]string{"ru": "Для проверки.", "en": "For testing."},
		"brand_id":    "runvik", "category_id": "running-shoes", "sports": []string{"running"},
		"specs": map[string]any{"weight_g": 250, "drop_mm": 8, "cushioning": "high", "terrain": "road"},
		"sizes": []string{"42", "43"}, "size_system": "EU", "supplier_id": "sup_01",
	}
}

func TestCatalogWrites(t *testing.T) {
	t.Parallel()
	p := start(t)
	created := p.Events(t, "commerce.catalog.product_created.v1")
	updated := p.Events(t, "commerce.catalog.product_updated.v1")
	priced := p.Events(t, "commerce.catalog.price_changed.v1")
	stocked := p.Events(t, "commerce.catalog.stock_changed.v1")
	total := func() int {
		return search(t, p.Do(t, "GET", "/api/v1/commerce/products?limit=1", "", nil)).Total
	}
	before := total()

	run(t, p, []scenario{
		{name: "anonymous create", method: "POST", path: "/api/v1/commerce/products", body: newProduct("TST-0001"), status: 401, code: "unauthenticated"},
		{name: "create without permission", method: "POST", path: "/api/v1/commerce/products", who: shopper, body: newProduct("TST-0001"), status: 403, code: "permission_denied"},
		{name: "malformed json", method: "POST", path: "/api/v1/commerce/products", who: editor, body: `{"sku": `, status: 400, code: "malformed_json"},
		{name: "wrong type", method: "POST", path: "/api/v1/commerce/products", who: editor, body: `{"sku": 5}`, status: 400, code: "validation_failed"},
		{name: "unknown field", method: "POST", path: "/api/v1/commerce/products", who: editor, body: `{"sku": "TST-1", "colour": "red"}`, status: 400, code: "validation_failed"},
		{name: "two values", method: "POST", path: "/api/v1/commerce/products", who: editor, body: `{} {}`, status: 400, code: "malformed_json"},
		{name: "oversized body", method: "POST", path: "/api/v1/commerce/products", who: editor,
			body: `{"sku":"` + strings.Repeat("A", 2<<20) + `"}`, status: 413, code: "body_too_large"},
		{name: "invalid fields", method: "POST", path: "/api/v1/commerce/products", who: editor,
			body: map[string]any{"sku": "bad sku", "name": map[string]string{"ru": "", "en": "x"}, "brand_id": "runvik",
				"category_id": "running-shoes", "sports": []string{"running"}, "specs": map[string]any{"drop_mm": 99, "cushioning": "soft"}},
			status: 400, code: "validation_failed", check: func(t *testing.T, r apptest.Response) {
				for _, f := range []string{"sku", "name.ru", "specs.drop_mm", "specs.cushioning"} {
					if !strings.Contains(string(r.Body), `"field":"`+f+`"`) {
						t.Errorf("no error for %s: %s", f, r.Body)
					}
				}
			}},
		{name: "unknown brand", method: "POST", path: "/api/v1/commerce/products", who: editor,
			body: func() map[string]any { m := newProduct("TST-0002"); m["brand_id"] = "nobrand"; return m }(), status: 400, code: "validation_failed"},
	})
	if n := total(); n != before {
		t.Fatalf("refused writes changed the catalog: %d -> %d products", before, n)
	}

	r := p.Do(t, "POST", "/api/v1/commerce/products", p.token(t, editor), newProduct("TST-0100"))
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var prod catalogapi.Product
	r.JSON(t, &prod)
	if r.Header.Get("Location") != "/api/v1/commerce/products/"+prod.ID || prod.Version != 1 {
		t.Fatalf("created %+v at %s", prod, r.Header.Get("Location"))
	}
	ev := created(prod.ID)
	var pc catalogapi.ProductCreatedV1
	if err := ev.Decode(&pc); err != nil || pc.ProductID != prod.ID || pc.SKU != "TST-0100" || ev.Source != "catalog" || ev.Subject != prod.ID {
		t.Fatalf("event %+v payload %+v err %v", ev, pc, err)
	}
	found := search(t, p.Do(t, "GET", "/api/v1/commerce/products?q=TST-0100", "", nil))
	if found.Total != 1 || found.Items[0].ID != prod.ID {
		t.Fatalf("new product not searchable: %+v", found)
	}
	dup := p.Do(t, "POST", "/api/v1/commerce/products", p.token(t, editor), newProduct("TST-0100"))
	if dup.Status != 409 || !strings.Contains(string(dup.Body), "sku_taken") {
		t.Fatalf("duplicate sku: %d %s", dup.Status, dup.Body)
	}

	upd := newProduct("TST-0100")
	upd["name"] = map[string]string{"ru": "Кроссовки Новые", "en": "New Shoes"}
	upd["version"] = 1
	path := "/api/v1/commerce/products/" + prod.ID
	if r := p.Do(t, "PUT", path, p.token(t, editor), upd); r.Status != 200 {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	if ev := updated(prod.ID); ev.Subject != prod.ID {
		t.Fatalf("update event for %s", ev.Subject)
	}
	if r := p.Do(t, "PUT", path, p.token(t, editor), upd); r.Status != 409 || !strings.Contains(string(r.Body), "version_conflict") {
		t.Fatalf("stale version: %d %s", r.Status, r.Body)
	}

	run(t, p, []scenario{
		{name: "price without permission", method: "PUT", path: path + "/prices", who: shopper,
			body: map[string]any{"region": "RU", "currency": "RUB", "amount_minor": 999000}, status: 403, code: "permission_denied"},
		{name: "negative price", method: "PUT", path: path + "/prices", who: editor,
			body: map[string]any{"region": "RU", "currency": "RUB", "amount_minor": -1}, status: 400, code: "validation_failed"},
		{name: "price of a missing product", method: "PUT", path: "/api/v1/commerce/products/prd_nope/prices", who: editor,
			body: map[string]any{"region": "RU", "currency": "RUB", "amount_minor": 100}, status: 404, code: "product_not_found"},
		{name: "set price", method: "PUT", path: path + "/prices", who: editor,
			body: map[string]any{"region": "RU", "currency": "RUB", "amount_minor": 1299000}, status: 200},
		{name: "stock at unknown location", method: "PUT", path: path + "/stock", who: editor,
			body: map[string]any{"location_id": "nowhere", "quantity": 3}, status: 404, code: "location_not_found"},
		{name: "set stock", method: "PUT", path: path + "/stock", who: editor,
			body: map[string]any{"location_id": "wh-podolsk", "quantity": 7}, status: 200, check: func(t *testing.T, r apptest.Response) {
				var got catalogapi.Product
				r.JSON(t, &got)
				if got.TotalStock != 7 || !got.InStock || got.Price == nil || got.Price.AmountMinor != 1299000 {
					t.Fatalf("after writes: %+v", got.ProductSummary)
				}
			}},
	})
	var pch catalogapi.PriceChangedV1
	if err := priced(prod.ID).Decode(&pch); err != nil || pch.OldAmountMinor != nil || pch.NewAmountMinor != 1299000 {
		t.Fatalf("price event %+v %v", pch, err)
	}
	var sch catalogapi.StockChangedV1
	if err := stocked(prod.ID).Decode(&sch); err != nil || sch.NewQuantity != 7 || sch.TotalStock != 7 || sch.LocationID != "wh-podolsk" {
		t.Fatalf("stock event %+v %v", sch, err)
	}
}

// TestLocalClientMatchesHTTP checks that the in-process client other
// services use answers exactly as the HTTP client through the gateway.
func TestLocalClientMatchesHTTP(t *testing.T) {
	t.Parallel()
	p := start(t)
	remote := catalogapi.NewHTTPClient(p.URL, nil)
	local := p.App.Service(catalog.Name).(*catalog.Service).Client()
	ctx := t.Context()
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if fmt.Sprint(errA) != fmt.Sprint(errB) || string(ja) != string(jb) {
			t.Fatalf("%s differs:\nlocal  %s %v\nremote %s %v", what, ja, errA, jb, errB)
		}
	}
	params := catalogapi.SearchParams{Q: "палатка", Limit: 3, Currency: "EUR", Sort: "price_asc"}
	lp, errL := local.Search(ctx, params)
	rp, errR := remote.Search(ctx, params)
	same("search", lp, rp, errL, errR)
	if errL != nil || lp.Total == 0 {
		t.Fatalf("search: %v %+v", errL, lp)
	}
	lprod, errL := local.Product(ctx, lp.Items[0].ID, "USD", "")
	rprod, errR := remote.Product(ctx, lp.Items[0].ID, "USD", "")
	same("product", lprod, rprod, errL, errR)
	_, errL = local.Product(ctx, "prd_missing", "", "")
	_, errR = remote.Product(ctx, "prd_missing", "", "")
	same("missing product", nil, nil, errL, errR)
	if apperr.KindOf(errL) != apperr.NotFound || !strings.Contains(errL.Error(), "product_not_found") {
		t.Fatalf("missing product: %v", errL)
	}
	lt, errL := local.Taxonomy(ctx)
	rt, errR := remote.Taxonomy(ctx)
	same("taxonomy", lt, rt, errL, errR)
}
