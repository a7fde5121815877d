package progress_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/api"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

type openAPI struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	Security  []map[string]any          `json:"security"`
	Responses map[string]map[string]any `json:"responses"`
}

// fragment reads the service's OpenAPI fragment with the base file's schemas.
func fragment(t *testing.T) openAPI {
	t.Helper()
	var doc, baseDoc openAPI
	for name, dst := range map[string]*openAPI{"openapi/progress.json": &doc, "openapi/00-base.json": &baseDoc} {
		b, err := api.Fragments.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, dst); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for k, v := range baseDoc.Components.Schemas {
		doc.Components.Schemas[k] = v
	}
	return doc
}

func (d openAPI) op(t *testing.T, path, method string) (operation, bool) {
	t.Helper()
	raw, ok := d.Paths[path][strings.ToLower(method)]
	if !ok {
		return operation{}, false
	}
	var op operation
	if err := json.Unmarshal(raw, &op); err != nil {
		t.Fatal(err)
	}
	return op, true
}

func TestOpenAPIFragmentMatchesRoutes(t *testing.T) {
	doc := fragment(t)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			op, _ := doc.op(t, path, method)
			anon := false
			for _, s := range op.Security {
				anon = anon || len(s) == 0
			}
			documented[strings.ToUpper(method)+" "+path] = anon
		}
	}
	for _, r := range progressapi.Routes {
		anon, ok := documented[r.Pattern]
		if !ok || anon != r.Anonymous {
			t.Errorf("%s (anonymous %v) documented=%v anonymous=%v", r.Pattern, r.Anonymous, ok, anon)
		}
		delete(documented, r.Pattern)
	}
	for k := range documented {
		t.Errorf("%s documented but not served", k)
	}
	for name := range doc.Components.Schemas {
		if name != "Problem" && !strings.HasPrefix(name, "Progress") {
			t.Errorf("schema %s: prefix Progress keeps it apart from other services' names", name)
		}
	}
}

// TestResponsesMatchTheDocument drives every route with real data and
// checks each answer against its documented schema.
func TestResponsesMatchTheDocument(t *testing.T) {
	t.Parallel()
	f := start(t)
	me, empty := newUser(), newUser()
	route, startLL := loop(55.75, 37.61, 5000)
	first, second := uuid.NewString(), uuid.NewString()
	f.athlete(t, me, "male", 1988)
	f.complete(t, activity{id: first, user: me, sport: "running", start: at(4), km: 5, movingS: 1500, tss: 40,
		efforts: map[string]float64{"1k": 280, "5k": 1500}, polyline: route, startLL: startLL})
	f.complete(t, activity{id: second, user: me, sport: "running", start: at(1), km: 5, movingS: 1450, tss: 45,
		efforts: map[string]float64{"1k": 270, "5k": 1450}, polyline: route, startLL: startLL})
	f.settled(t)
	doc := fragment(t)
	check := func(user, method, template string, body any, vars ...string) {
		t.Helper()
		path := template
		for i := 0; i+1 < len(vars); i += 2 {
			path = strings.ReplaceAll(path, "{"+vars[i]+"}", vars[i+1])
		}
		r := f.do(t, user, method, base+path, body)
		op, ok := doc.op(t, base+strings.SplitN(template, "?", 2)[0], method)
		if !ok {
			t.Fatalf("%s %s undocumented", method, template)
		}
		resp, ok := op.Responses[fmt.Sprint(r.status)]
		if !ok {
			t.Fatalf("%s %s answered %d, undocumented: %s", method, path, r.status, r.body)
		}
		if _, ok := resp["$ref"].(string); ok {
			if r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%s %s: %d as %s", method, path, r.status, r.header.Get("Content-Type"))
			}
			resp = map[string]any{"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
		}
		ct := strings.Split(r.header.Get("Content-Type"), ";")[0]
		media, ok := resp["content"].(map[string]any)[ct].(map[string]any)
		if !ok {
			t.Fatalf("%s %s: content type %s undocumented for %d", method, path, ct, r.status)
		}
		var v any
		if err := json.Unmarshal(r.body, &v); err != nil {
			t.Fatal(err)
		}
		if errs := validate(doc, media["schema"].(map[string]any), v, "body"); len(errs) > 0 {
			t.Errorf("%s %s (%d) does not match the document:\n%s\n%s", method, path, r.status, strings.Join(errs, "\n"), r.body)
		}
	}
	for _, user := range []string{me, empty} {
		check(user, "GET", "/me/summary", nil)
		check(user, "GET", "/me/fitness?from="+day(6)+"&to="+day(0), nil)
		check(user, "GET", "/me/volume?period=month", nil)
		check(user, "GET", "/me/acwr", nil)
		check(user, "GET", "/me/records", nil)
		check(user, "GET", "/me/predictions", nil)
		check(user, "GET", "/me/settings", nil)
	}
	check(me, "GET", "/me/activities/{id}/comparisons", nil, "id", second)
	check(empty, "GET", "/me/activities/{id}/comparisons", nil, "id", second)
	check("", "GET", "/me/summary", nil)
	check(me, "GET", "/me/fitness?from=x", nil)
	check(me, "PUT", "/me/settings", map[string]any{"share_in_comparisons": true})
	check(me, "PUT", "/me/settings", map[string]any{})
}

// validate checks v against the JSON Schema subset the document uses:
// type, required, properties, additionalProperties false, items, enum,
// oneOf, $ref.
func validate(doc openAPI, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		s, ok := doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if !ok {
			return []string{at + ": unknown $ref " + ref}
		}
		return validate(doc, s, v, at)
	}
	if one, ok := schema["oneOf"].([]any); ok {
		matched := 0
		for _, s := range one {
			if len(validate(doc, s.(map[string]any), v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			return []string{fmt.Sprintf("%s: matches %d of oneOf", at, matched)}
		}
		return nil
	}
	var errs []string
	if typ, ok := schema["type"]; ok && !typeOK(typ, v) {
		return []string{fmt.Sprintf("%s: %T is not %v", at, v, typ)}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum", at, v))
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := x[r.(string)]; !ok {
				errs = append(errs, at+": missing required "+r.(string))
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
