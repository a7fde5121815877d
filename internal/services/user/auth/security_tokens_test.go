package auth_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestRefreshReuseRevokesTheFamily: a refresh token works once; presenting
// it again ends the whole session, the thief's copy and the owner's alike.
func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("family@example.com")
	first := u.Tokens.RefreshToken
	r := h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: first})
	expect(t, r, 200, "")
	var second authapi.Tokens
	r.json(t, &second)

	r = h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: first}) // the stolen copy
	expect(t, r, 401, "invalid_refresh_token")
	if c := r.cookie(authapi.RefreshCookie); c == nil || c.MaxAge >= 0 {
		t.Fatal("a refused refresh keeps the cookie")
	}
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: second.RefreshToken}), 401, "invalid_refresh_token")
	expect(t, h.api("GET", "/me", second.AccessToken, nil), 401, "session_ended")
	evs := h.waitEvents(authapi.EventAccessRevoked, u.ID, 1)
	var ar authapi.AccessRevokedV1
	if err := evs[0].Decode(&ar); err != nil || ar.Reason != authapi.RevokedRefreshReuse || ar.SessionID != u.Tokens.SessionID {
		t.Fatalf("access_revoked %+v", ar)
	}
	p, err := h.verify(second.AccessToken)
	if err != nil || !p.IssuedAt.Before(ar.IssuedBefore) {
		t.Fatalf("the last access token (iat %v) is not covered by the revocation (%v)", p.IssuedAt, ar.IssuedBefore)
	}
	// Garbage and oversized tokens are plainly invalid.
	for _, tok := range []string{"", "nope", strings.Repeat("x", 500)} {
		expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok}), 401, "invalid_refresh_token")
	}
}

// TestSessionLimits: a session ends after its idle time without use, and
// after its maximum age however active.
func TestSessionLimits(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *auth.Config) { c.SessionIdle, c.SessionMax = time.Hour, 3*time.Hour })
	u := h.signUp("idle@example.com")
	tok := u.Tokens
	for range 3 { // refreshed every 50 minutes: alive until the 3-hour cap
		h.clock.Advance(50 * time.Minute)
		r := h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok.RefreshToken})
		if r.Status != 200 {
			t.Fatalf("refresh at %v: %s", h.clock.Now(), r.Body)
		}
		r.json(t, &tok)
		if tok.RefreshExpiresIn > 3600 {
			t.Fatalf("refresh_expires_in %d over the idle time", tok.RefreshExpiresIn)
		}
	}
	h.clock.Advance(50 * time.Minute) // 200 minutes after sign-in
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok.RefreshToken}), 401, "invalid_refresh_token")

	tok = h.login(u.Email, u.Password)
	h.clock.Advance(61 * time.Minute)
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: tok.RefreshToken}), 401, "invalid_refresh_token")
}

// TestForgedAccessTokens: the verifier fed by the service's JWKS refuses
// expired, tampered, unsigned and HMAC-with-the-public-key tokens.
func TestForgedAccessTokens(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := h.signUp("forge@example.com")
	good := u.Tokens.AccessToken
	if _, err := h.verify(good); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, ".")
	var claims map[string]any
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	var header map[string]any
	hb, _ := base64.RawURLEncoding.DecodeString(parts[0])
	_ = json.Unmarshal(hb, &header)
	kid := header["kid"].(string)

	// Escalate: give myself a permission and keep the signature.
	claims["perms"] = []string{"access.roles.write"}
	forgedPayload, _ := json.Marshal(claims)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(forgedPayload) + "." + parts[2]

	unsigned := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims(claims))
	unsigned.Header["kid"] = kid
	none, err := unsigned.SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}

	var jwks authn.JWKS
	h.do("GET", authapi.JWKSPath, "", nil).json(t, &jwks)
	pub, _ := base64.RawURLEncoding.DecodeString(jwks.Keys[0].X)
	hmac := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims(claims))
	hmac.Header["kid"] = kid
	hs256, err := hmac.SignedString(pub)
	if err != nil {
		t.Fatal(err)
	}

	_, stranger, _ := ed25519.GenerateKey(nil)
	foreign := jwt.NewWithClaims(jwt.SigningMethodEdDSA, jwt.MapClaims(claims))
	foreign.Header["kid"] = kid
	otherKey, _ := foreign.SignedString(stranger)

	for name, tok := range map[string]string{"tampered": tampered, "alg none": none, "hs256 with the public key": hs256,
		"signed by another key": otherKey} {
		if _, err := h.verify(tok); !apperr.IsKind(err, apperr.Unauthorized) {
			t.Errorf("%s: verify = %v, want invalid_token", name, err)
		}
		expect(t, h.api("GET", "/me", tok, nil), 401, "invalid_token")
	}

	// Expired: the verifier's clock moves past exp and its leeway.
	h.clock.Advance(10*time.Minute + authn.DefaultLeeway + time.Second)
	if _, err := h.verify(good); !apperr.IsKind(err, apperr.Unauthorized) {
		t.Fatalf("expired token: %v", err)
	}
	expect(t, h.api("GET", "/me", good, nil), 401, "invalid_token")
}

// TestSessionsAreOwnOnly: a user sees and ends only their own sessions.
func TestSessionsAreOwnOnly(t *testing.T) {
	t.Parallel()
	h := start(t)
	alice, bob := h.signUp("alice@example.com"), h.signUp("bob@example.com")
	var list authapi.Sessions
	h.api("GET", "/sessions", alice.Tokens.AccessToken, nil).json(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != alice.Tokens.SessionID {
		t.Fatalf("alice sees %+v", list)
	}
	expect(t, h.api("DELETE", "/sessions/"+bob.Tokens.SessionID, alice.Tokens.AccessToken, nil), 404, "session_not_found")
	expect(t, h.api("GET", "/me", bob.Tokens.AccessToken, nil), 200, "")
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: bob.Tokens.RefreshToken}), 200, "")
	expect(t, h.api("DELETE", "/sessions/not-a-session", alice.Tokens.AccessToken, nil), 404, "session_not_found")
	// A token whose sid names bob's session but whose sub is alice's does
	// not exist: the signature covers both. Ending one's own works.
	second := h.login(alice.Email, alice.Password)
	expect(t, h.api("DELETE", "/sessions/"+second.SessionID, alice.Tokens.AccessToken, nil), 204, "")
	expect(t, h.api("POST", "/refresh", "", authapi.RefreshRequest{RefreshToken: second.RefreshToken}), 401, "invalid_refresh_token")
	// Revoke-others keeps the current one.
	third := h.login(alice.Email, alice.Password)
	expect(t, h.api("POST", "/sessions/revoke-others", third.AccessToken, nil), 204, "")
	expect(t, h.api("GET", "/me", alice.Tokens.AccessToken, nil), 401, "session_ended")
	expect(t, h.api("GET", "/me", third.AccessToken, nil), 200, "")
	expect(t, h.api("GET", "/me", bob.Tokens.AccessToken, nil), 200, "")
}

// TestKeyRotation: a new key is published before it signs; tokens of the
// old key verify until they expire; the old key then leaves the JWKS.
func TestKeyRotation(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *auth.Config) { c.KeyRotation, c.KeyPublishLead = 24*time.Hour, 15*time.Minute })
	ctx := context.Background()
	u := h.signUp("keys@example.com")
	k1 := kidOf(t, u.Tokens.AccessToken)
	if ids := jwksIDs(t, h); len(ids) != 1 || ids[0] != k1 {
		t.Fatalf("jwks %v, token kid %s", ids, k1)
	}

	h.clock.Advance(24*time.Hour - 15*time.Minute + time.Second)
	if err := h.svc.RotateKeys(ctx); err != nil {
		t.Fatal(err)
	}
	ids := jwksIDs(t, h)
	if len(ids) != 2 || ids[1] != k1 {
		t.Fatalf("after the first rotation round: %v", ids)
	}
	k2 := ids[0]
	h.clock.Advance(15*time.Minute - 2*time.Second) // just before k2 takes over
	old := h.login(u.Email, u.Password).AccessToken
	if kidOf(t, old) != k1 {
		t.Fatal("the new key signs before its publication lead has passed")
	}
	// A verifier that fetched the set now knows k2 before it signs.
	fresh := h.newVerifier()
	if err := fresh.Refresh(ctx); err != nil {
		t.Fatal(err)
	}

	h.clock.Advance(2 * time.Second)
	if err := h.svc.RotateKeys(ctx); err != nil {
		t.Fatal(err)
	}
	next := h.login(u.Email, u.Password).AccessToken
	if kidOf(t, next) != k2 {
		t.Fatal("the new key does not sign once its time has come")
	}
	for _, tok := range []string{old, next} {
		if _, err := fresh.Verify(ctx, tok); err != nil {
			t.Fatalf("verify across the rotation: %v", err)
		}
	}
	if ids := jwksIDs(t, h); len(ids) != 2 {
		t.Fatalf("the old key left while its tokens live: %v", ids)
	}
	// Once every k1 token has expired, k1 leaves the set.
	h.clock.Advance(10*time.Minute + 5*time.Minute + time.Second)
	if err := h.svc.RotateKeys(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := jwksIDs(t, h); len(ids) != 1 || ids[0] != k2 {
		t.Fatalf("after retirement: %v", ids)
	}
}

func kidOf(t *testing.T, token string) string {
	t.Helper()
	tok, _, err := jwt.NewParser().ParseUnverified(token, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	return tok.Header["kid"].(string)
}

func jwksIDs(t *testing.T, h *harness) []string {
	t.Helper()
	r := h.do("GET", authapi.JWKSPath, "", nil)
	expect(t, r, 200, "")
	var set authn.JWKS
	r.json(t, &set)
	ids := make([]string, len(set.Keys))
	for i, k := range set.Keys {
		if k.KeyType != "OKP" || k.Curve != "Ed25519" || k.Alg != "EdDSA" || k.Use != "sig" {
			t.Fatalf("key %+v", k)
		}
		ids[i] = k.KeyID
	}
	return ids
}
