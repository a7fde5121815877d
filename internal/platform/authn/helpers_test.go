package authn_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
)

const (
	testIssuer   = "https://auth.sporthub.test"
	testAudience = "sporthub"
)

// fakeClock is a settable clock for the verifier's rate limits and refreshes.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock { return &fakeClock{now: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// withClock makes a verifier use c.
func withClock(c *fakeClock) func(*authn.Config) {
	return func(cfg *authn.Config) { cfg.Clock = c.Now }
}

func newIssuer(t *testing.T) *authntest.Issuer {
	t.Helper()
	return authntest.NewIssuer(t, testIssuer, testAudience)
}

// wantAppErr fails unless err is an *apperr.Error of kind and code whose
// message leaks no verification internals.
func wantAppErr(t *testing.T, err error, kind apperr.Kind, code string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v, want *apperr.Error %s/%s", err, kind, code)
	}
	if ae.Kind != kind || ae.Code != code {
		t.Fatalf("error = %s/%s (%v), want %s/%s", ae.Kind, ae.Code, err, kind, code)
	}
	for _, leak := range []string{"kid", "signature", "alg", "jwks", "segment", "ed25519", "hs256"} {
		if strings.Contains(strings.ToLower(ae.Message), leak) {
			t.Fatalf("message %q leaks internals (%q)", ae.Message, leak)
		}
	}
}
