package app

import (
	"strings"
	"testing"
)

func names(mods []module) string {
	out := make([]string, len(mods))
	for i, m := range mods {
		out[i] = m.name
	}
	return strings.Join(out, ",")
}

func TestResolveTargets(t *testing.T) {
	cases := []struct {
		targets []string
		want    string
		err     string
	}{
		{targets: []string{"all"}, want: "bus,access,auth,catalog,revocations,devices,notify,profiles,progress,settings,tracker,gateway,server"},
		{targets: []string{"training"}, want: "bus,progress,revocations,tracker,server"},
		{targets: []string{"catalog"}, want: "bus,catalog,revocations,server"},
		{targets: []string{"gateway"}, want: "bus,revocations,gateway,server"},
		{targets: []string{"commerce", "platform"}, want: "bus,catalog,notify,revocations,gateway,server"},
		{targets: []string{"user"}, want: "bus,auth,profiles,revocations,settings,server"},
		{targets: []string{" Catalog "}, want: "bus,catalog,revocations,server"},
		{targets: []string{"orders"}, err: `unknown target "orders"`},
		{targets: []string{"social"}, err: `target "social" is a domain group with no services built yet`},
		{targets: []string{"bus"}, err: `unknown target "bus"`}, // infrastructure is not a target
	}
	for _, tc := range cases {
		got, err := resolve(registry(), tc.targets)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err = %v, want %q", tc.targets, err, tc.err)
			}
			continue
		}
		if err != nil || names(got) != tc.want {
			t.Errorf("%v: %s (%v), want %s", tc.targets, names(got), err, tc.want)
		}
	}
}

func TestResolveRefusesCyclesAndUnknownDependencies(t *testing.T) {
	mods := []module{
		{name: "a", group: "user", deps: []string{"b"}},
		{name: "b", group: "user", deps: []string{"a"}},
		{name: "c", group: "social", deps: []string{"ghost"}},
	}
	if _, err := resolve(mods, []string{"a"}); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Fatalf("cycle: %v", err)
	}
	if _, err := resolve(mods, []string{"c"}); err == nil || !strings.Contains(err.Error(), "ghost") {
		t.Fatalf("unknown dependency: %v", err)
	}
}

func TestTargetsListGroupsWithServicesOnly(t *testing.T) {
	var got []string
	for _, tg := range Targets() {
		got = append(got, tg.Name)
	}
	if strings.Join(got, ",") != "all,user,training,integrations,admin,commerce,platform,access,auth,catalog,devices,gateway,notify,profiles,progress,settings,tracker" {
		t.Fatalf("targets = %v", got)
	}
}

func TestConfigValidation(t *testing.T) {
	c := DefaultConfig()
	c.HTTP.Addr = "8080"
	c.Database.DSN = "mysql://x"
	c.Redis.URL = "localhost:6379"
	c.Log.Level = "loud"
	c.Gateway.RateLimit = -1
	err := c.Prepare()
	if err == nil {
		t.Fatal("invalid configuration accepted")
	}
	for _, key := range []string{"http.addr", "database.dsn", "redis.url", "log", "rate_limit"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error does not name %s:\n%v", key, err)
		}
	}
	d := DefaultConfig()
	if err := d.Prepare(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if d.Bus.DataDir == "" {
		t.Fatal("embedded bus has no data dir")
	}
}
