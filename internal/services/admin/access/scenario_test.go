package access_test

import (
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// scenario is one request and what must come back; events counts the
// events of each type the request must emit (types not named: none).
type scenario struct {
	name   string
	who    caller
	method string
	path   string
	body   any
	status int
	code   string   // problem code for errors
	fields []string // field errors the problem must name
	check  func(t *testing.T, r response)
	events map[string]int
}

// eventTypes are the types scenarios count.
var eventTypes = []string{accessapi.EventRoleSaved, accessapi.EventRoleDeleted, accessapi.EventGrantsChanged,
	accessapi.EventUserBlocked, accessapi.EventUserUnblocked, accessapi.EventUserUnlocked, notifyapi.EventRequested}

func (f *fixture) counts(t *testing.T) map[string]int {
	f.settled(t)
	out := map[string]int{}
	for _, typ := range eventTypes {
		out[typ] = len(f.events(t, typ))
	}
	return out
}

func (f *fixture) run(t *testing.T, cases []scenario) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.counts(t)
			r := f.do(t, tc.method, accessapi.BasePath+tc.path, f.token(t, tc.who), tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				var p web.Problem
				r.json(t, &p)
				if p.Code != tc.code || r.Header.Get("Content-Type") != web.ProblemContentType {
					t.Fatalf("problem %+v, want code %s", p, tc.code)
				}
				for _, field := range tc.fields {
					found := false
					for _, e := range p.Errors {
						found = found || e.Field == field
					}
					if !found {
						t.Errorf("no error for %s in %+v", field, p.Errors)
					}
				}
			}
			if tc.check != nil {
				f.settled(t) // the events the check reads are published
				tc.check(t, r)
			}
			after := f.counts(t)
			for _, typ := range eventTypes {
				if got := after[typ] - before[typ]; got != tc.events[typ] {
					t.Errorf("%d %s events, want %d", got, typ, tc.events[typ])
				}
			}
		})
	}
}

// ev builds an events map from type/count pairs.
func ev(pairs ...any) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(pairs); i += 2 {
		out[pairs[i].(string)] = pairs[i+1].(int)
	}
	return out
}

// detail decodes a UserDetail answer.
func detail(t *testing.T, r response) accessapi.UserDetail {
	t.Helper()
	var d accessapi.UserDetail
	r.json(t, &d)
	return d
}

// lastEvent decodes the newest event of typ into v and returns its subject.
func (f *fixture) lastEvent(t *testing.T, typ string, v any) string {
	t.Helper()
	evs := f.events(t, typ)
	if len(evs) == 0 {
		t.Fatalf("no %s event", typ)
	}
	e := evs[len(evs)-1]
	if err := e.Decode(v); err != nil {
		t.Fatal(err)
	}
	return e.Subject
}
