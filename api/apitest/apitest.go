// Package apitest checks HTTP answers against SportHub's OpenAPI document
// in tests: it loads the merged document (api.OpenAPI) or one service's
// fragment, finds the schema an operation documents for a status and
// content type, and validates JSON against it.
//
// The validator knows the JSON Schema subset the document uses: type (a
// name or a list of names, "null" included), enum, required, properties,
// additionalProperties (false or a schema), items, allOf, oneOf and $ref to
// #/components/schemas. Other keywords (format, minimum, pattern, …) are
// not checked.
package apitest

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"reflect"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/api"
)

// Doc is the part of an OpenAPI document the checks read.
type Doc struct {
	// Paths maps a path template to its operations by lower-case HTTP
	// method; path-level keys such as "parameters" are left out.
	Paths map[string]map[string]Operation
	// Schemas and Responses are components.schemas and components.responses.
	Schemas   map[string]map[string]any
	Responses map[string]map[string]any
}

// Operation is the part of an operation object the checks read.
type Operation struct {
	Security  []map[string]any          `json:"security"`
	Responses map[string]map[string]any `json:"responses"`
}

var methods = map[string]bool{
	"get": true, "put": true, "post": true, "delete": true,
	"options": true, "head": true, "patch": true, "trace": true,
}

// Load parses the merged document, api.OpenAPI.
func Load(t testing.TB) Doc {
	t.Helper()
	d, err := parse(api.OpenAPI)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return d
}

// Fragment parses one service's fragment, api/openapi/<name> (for example
// "profiles.json"), with the shared schemas and responses of 00-base.json
// added to its components, so that everything it refers to resolves.
func Fragment(t testing.TB, name string) Doc {
	t.Helper()
	read := func(name string) Doc {
		t.Helper()
		b, err := api.Fragments.ReadFile("openapi/" + name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := parse(b)
		if err != nil {
			t.Fatalf("openapi/%s: %v", name, err)
		}
		return d
	}
	d, base := read(name), read("00-base.json")
	for k, v := range base.Schemas {
		d.Schemas[k] = v
	}
	for k, v := range base.Responses {
		d.Responses[k] = v
	}
	return d
}

func parse(b []byte) (Doc, error) {
	var raw struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas   map[string]map[string]any `json:"schemas"`
			Responses map[string]map[string]any `json:"responses"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return Doc{}, err
	}
	d := Doc{
		Paths:     map[string]map[string]Operation{},
		Schemas:   map[string]map[string]any{},
		Responses: map[string]map[string]any{},
	}
	for path, item := range raw.Paths {
		ops := map[string]Operation{}
		for method, b := range item {
			if !methods[method] {
				continue
			}
			var op Operation
			if err := json.Unmarshal(b, &op); err != nil {
				return Doc{}, fmt.Errorf("%s %s: %w", method, path, err)
			}
			ops[method] = op
		}
		d.Paths[path] = ops
	}
	for k, v := range raw.Components.Schemas {
		d.Schemas[k] = v
	}
	for k, v := range raw.Components.Responses {
		d.Responses[k] = v
	}
	return d, nil
}

// CheckResponse checks an answer of operation method path (the document's
// path template) against the document: its status must be documented; a
// documented response without content must come without a body; otherwise
// the content type must be documented for that status and, for JSON (a
// media type application/json or …+json), the body must match the schema.
// It returns nil when the answer matches, otherwise an error naming every
// mismatch, one a line.
func (d Doc) CheckResponse(method, path string, status int, contentType string, body []byte) error {
	op, ok := d.Paths[path][strings.ToLower(method)]
	if !ok {
		return fmt.Errorf("%s %s undocumented", method, path)
	}
	resp, ok := op.Responses[fmt.Sprint(status)]
	if !ok {
		return fmt.Errorf("status %d undocumented", status)
	}
	if ref, ok := resp["$ref"].(string); ok {
		resp, ok = d.Responses[strings.TrimPrefix(ref, "#/components/responses/")]
		if !ok {
			return fmt.Errorf("status %d: unknown $ref %s", status, ref)
		}
	}
	content, _ := resp["content"].(map[string]any)
	if len(content) == 0 {
		if len(body) > 0 {
			return fmt.Errorf("status %d documents no content, got %d bytes of %q", status, len(body), contentType)
		}
		return nil
	}
	ct, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("status %d: content type %q: %v", status, contentType, err)
	}
	media, ok := content[ct].(map[string]any)
	if !ok {
		return fmt.Errorf("content type %s undocumented for %d", ct, status)
	}
	schema, _ := media["schema"].(map[string]any)
	if schema == nil || ct != "application/json" && !strings.HasSuffix(ct, "+json") {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("decode %s body: %v", ct, err)
	}
	if errs := d.Validate(schema, v, "body"); len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	return nil
}

// Validate checks v, a value as encoding/json decodes it into an any,
// against schema and returns a line per mismatch, each starting with the
// place in v (at, then .property and [index]); none when v matches.
func (d Doc) Validate(schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		s, ok := d.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if !ok || !strings.HasPrefix(ref, "#/components/schemas/") {
			return []string{at + ": unknown $ref " + ref}
		}
		return d.Validate(s, v, at)
	}
	var errs []string
	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			errs = append(errs, d.Validate(s.(map[string]any), v, at)...)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		matched := 0
		for _, s := range one {
			if len(d.Validate(s.(map[string]any), v, at)) == 0 {
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
			found = found || reflect.DeepEqual(e, v)
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum %v", at, v, enum))
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
				errs = append(errs, d.Validate(ps, val, at+"."+k)...)
			} else if more, ok := schema["additionalProperties"].(map[string]any); ok {
				errs = append(errs, d.Validate(more, val, at+"."+k)...)
			} else if schema["additionalProperties"] == false {
				errs = append(errs, at+": undocumented property "+k)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				errs = append(errs, d.Validate(items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

// typeOK reports whether v is of the JSON Schema type typ, a name or a list
// of names. An integer is a number without a fraction that fits an int64.
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
	return false // a type the validator does not know: fix the document
}
