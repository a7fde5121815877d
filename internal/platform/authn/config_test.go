package authn_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

func TestConfigValidate(t *testing.T) {
	good := authn.Config{JWKSURL: "https://auth.example/jwks.json", Issuer: "iss", Audience: "aud"}
	if err := good.Validate(); err != nil {
		t.Fatalf("good config: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(*authn.Config)
		want   string
	}{
		{"no url", func(c *authn.Config) { c.JWKSURL = "" }, "jwks url is required"},
		{"relative url", func(c *authn.Config) { c.JWKSURL = "/jwks.json" }, "absolute http(s) url"},
		{"ftp url", func(c *authn.Config) { c.JWKSURL = "ftp://auth/jwks" }, "absolute http(s) url"},
		{"no issuer", func(c *authn.Config) { c.Issuer = "" }, "issuer is required"},
		{"no audience", func(c *authn.Config) { c.Audience = "" }, "audience is required"},
		{"negative leeway", func(c *authn.Config) { c.Leeway = -time.Second }, "leeway must not be negative"},
		{"min above refresh", func(c *authn.Config) {
			c.RefreshInterval, c.MinRefreshInterval = time.Second, time.Minute
		}, "exceeds refresh interval"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.mutate(&cfg)
			err := cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want error containing %q", err, tc.want)
			}
			if _, err := authn.NewVerifier(cfg, nil, nil); err == nil {
				t.Fatal("NewVerifier accepted an invalid config")
			}
		})
	}
}
