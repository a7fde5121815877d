package authn_test

import (
	"context"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
)

// The verified-token cache must never accept what a full check would refuse.
func TestCachedTokensStillExpireAndFollowKeyRetirement(t *testing.T) {
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	now := time.Now()
	clock := func() time.Time { return now }
	v := iss.Verifier(t, func(c *authn.Config) { c.Clock = clock; c.Leeway = time.Second })
	ctx := context.Background()
	tok := iss.Token(t, authntest.MintOptions{Subject: "u1", TTL: time.Minute, IssuedAt: now})
	for i := 0; i < 3; i++ { // the second and third come from the cache
		p, err := v.Verify(ctx, tok)
		if err != nil || p.Subject != "u1" {
			t.Fatalf("verify %d: %v", i, err)
		}
	}
	now = now.Add(2 * time.Minute)
	if _, err := v.Verify(ctx, tok); err == nil {
		t.Fatal("cached token accepted after it expired")
	}

	now = time.Now()
	tok2 := iss.Token(t, authntest.MintOptions{Subject: "u2", TTL: time.Hour, IssuedAt: now})
	if _, err := v.Verify(ctx, tok2); err != nil {
		t.Fatal(err)
	}
	iss.Rotate()
	iss.DropOld()
	now = now.Add(11 * time.Minute) // past the refresh interval: the key set is fetched again
	if _, err := v.Verify(ctx, tok2); err == nil {
		t.Fatal("cached token accepted after its signing key was retired")
	}
}
