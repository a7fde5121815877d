package authn_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
)

func TestVerifyValidToken(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	issuedAt := time.Now().Add(-time.Minute).Truncate(time.Second)
	token := iss.Token(t, authntest.MintOptions{
		Subject:      "user-42",
		SessionID:    "sess-7",
		TokenID:      "jti-1",
		Roles:        []string{"coach"},
		Permissions:  []string{"catalog.products.write", "training.plans.read"},
		Entitlements: []string{"premium"},
		IssuedAt:     issuedAt,
		TTL:          10 * time.Minute,
	})
	p, err := v.Verify(context.Background(), token)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	want := authn.Principal{
		Subject: "user-42", SessionID: "sess-7", TokenID: "jti-1",
		Roles: []string{"coach"}, Permissions: []string{"catalog.products.write", "training.plans.read"},
		Entitlements: []string{"premium"}, ExpiresAt: issuedAt.Add(10 * time.Minute),
	}
	if p.Subject != want.Subject || p.SessionID != want.SessionID || p.TokenID != want.TokenID ||
		!slices.Equal(p.Roles, want.Roles) || !slices.Equal(p.Permissions, want.Permissions) ||
		!slices.Equal(p.Entitlements, want.Entitlements) || !p.ExpiresAt.Equal(want.ExpiresAt) {
		t.Fatalf("principal = %+v, want %+v", *p, want)
	}
	if !p.HasPermission("catalog.products.write") || !p.HasRole("coach") || !p.HasEntitlement("premium") {
		t.Fatal("principal lost its grants")
	}
}

func TestVerifyAcceptsWithinLeewayAndAudienceList(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	now := time.Now()
	tokens := map[string]string{
		"expired 10s ago":        iss.Token(t, authntest.MintOptions{Subject: "u", IssuedAt: now.Add(-time.Minute), TTL: 50 * time.Second}),
		"nbf in 10s":             iss.Token(t, authntest.MintOptions{Subject: "u", NotBefore: now.Add(10 * time.Second)}),
		"iat in 10s":             iss.Token(t, authntest.MintOptions{Subject: "u", IssuedAt: now.Add(10 * time.Second)}),
		"audience among several": iss.Sign(t, claims("u", testIssuer, jwt.ClaimStrings{"other", testAudience}, now)),
	}
	for name, tok := range tokens {
		if _, err := v.Verify(context.Background(), tok); err != nil {
			t.Errorf("%s: Verify = %v, want success", name, err)
		}
	}
}

// claims builds valid registered claims for sub.
func claims(sub, issuer string, aud jwt.ClaimStrings, now time.Time) authn.Claims {
	return authn.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuer, Subject: sub, Audience: aud,
		IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
	}, Permissions: []string{"admin.everything"}}
}

// signWith signs c with method and key, setting kid like a real token would.
func signWith(t *testing.T, method jwt.SigningMethod, key any, kid string, c jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, c)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign %s: %v", method.Alg(), err)
	}
	return s
}

func TestVerifyRejects(t *testing.T) {
	iss := newIssuer(t)
	v := iss.Verifier(t)
	now := time.Now()
	kid := iss.KeyID()
	valid := claims("attacker", testIssuer, jwt.ClaimStrings{testAudience}, now)

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, otherEd, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := []byte(iss.PublicKey())
	pubB64 := []byte(base64.RawURLEncoding.EncodeToString(pub))
	noSub := valid
	noSub.Subject = ""
	noExp := valid
	noExp.ExpiresAt = nil

	tests := map[string]string{
		"empty":             "",
		"garbage":           "not-a-jwt",
		"oversized":         strings.Repeat("a", 9000),
		"expired":           iss.Token(t, authntest.MintOptions{Subject: "u", IssuedAt: now.Add(-10 * time.Minute), TTL: 5 * time.Minute}),
		"not yet valid":     iss.Token(t, authntest.MintOptions{Subject: "u", NotBefore: now.Add(5 * time.Minute)}),
		"issued in future":  iss.Token(t, authntest.MintOptions{Subject: "u", IssuedAt: now.Add(5 * time.Minute)}),
		"wrong issuer":      iss.Token(t, authntest.MintOptions{Subject: "u", Issuer: "https://evil.test"}),
		"wrong audience":    iss.Token(t, authntest.MintOptions{Subject: "u", Audience: "billing"}),
		"tampered payload":  tamper(t, iss.Mint(t, "u", authntest.WithPermissions("training.plans.read"))),
		"no subject":        iss.Sign(t, noSub),
		"no exp":            iss.Sign(t, noExp),
		"no kid":            signWith(t, jwt.SigningMethodEdDSA, otherEd, "", valid),
		"other ed25519 key": signWith(t, jwt.SigningMethodEdDSA, otherEd, kid, valid),
		"alg none":          signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kid, valid),
		"HS256 pubkey":      signWith(t, jwt.SigningMethodHS256, pub, kid, valid),
		"HS256 jwk x":       signWith(t, jwt.SigningMethodHS256, pubB64, kid, valid),
		"RS256":             signWith(t, jwt.SigningMethodRS256, rsaKey, kid, valid),
		"PS256":             signWith(t, jwt.SigningMethodPS256, rsaKey, kid, valid),
		"ES256":             signWith(t, jwt.SigningMethodES256, ecKey, kid, valid),
	}
	for name, tok := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := v.Verify(context.Background(), tok)
			if err == nil {
				t.Fatalf("Verify accepted the token: %+v", p)
			}
			t.Logf("rejected: %v", err)
			wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
		})
	}
}

// tamper rewrites a signed token's payload (granting a permission) and keeps
// the original signature.
func tamper(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var payload map[string]any
	if err := json.Unmarshal(raw, &payload); err != nil {
		t.Fatal(err)
	}
	payload["perms"] = []string{"admin.everything"}
	raw, err = json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}

func TestVerifyExpiredSaysSo(t *testing.T) {
	iss := newIssuer(t)
	tok := iss.Mint(t, "u", authntest.WithTTL(-time.Hour))
	_, err := iss.Verifier(t).Verify(context.Background(), tok)
	wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
	if !strings.Contains(err.(*apperr.Error).Message, "expired") {
		t.Fatalf("message %q should tell the client to refresh", err.(*apperr.Error).Message)
	}
}

func TestStaticVerifier(t *testing.T) {
	iss := newIssuer(t)
	v, err := authn.NewStaticVerifier(map[string]ed25519.PublicKey{iss.KeyID(): iss.PublicKey()}, testIssuer, testAudience)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := v.Verify(context.Background(), iss.Mint(t, "u1")); err != nil || p.Subject != "u1" {
		t.Fatalf("Verify = %v, %v", p, err)
	}
	iss.Rotate()
	_, err = v.Verify(context.Background(), iss.Mint(t, "u1"))
	wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
	if iss.Fetches() != 0 {
		t.Fatalf("static verifier fetched the JWKS %d times", iss.Fetches())
	}
	if _, err := authn.NewStaticVerifier(nil, testIssuer, testAudience); err == nil {
		t.Fatal("no keys accepted")
	}
	if _, err := authn.NewStaticVerifier(map[string]ed25519.PublicKey{"k": {1, 2}}, testIssuer, testAudience); err == nil {
		t.Fatal("short key accepted")
	}
}

func BenchmarkVerify(b *testing.B) {
	iss := authntest.NewIssuer(b, testIssuer, testAudience)
	v := iss.Verifier(b)
	tok := iss.Mint(b, "u1", authntest.WithRoles("athlete"), authntest.WithPermissions("training.plans.read"))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.Verify(context.Background(), tok); err != nil {
				b.Fatal(err)
			}
		}
	})
}
