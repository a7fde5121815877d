package tracker_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/api"
)

// spec is the part of the OpenAPI document the check reads.
type spec struct {
	Paths      map[string]map[string]specOp `json:"paths"`
	Components struct {
		Schemas   map[string]map[string]any `json:"schemas"`
		Responses map[string]map[string]any `json:"responses"`
	} `json:"components"`
}

type specOp struct {
	Responses map[string]map[string]any `json:"responses"`
}

func loadSpec(t *testing.T) spec {
	t.Helper()
	var s spec
	if err := json.Unmarshal(api.OpenAPI, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// check validates v against a JSON Schema subset: type, required,
// properties, additionalProperties false, items, enum, $ref, oneOf.
func (s spec) check(schema map[string]any, v any, at string) []string {
	if r, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/components/schemas/")
		sub, ok := s.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown " + r}
		}
		return s.check(sub, v, at)
	}
	if one, ok := schema["oneOf"].([]any); ok {
		n := 0
		for _, o := range one {
			if len(s.check(o.(map[string]any), v, at)) == 0 {
				n++
			}
		}
		if n != 1 {
			return []string{fmt.Sprintf("%s: matches %d of oneOf", at, n)}
		}
	}
	if typ, ok := schema["type"]; ok && !typeIs(typ, v) {
		return []string{fmt.Sprintf("%s: %T is not %v", at, v, typ)}
	}
	var errs []string
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in %v", at, v, enum))
		}
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := x[r.(string)]; !ok {
				errs = append(errs, at+": missing "+r.(string))
			}
		}
		for k, val := range x {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, s.check(ps, val, at+"."+k)...)
			} else if schema["additionalProperties"] == false {
				errs = append(errs, at+": undocumented property "+k)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				errs = append(errs, s.check(items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func typeIs(typ, v any) bool {
	if list, ok := typ.([]any); ok {
		for _, t := range list {
			if typeIs(t, v) {
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

// TestResponsesMatchOpenAPI calls every JSON route of the tracker and
// checks each answer, success and error, against the document the web
// app's client is generated from.
func TestResponsesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	f := start(t)
	f.user("ann")
	cat := f.user("cat")
	f.follow(t, "cat", "ann")
	f.zone(t, "ann", homeLat, homeLon, zoneRadius)
	actID, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(time.Now().Add(-time.Hour), 300), "import")
	if err != nil {
		t.Fatal(err)
	}
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"enabled": true, "contacts": []string{cat}}, 200)
	s := f.startSession(t, "ann")
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-time.Minute), 20))
	var share struct{ ID, Token string }
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", map[string]int{"expires_in_s": 300}, 201).json(t, &share)

	calls := []struct {
		who, method, pattern, path string
		body                       any
	}{
		{"ann", "GET", "/sessions/current", "/sessions/current", nil},
		{"ann", "GET", "/sessions/{id}", "/sessions/" + s.ID, nil},
		{"cat", "GET", "/sessions/{id}", "/sessions/" + s.ID, nil},
		{"ann", "POST", "/sessions/{id}/watch-tickets", "/sessions/" + s.ID + "/watch-tickets", nil},
		{"ann", "GET", "/sessions/{id}/shares", "/sessions/" + s.ID + "/shares", nil},
		{"", "GET", "/shared/{token}", "/shared/" + share.Token, nil},
		{"", "GET", "/shared/{token}", "/shared/" + strings.Repeat("x", 43), nil},
		{"ann", "POST", "/sessions/{id}/pause", "/sessions/" + s.ID + "/pause", nil},
		{"ann", "POST", "/sessions/{id}/resume", "/sessions/" + s.ID + "/resume", nil},
		{"ann", "POST", "/sessions/{id}/sos", "/sessions/" + s.ID + "/sos", nil},
		{"ann", "POST", "/sessions", "/sessions", map[string]string{"sport": "running"}},
		{"ann", "POST", "/sessions", "/sessions", map[string]string{"sport": "chess"}},
		{"ann", "POST", "/sessions/{id}/finish", "/sessions/" + s.ID + "/finish", nil},
		{"ann", "GET", "/me/safety", "/me/safety", nil},
		{"ann", "PUT", "/me/safety", "/me/safety", map[string]any{"stop_alert_after_s": 5}},
		{"ann", "GET", "/activities", "/activities", nil},
		{"cat", "GET", "/activities", "/activities?user_id=" + f.users["ann"], nil},
		{"ann", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"cat", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"ann", "GET", "/activities/{id}/streams", "/activities/" + actID + "/streams", nil},
		{"cat", "GET", "/activities/{id}/streams", "/activities/" + actID + "/streams", nil},
		{"ann", "PATCH", "/activities/{id}", "/activities/" + actID, map[string]any{"description": "x", "gear_id": nil}},
		{"ann", "POST", "/activities/{id}/recompute", "/activities/" + actID + "/recompute", nil},
		{"ann", "GET", "/glance", "/glance?tz=Europe/Moscow", nil},
		{"ann", "GET", "/activities/{id}/route", "/activities/" + actID + "/route", nil},
		{"cat", "DELETE", "/activities/{id}", "/activities/" + actID, nil},
	}
	for _, c := range calls {
		r := f.do(t, c.who, c.method, base+c.path, c.body)
		op, ok := doc.Paths[base+c.pattern][strings.ToLower(c.method)]
		if !ok {
			t.Fatalf("%s %s undocumented", c.method, c.pattern)
		}
		resp, ok := op.Responses[fmt.Sprint(r.status)]
		if !ok {
			t.Errorf("%s %s answered %d, not documented: %s", c.method, c.path, r.status, r.body)
			continue
		}
		if ref, ok := resp["$ref"].(string); ok {
			resp = doc.Components.Responses[strings.TrimPrefix(ref, "#/components/responses/")]
		}
		ct := strings.Split(r.header.Get("Content-Type"), ";")[0]
		content, _ := resp["content"].(map[string]any)
		media, ok := content[ct].(map[string]any)
		if !ok {
			t.Errorf("%s %s: %s undocumented for %d", c.method, c.path, ct, r.status)
			continue
		}
		var body any
		r.json(t, &body)
		if errs := doc.check(media["schema"].(map[string]any), body, "body"); len(errs) > 0 {
			t.Errorf("%s %s (%d): %v", c.method, c.path, r.status, errs)
		}
	}

	// Live messages.
	live := doc.Components.Schemas["TrackerLiveMessage"]
	s2 := f.startSession(t, "ann")
	c := f.watch(t, "ann", s2.ID)
	f.ingest(t, "ann", s2.ID, track(time.Now(), 3))
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s2.ID+"/discard", nil, 200)
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, b, err := c.Read(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		if errs := doc.check(live, v, "message"); len(errs) > 0 {
			t.Errorf("live message %s: %v", b, errs)
		}
	}
}
