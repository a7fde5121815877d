package gateway_test

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/api"
	"github.com/sporthub/sporthub/api/apitest"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/gateway"
)

// TestOpenAPIMatchesRoutes keeps the document in step with the routes the
// gateway serves: the same method+path pairs, and the same answer to "may
// an anonymous caller use it".
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := apitest.Load(t)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			key := strings.ToUpper(method) + " " + path
			anon := false
			for _, s := range op.Security {
				if len(s) == 0 {
					anon = true
				}
			}
			documented[key] = anon
		}
	}
	served := map[string]bool{}
	for _, r := range gateway.PublicRoutes() {
		served[r.Pattern] = r.Anonymous
	}
	var missing, extra, mismatch []string
	for k, anon := range served {
		d, ok := documented[k]
		switch {
		case !ok:
			missing = append(missing, k)
		case d != anon:
			mismatch = append(mismatch, fmt.Sprintf("%s (served anonymous=%v)", k, anon))
		}
	}
	for k := range documented {
		if _, ok := served[k]; !ok {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra)+len(mismatch) > 0 {
		t.Fatalf("openapi.json out of step with the routes:\nundocumented: %v\ndocumented but not served: %v\nsecurity differs: %v", missing, extra, mismatch)
	}
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestResponsesMatchTheDocument calls every anonymous GET route with real
// data and checks each answer (success and error) against its schema.
func TestResponsesMatchTheDocument(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t)
	doc := apitest.Load(t)
	var search struct {
		Items []struct {
			ID       string `json:"id"`
			ImageURL string `json:"image_url"`
		} `json:"items"`
	}
	p.Do(t, "GET", "/api/v1/commerce/products?limit=1", "", nil).JSON(t, &search)
	id := search.Items[0].ID
	calls := []struct{ path, query string }{
		{"/api/v1/commerce/taxonomy", ""},
		{"/api/v1/commerce/locations", ""},
		{"/api/v1/commerce/products", "q=" + url.QueryEscape("велосипед") + "&sort=price_asc&limit=5"},
		{"/api/v1/commerce/products", "currency=KZT&in_stock=true"},
		{"/api/v1/commerce/products", "limit=oops"},
		{"/api/v1/commerce/products/{id}", "currency=USD"},
		{"/api/v1/commerce/products/{id}", "currency=XXX"},
	}
	for _, c := range calls {
		path := pathParam.ReplaceAllString(c.path, id)
		r := p.Do(t, "GET", path+"?"+c.query, "", nil)
		if err := doc.CheckResponse("GET", c.path, r.Status, r.Header.Get("Content-Type"), r.Body); err != nil {
			t.Errorf("GET %s?%s (%d) does not match the document:\n%v", path, c.query, r.Status, err)
		}
	}
	if r := p.Do(t, "GET", "/api/openapi.json", "", nil); r.Status != 200 || string(r.Body) != string(api.OpenAPI) {
		t.Fatalf("/api/openapi.json: %d", r.Status)
	}
	if r := p.Do(t, "GET", "/api/docs", "", nil); r.Status != 200 || !strings.Contains(string(r.Body), "openapi.json") {
		t.Fatalf("/api/docs: %d", r.Status)
	}
}
