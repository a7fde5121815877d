package gateway_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/api"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/gateway"
)

type openAPI struct {
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas   map[string]map[string]any `json:"schemas"`
		Responses map[string]map[string]any `json:"responses"`
	} `json:"components"`
}

type operation struct {
	Security  []map[string]any          `json:"security"`
	Responses map[string]map[string]any `json:"responses"`
}

func loadSpec(t *testing.T) openAPI {
	var doc openAPI
	if err := json.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIMatchesRoutes keeps the document in step with the routes the
// gateway serves: the same method+path pairs, and the same answer to "may
// an anonymous caller use it".
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadSpec(t)
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

// validate checks v against a JSON Schema subset (type, required,
// properties, additionalProperties false, items, enum, $ref, allOf, oneOf).
func validate(doc openAPI, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, ok := doc.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown $ref " + ref}
		}
		return validate(doc, s, v, at)
	}
	var errs []string
	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			errs = append(errs, validate(doc, s.(map[string]any), v, at)...)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		matched := 0
		for _, s := range one {
			if len(validate(doc, s.(map[string]any), v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of oneOf", at, matched))
		}
	}
	if typ, ok := schema["type"]; ok && !typeOK(typ, v) {
		return append(errs, fmt.Sprintf("%s: %T is not %v", at, v, typ))
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum", at, v))
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for _, r := range asList(schema["required"]) {
			if _, ok := x[r]; !ok {
				errs = append(errs, at+": missing required "+r)
			}
		}
		for k, val := range x {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(doc, ps, val, at+"."+k)...)
			} else if schema["additionalProperties"] == false {
				errs = append(errs, at+": unexpected property "+k)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				errs = append(errs, validate(doc, items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func asList(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, s := range l {
		out = append(out, s.(string))
	}
	return out
}

func typeOK(typ any, v any) bool {
	if list, ok := typ.([]any); ok {
		for _, t := range list {
			if typeOK(t, v) {
				return true
			}
		}
		return false
	}
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "number":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return true
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestResponsesMatchTheDocument calls every anonymous GET route with real
// data and checks each answer (success and error) against its schema.
func TestResponsesMatchTheDocument(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t)
	doc := loadSpec(t)
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
		op, ok := doc.Paths[c.path]["get"]
		if !ok {
			t.Fatalf("GET %s undocumented", c.path)
		}
		resp, ok := op.Responses[fmt.Sprint(r.Status)]
		if !ok {
			t.Errorf("GET %s?%s answered %d, which is not documented", path, c.query, r.Status)
			continue
		}
		if ref, ok := resp["$ref"].(string); ok {
			resp = doc.Components.Responses[strings.TrimPrefix(ref, "#/components/responses/")]
		}
		content, _ := resp["content"].(map[string]any)
		media, ok := content[strings.Split(r.Header.Get("Content-Type"), ";")[0]].(map[string]any)
		if !ok {
			t.Errorf("GET %s: content type %s undocumented for %d", path, r.Header.Get("Content-Type"), r.Status)
			continue
		}
		var body any
		r.JSON(t, &body)
		if errs := validate(doc, media["schema"].(map[string]any), body, "body"); len(errs) > 0 {
			t.Errorf("GET %s?%s (%d) does not match the document:\n%s", path, c.query, r.Status, strings.Join(errs, "\n"))
		}
	}
	if r := p.Do(t, "GET", "/api/openapi.json", "", nil); r.Status != 200 || string(r.Body) != string(api.OpenAPI) {
		t.Fatalf("/api/openapi.json: %d", r.Status)
	}
	if r := p.Do(t, "GET", "/api/docs", "", nil); r.Status != 200 || !strings.Contains(string(r.Body), "openapi.json") {
		t.Fatalf("/api/docs: %d", r.Status)
	}
}
