package apitest

import (
	"encoding/json"
	"strings"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func TestValidate(t *testing.T) {
	d := Doc{Schemas: map[string]map[string]any{}}
	if err := json.Unmarshal([]byte(`{
		"Thing": {
			"type": "object",
			"required": ["id", "kind"],
			"additionalProperties": false,
			"properties": {
				"id": {"type": "integer"},
				"kind": {"type": "string", "enum": ["a", "b"]},
				"note": {"type": ["string", "null"]},
				"tags": {"type": "array", "items": {"type": "string"}},
				"extra": {"type": "object", "additionalProperties": {"type": "number"}},
				"parent": {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]},
				"both": {"allOf": [{"required": ["x"]}, {"properties": {"x": {"type": "boolean"}}}]}
			}
		}
	}`), &d.Schemas); err != nil {
		t.Fatal(err)
	}
	thing := map[string]any{"$ref": "#/components/schemas/Thing"}
	for _, c := range []struct {
		body string
		want []string // a substring per expected error; none for a match
	}{
		{`{"id": 1, "kind": "a"}`, nil},
		{`{"id": 1, "kind": "b", "note": null, "tags": ["x"], "extra": {"k": 1.5},
		   "parent": {"id": 2, "kind": "a", "parent": null}, "both": {"x": true}}`, nil},
		{`[]`, []string{"body: []interface {} is not object"}},
		{`{"id": 1.5, "kind": "a"}`, []string{"body.id: float64 is not integer"}},
		{`{"id": 1e30, "kind": "a"}`, []string{"body.id: float64 is not integer"}},
		{`{"id": 1, "kind": "c"}`, []string{"body.kind: c not in enum"}},
		{`{"kind": "a"}`, []string{"body: missing required id"}},
		{`{"id": 1, "kind": "a", "other": 1}`, []string{"body: undocumented property other"}},
		{`{"id": 1, "kind": "a", "note": 3}`, []string{"body.note: float64 is not [string null]"}},
		{`{"id": 1, "kind": "a", "tags": [1]}`, []string{"body.tags[0]: float64 is not string"}},
		{`{"id": 1, "kind": "a", "extra": {"k": "v"}}`, []string{"body.extra.k: string is not number"}},
		{`{"id": 1, "kind": "a", "parent": {"id": 2}}`, []string{"body.parent: matches 0 of oneOf"}},
		{`{"id": 1, "kind": "a", "both": {"x": 1}}`, []string{"body.both.x: float64 is not boolean"}},
		{`{"id": 1, "kind": "a", "both": {}}`, []string{"body.both: missing required x"}},
	} {
		errs := d.Validate(thing, decode(t, c.body), "body")
		if len(errs) != len(c.want) {
			t.Errorf("%s: got %q, want %q", c.body, errs, c.want)
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(errs[i], w) {
				t.Errorf("%s: got %q, want %q", c.body, errs[i], w)
			}
		}
	}
	if errs := d.Validate(map[string]any{"$ref": "#/components/schemas/Nothing"}, nil, "x"); len(errs) != 1 {
		t.Errorf("unknown $ref: %q", errs)
	}
	if errs := d.Validate(map[string]any{"type": "strnig"}, "s", "x"); len(errs) != 1 {
		t.Errorf("unknown type: %q", errs)
	}
}

func TestCheckResponse(t *testing.T) {
	d := Load(t)
	const path = "/api/v1/commerce/products/{id}"
	if _, ok := d.Paths[path]["get"]; !ok {
		t.Fatalf("the document has no GET %s to test with", path)
	}
	problem := `{"type": "about:blank", "title": "Not Found", "status": 404, "code": "product_not_found"}`
	if err := d.CheckResponse("GET", path, 404, "application/problem+json", []byte(problem)); err != nil {
		t.Errorf("a problem document: %v", err)
	}
	if err := d.CheckResponse("GET", path, 304, "", nil); err != nil {
		t.Errorf("a 304: %v", err)
	}
	for _, c := range []struct {
		status   int
		ct, body string
	}{
		{404, "application/problem+json", `{"title": 404}`},
		{404, "text/plain", "not found"},
		{299, "application/json", "{}"},
		{200, "application/json", "[]"},
		{304, "application/json", "{}"},
	} {
		if err := d.CheckResponse("GET", path, c.status, c.ct, []byte(c.body)); err == nil {
			t.Errorf("%d %s %s passed", c.status, c.ct, c.body)
		}
	}
	if err := d.CheckResponse("GET", "/nowhere", 200, "application/json", []byte("{}")); err == nil {
		t.Error("an undocumented path passed")
	}
}
