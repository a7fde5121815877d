package authapi_test

import (
	"context"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestRevocationsReachTheVerifier: an access_revoked event published on
// the bus makes a verifier in another part of the platform refuse tokens
// issued before it -- all of the user's, or one session's -- while later
// tokens and other users' tokens stay valid.
func TestRevocationsReachTheVerifier(t *testing.T) {
	b := bustest.Embedded(t)
	iss := authntest.NewIssuer(t, "sporthub", "sporthub-api")
	v := iss.Verifier(t)
	list := authapi.NewRevocationList()
	v.SetRevocations(list)
	tail, err := list.Tail(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan struct{})
	go func() { _ = tail.Run(ctx, func() { close(ready) }) }()
	<-ready

	past := time.Now().Add(-time.Minute).Truncate(time.Second)
	mint := func(sub, sid string) string {
		return iss.Token(t, authntest.MintOptions{Subject: sub, SessionID: sid, IssuedAt: past})
	}
	ann1, ann2, bob := mint("ann", "s1"), mint("ann", "s2"), mint("bob", "s3")
	for _, tok := range []string{ann1, ann2, bob} {
		if _, err := v.Verify(ctx, tok); err != nil {
			t.Fatalf("fresh token refused: %v", err)
		}
	}
	publish := func(r authapi.AccessRevokedV1) {
		ev, err := bus.NewEvent(authapi.EventAccessRevoked, "auth", r.UserID, r)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Publish(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	waitRefused := func(tok string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			if _, err := v.Verify(ctx, tok); err != nil {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("revoked token still accepted after 5s")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	publish(authapi.AccessRevokedV1{UserID: "ann", SessionID: "s1", IssuedBefore: time.Now(), Reason: authapi.RevokedLogout})
	waitRefused(ann1)
	if _, err := v.Verify(ctx, ann2); err != nil {
		t.Fatalf("another session's token refused after a session revocation: %v", err)
	}
	publish(authapi.AccessRevokedV1{UserID: "ann", IssuedBefore: time.Now(), Reason: authapi.RevokedBlocked})
	waitRefused(ann2)
	if _, err := v.Verify(ctx, bob); err != nil {
		t.Fatalf("another user's token refused: %v", err)
	}
	later := iss.Token(t, authntest.MintOptions{Subject: "ann", SessionID: "s2", IssuedAt: time.Now().Add(time.Second)})
	if _, err := v.Verify(ctx, later); err != nil {
		t.Fatalf("token issued after the revocation refused: %v", err)
	}
}
