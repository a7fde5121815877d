package ratelimit_test

import (
	"net/http/httptest"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
)

func TestRemoteIPKey(t *testing.T) {
	trusted, err := ratelimit.ParsePrefixes("10.0.0.0/8", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ratelimit.ParsePrefixes("nope"); err == nil {
		t.Fatal("ParsePrefixes accepted garbage")
	}
	plain := ratelimit.RemoteIPKey()
	behindLB := ratelimit.RemoteIPKey(ratelimit.TrustedProxies(trusted...))

	cases := []struct {
		name   string
		remote string
		xff    []string
		plain  string
		lb     string
	}{
		{name: "direct v4", remote: "203.0.113.5:5000", plain: "203.0.113.5", lb: "203.0.113.5"},
		{name: "spoofed header from an untrusted peer", remote: "203.0.113.5:5000", xff: []string{"1.1.1.1"},
			plain: "203.0.113.5", lb: "203.0.113.5"},
		{name: "through the trusted LB", remote: "10.1.2.3:5000", xff: []string{"198.51.100.7"},
			plain: "10.1.2.3", lb: "198.51.100.7"},
		{name: "client-written prefix is ignored", remote: "10.1.2.3:5000", xff: []string{"1.1.1.1, 198.51.100.7, 192.0.2.1"},
			plain: "10.1.2.3", lb: "198.51.100.7"},
		{name: "several headers", remote: "10.1.2.3:5000", xff: []string{"1.1.1.1", "198.51.100.7:4711", "10.9.9.9"},
			plain: "10.1.2.3", lb: "198.51.100.7"},
		{name: "all hops trusted", remote: "10.1.2.3:5000", xff: []string{"10.0.0.2, 10.0.0.1"},
			plain: "10.1.2.3", lb: "10.0.0.2"},
		{name: "garbage hop", remote: "10.1.2.3:5000", xff: []string{"x, 10.0.0.9"},
			plain: "10.1.2.3", lb: "10.0.0.9"},
		{name: "v6 keyed by /64", remote: "[2001:db8:1:2:aaaa::1]:5000",
			plain: "2001:db8:1:2::/64", lb: "2001:db8:1:2::/64"},
		{name: "v4-mapped v6", remote: "[::ffff:203.0.113.5]:5000", plain: "203.0.113.5", lb: "203.0.113.5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := plain(r); got != tc.plain {
				t.Errorf("without trusted proxies: %q, want %q", got, tc.plain)
			}
			if got := behindLB(r); got != tc.lb {
				t.Errorf("behind the trusted LB: %q, want %q", got, tc.lb)
			}
		})
	}
}
