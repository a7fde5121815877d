package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// Fragments holds the document's parts: 00-base.json (info, shared
// responses and schemas, security schemes) and one file per service with
// its tags, paths and schemas. Each service owns its fragment, so services
// document their routes without editing a shared file.
//
//go:embed openapi/*.json
var Fragments embed.FS

// Merge joins the fragments into one OpenAPI document: the base file's
// top level, every fragment's tags in file order, and the union of paths
// and components. A path or component defined twice differently is an
// error, so two services cannot silently claim the same name.
func Merge(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "openapi/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	if len(names) == 0 || path.Base(names[0]) != "00-base.json" {
		return nil, fmt.Errorf("merge openapi: want openapi/00-base.json first, got %v", names)
	}
	var doc map[string]any
	tags := []any{}
	paths := map[string]any{}
	components := map[string]map[string]any{}
	for i, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var frag map[string]any
		if err := json.Unmarshal(b, &frag); err != nil {
			return nil, fmt.Errorf("merge openapi: %s: %w", name, err)
		}
		if i == 0 {
			doc = frag
		}
		if t, ok := frag["tags"].([]any); ok {
			tags = append(tags, t...)
		}
		if p, ok := frag["paths"].(map[string]any); ok {
			for k, v := range p {
				if err := put(paths, k, v, name, "path"); err != nil {
					return nil, err
				}
			}
		}
		if c, ok := frag["components"].(map[string]any); ok {
			for kind, entries := range c {
				m, ok := entries.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("merge openapi: %s: components.%s is not an object", name, kind)
				}
				if components[kind] == nil {
					components[kind] = map[string]any{}
				}
				for k, v := range m {
					if err := put(components[kind], k, v, name, "components."+kind); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	doc["tags"] = tags
	doc["paths"] = paths
	comp := map[string]any{}
	for k, v := range components {
		comp[k] = v
	}
	doc["components"] = comp
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func put(m map[string]any, k string, v any, file, what string) error {
	if old, ok := m[k]; ok {
		a, _ := json.Marshal(old)
		b, _ := json.Marshal(v)
		if !bytes.Equal(a, b) {
			return fmt.Errorf("merge openapi: %s %q in %s differs from an earlier fragment", what, k, file)
		}
	}
	m[k] = v
	return nil
}
