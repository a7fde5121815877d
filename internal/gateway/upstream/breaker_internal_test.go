package upstream

import (
	"strings"
	"testing"
	"time"
)

func TestBreakerStateMachine(t *testing.T) {
	now := time.Unix(1000, 0)
	var changes []string
	b := newBreaker(2, 10*time.Second, func() time.Time { return now }, func(from, to BreakerState) {
		changes = append(changes, from.String()+">"+to.String())
	})
	allow := func(wantOK, wantTrial bool) {
		t.Helper()
		if ok, trial := b.allow(); ok != wantOK || trial != wantTrial {
			t.Fatalf("allow() = %v, %v; want %v, %v (state %s)", ok, trial, wantOK, wantTrial, b.State())
		}
	}

	allow(true, false)
	b.failure(false)
	allow(true, false)
	b.success(false) // a success resets the streak
	b.failure(false)
	if b.State() != Closed {
		t.Fatalf("state = %s after non-consecutive failures, want closed", b.State())
	}
	b.failure(false)
	if b.State() != Open || b.ready() || b.reopensIn() != 10*time.Second {
		t.Fatalf("state %s ready %v reopensIn %s; want open for 10s", b.State(), b.ready(), b.reopensIn())
	}
	allow(false, false)

	now = now.Add(10 * time.Second)
	allow(true, true)   // the trial
	allow(false, false) // only one at a time
	b.success(false)    // a late answer from before the opening decides nothing
	b.failure(false)
	if b.State() != HalfOpen {
		t.Fatalf("state = %s, want half_open until the trial answers", b.State())
	}
	b.release(true) // the trial's client left: another may try
	allow(true, true)
	b.failure(true)
	allow(false, false)

	now = now.Add(10 * time.Second)
	allow(true, true)
	b.success(true)
	allow(true, false)
	want := "closed>open open>half_open half_open>open open>half_open half_open>closed"
	if got := strings.Join(changes, " "); got != want {
		t.Fatalf("transitions = %s\nwant %s", got, want)
	}
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{URLs: []string{"http://10.0.0.1:8081", "https://b:8443/"}}).Validate(); err != nil {
		t.Fatalf("valid config: %v", err)
	}
	bad := []Config{
		{},
		{URLs: []string{"ftp://a"}},
		{URLs: []string{"http://a/prefix"}},
		{URLs: []string{"http://a?x=1"}},
		{URLs: []string{"http://a", "http://a"}},
		{URLs: []string{"http://a"}, Timeout: -1},
		{URLs: []string{"http://a"}, HealthPath: "healthz"},
		{URLs: []string{"http://a"}, MaxAttempts: -1},
		{URLs: []string{"http://a"}, BreakerFailures: -1},
		{URLs: []string{"http://a"}, BreakerCooldown: -1},
		{URLs: []string{"http://a"}, HealthInterval: -1},
	}
	for _, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", c)
		}
	}
	d := Config{}.withDefaults()
	if d.Timeout != 10*time.Second || d.HealthPath != "/healthz" || d.HealthInterval != 2*time.Second ||
		d.MaxAttempts != 3 || d.BreakerFailures != 5 || d.BreakerCooldown != 5*time.Second {
		t.Fatalf("defaults = %+v", d)
	}
}
