package benchkit

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

func TestPercentileNearestRank(t *testing.T) {
	var s Sample
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond,
		100: 100 * time.Millisecond, 0.1: time.Millisecond} {
		if got := s.Percentile(p); got != want {
			t.Errorf("p%v = %s, want %s", p, got, want)
		}
	}
	if got := (Sample{}).Percentile(99); got != 0 {
		t.Errorf("empty p99 = %s", got)
	}
}

// TestIssuerTokensVerify checks that the platform's verifier, fetching the
// issuer's JWKS, accepts its tokens with the default issuer and audience.
func TestIssuerTokensVerify(t *testing.T) {
	iss, err := NewIssuer()
	if err != nil {
		t.Fatal(err)
	}
	defer iss.Close()
	v, err := authn.NewVerifier(authn.Config{JWKSURL: iss.JWKSURL(), Issuer: TokenIssuer, Audience: TokenAudience},
		&http.Client{Timeout: 5 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := iss.Token("usr_1", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.Verify(context.Background(), tok)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if p.Subject != "usr_1" {
		t.Errorf("subject = %q", p.Subject)
	}
}
