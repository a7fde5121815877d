package profiles_test

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
)

// scenario is one request and what must come of it. Paths may name users
// as {owner}, {follower}, ...; events lists the event types (profile events
// or notification types) the request publishes, each once; any other event
// or notification published during the table fails it.
type scenario struct {
	name   string
	who    string
	method string
	path   string
	body   any
	status int
	code   string // problem code for errors
	events []string
	check  func(t *testing.T, r response)
}

// tally counts the published events by type, notification requests by
// their notification type.
func (f *fixture) tally(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, ev := range f.events(t, "user.profiles.>") {
		out[ev.Type]++
	}
	for _, ev := range f.events(t, "platform.notify.requested.v1") {
		var req struct{ Type string }
		if err := ev.Decode(&req); err != nil {
			t.Fatal(err)
		}
		out[req.Type]++
	}
	return out
}

// drained waits until the relay has published every committed event.
func (f *fixture) drained(t *testing.T) {
	t.Helper()
	eventually(t, "the outbox drains", func() bool {
		var n int
		if err := f.db.SQL.QueryRow(`SELECT COUNT(*) FROM bus_outbox`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}

func run(t *testing.T, f *fixture, cases []scenario) {
	t.Helper()
	f.drained(t)
	want := f.tally(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := f.do(t, tc.who, tc.method, replace(tc.path, f.users), tc.body)
			if r.status != tc.status {
				t.Fatalf("status = %d, want %d; body: %s", r.status, tc.status, r.body)
			}
			if tc.status >= 400 {
				if ct := r.header.Get("Content-Type"); ct != web.ProblemContentType {
					t.Fatalf("content type %q, want problem+json", ct)
				}
				var pr web.Problem
				r.json(t, &pr)
				if pr.Code != tc.code || pr.Status != tc.status || pr.RequestID == "" {
					t.Fatalf("problem = %+v, want code %q", pr, tc.code)
				}
			}
			for _, typ := range tc.events {
				want[typ]++
			}
			eventually(t, "events "+fmtCounts(want), func() bool { return covers(f.tally(t), want) })
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
	// Everything committed is published: demand exactly the expected events.
	f.drained(t)
	if got := f.tally(t); !maps.Equal(got, want) {
		t.Fatalf("published %v, want %v", fmtCounts(got), fmtCounts(want))
	}
}

func covers(got, want map[string]int) bool {
	for k, n := range want {
		if got[k] < n {
			return false
		}
	}
	return true
}

func fmtCounts(m map[string]int) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] > 0 {
			out = append(out, k+"="+strconv.Itoa(m[k]))
		}
	}
	return strings.Join(out, " ")
}
