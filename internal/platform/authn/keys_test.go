package authn_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
)

func mustVerify(t *testing.T, v *authn.Verifier, token string) *authn.Principal {
	t.Helper()
	p, err := v.Verify(context.Background(), token)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return p
}

func wantFetches(t *testing.T, iss *authntest.Issuer, want int) {
	t.Helper()
	if got := iss.Fetches(); got != want {
		t.Fatalf("JWKS fetches = %d, want %d", got, want)
	}
}

func TestJWKSFetchedLazilyOnce(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	wantFetches(t, iss, 0)
	mustVerify(t, v, iss.Mint(t, "u1"))
	mustVerify(t, v, iss.Mint(t, "u2"))
	wantFetches(t, iss, 1)
}

func TestUnknownKidRefetchesAfterRotate(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	oldToken := iss.Mint(t, "u1")
	mustVerify(t, v, oldToken)

	iss.Rotate()
	newToken := iss.Mint(t, "u2")
	if p := mustVerify(t, v, newToken); p.Subject != "u2" {
		t.Fatalf("subject = %q", p.Subject)
	}
	wantFetches(t, iss, 2)
	mustVerify(t, v, oldToken) // the old key is still published and cached
	mustVerify(t, v, newToken)
	wantFetches(t, iss, 2)
}

func TestForgedKidFloodIsRateLimited(t *testing.T) {
	iss := newIssuer(t)
	clock := newClock()
	v := iss.Verifier(t, withClock(clock))
	good := iss.Mint(t, "u1")
	mustVerify(t, v, good)
	wantFetches(t, iss, 1)

	flood := func(round int) {
		var wg sync.WaitGroup
		for i := range 100 {
			wg.Go(func() {
				tok := iss.Token(t, authntest.MintOptions{Subject: "u", KeyID: fmt.Sprintf("forged-%d-%d", round, i)})
				_, err := v.Verify(context.Background(), tok)
				if !apperr.IsKind(err, apperr.Unauthorized) {
					t.Errorf("forged kid: err = %v, want unauthorized", err)
				}
			})
		}
		wg.Wait()
	}
	flood(1)
	wantFetches(t, iss, 2) // one refetch for the whole flood
	clock.Advance(authn.DefaultMinRefreshInterval / 2)
	flood(2)
	wantFetches(t, iss, 2)
	mustVerify(t, v, good) // real tokens keep working meanwhile

	clock.Advance(authn.DefaultMinRefreshInterval / 2)
	flood(3)
	wantFetches(t, iss, 3) // one more per MinRefreshInterval

	// A genuine rotation right after a flood waits out the rate limit.
	iss.Rotate()
	rotated := iss.Mint(t, "u2")
	_, err := v.Verify(context.Background(), rotated)
	wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
	clock.Advance(authn.DefaultMinRefreshInterval)
	mustVerify(t, v, rotated)
	wantFetches(t, iss, 4)
}

func TestJWKSDownKeepsCachedKeys(t *testing.T) {
	iss := newIssuer(t)
	clock := newClock()
	v := iss.Verifier(t, withClock(clock))
	tok := iss.Mint(t, "u1", authntest.WithTTL(time.Hour))
	mustVerify(t, v, tok)

	iss.SetDown(true) // answers 503
	clock.Advance(authn.DefaultRefreshInterval + time.Second)
	mustVerify(t, v, tok) // stale refresh fails, cached keys stay
	wantFetches(t, iss, 2)
	mustVerify(t, v, tok) // and the failure is not retried at once
	wantFetches(t, iss, 2)

	iss.Close() // connection refused from now on
	clock.Advance(authn.DefaultMinRefreshInterval)
	mustVerify(t, v, tok)
	_, err := v.Verify(context.Background(), iss.Token(t, authntest.MintOptions{Subject: "u", KeyID: "unknown"}))
	wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
}

func TestJWKSUnavailableWithoutKeys(t *testing.T) {
	iss := newIssuer(t)
	clock := newClock()
	v := iss.Verifier(t, withClock(clock))
	tok := iss.Mint(t, "u1")
	iss.SetDown(true)
	_, err := v.Verify(context.Background(), tok)
	wantAppErr(t, err, apperr.Unavailable, "jwks_unavailable")
	_, err = v.Verify(context.Background(), tok)
	wantAppErr(t, err, apperr.Unavailable, "jwks_unavailable")
	wantFetches(t, iss, 1) // the failed fetch is not retried within MinRefreshInterval

	iss.SetDown(false)
	clock.Advance(authn.DefaultMinRefreshInterval)
	mustVerify(t, v, tok)
	wantFetches(t, iss, 2)
}

func TestStaleKeysAreRefreshed(t *testing.T) {
	iss := newIssuer(t)
	clock := newClock()
	v := iss.Verifier(t, withClock(clock))
	oldToken := iss.Mint(t, "u1", authntest.WithTTL(time.Hour))
	mustVerify(t, v, oldToken)

	iss.Rotate()
	iss.DropOld()
	clock.Advance(authn.DefaultRefreshInterval)
	// The refresh drops the retired key; no extra refetch for its kid.
	_, err := v.Verify(context.Background(), oldToken)
	wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
	wantFetches(t, iss, 2)
	mustVerify(t, v, iss.Token(t, authntest.MintOptions{Subject: "u2", IssuedAt: clock.Now()}))
	wantFetches(t, iss, 2)
}

func TestRunRefreshesInBackground(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t, func(c *authn.Config) {
		c.RefreshInterval, c.MinRefreshInterval = 20*time.Millisecond, 10*time.Millisecond
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- v.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for iss.Fetches() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("Run fetched %d times in 5s, want >= 3", iss.Fetches())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil", err)
	}
	mustVerify(t, v, iss.Mint(t, "u1"))
}

func TestRefreshReportsFailure(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	if err := v.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	iss.SetDown(true)
	if err := v.Refresh(context.Background()); err == nil {
		t.Fatal("Refresh against a down JWKS succeeded")
	}
	mustVerify(t, v, iss.Mint(t, "u1"))
}
