package authn_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
)

// serveJWKS serves body with status at an httptest server and returns a
// verifier reading it.
func serveJWKS(t *testing.T, status int, body string) *authn.Verifier {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	v, err := authn.NewVerifier(authn.Config{JWKSURL: srv.URL, Issuer: testIssuer, Audience: testAudience}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func newEd25519(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func TestJWKSSkipsUnusableKeys(t *testing.T) {
	goodPub, goodPriv := newEd25519(t)
	encPub, encPriv := newEd25519(t)
	dupPub, _ := newEd25519(t)
	_, dupPriv2 := newEd25519(t)

	enc := authn.Ed25519JWK("enc", encPub)
	enc.Use = "enc"
	wrongAlg := authn.Ed25519JWK("wrong-alg", encPub)
	wrongAlg.Alg = "ES256"
	x25519 := authn.Ed25519JWK("x25519", encPub)
	x25519.Curve = "X25519"
	short := authn.Ed25519JWK("short", encPub[:16])
	noKid := authn.Ed25519JWK("", encPub)
	set := authn.JWKS{Keys: []authn.JWK{
		{KeyType: "RSA", KeyID: "rsa"}, enc, wrongAlg, x25519, short, noKid,
		authn.Ed25519JWK("dup", dupPub), authn.Ed25519JWK("dup", dupPriv2.Public().(ed25519.PublicKey)),
		authn.Ed25519JWK("good", goodPub),
	}}
	body, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	v := serveJWKS(t, http.StatusOK, string(body))
	c := claims("u1", testIssuer, jwt.ClaimStrings{testAudience}, time.Now())

	if _, err := v.Verify(context.Background(), signWith(t, jwt.SigningMethodEdDSA, goodPriv, "good", c)); err != nil {
		t.Fatalf("good key: %v", err)
	}
	for kid, priv := range map[string]ed25519.PrivateKey{
		"enc": encPriv, "wrong-alg": encPriv, "x25519": encPriv, "short": encPriv, "rsa": encPriv,
		"dup": dupPriv2, // a repeated kid keeps its first key
	} {
		_, err := v.Verify(context.Background(), signWith(t, jwt.SigningMethodEdDSA, priv, kid, c))
		wantAppErr(t, err, apperr.Unauthorized, "invalid_token")
	}
}

func TestJWKSUnusableDocuments(t *testing.T) {
	_, priv := newEd25519(t)
	tok := signWith(t, jwt.SigningMethodEdDSA, priv, "k1", claims("u1", testIssuer, jwt.ClaimStrings{testAudience}, time.Now()))
	tests := []struct {
		name   string
		status int
		body   string
	}{
		{"not found", http.StatusNotFound, `{"keys":[]}`},
		{"not json", http.StatusOK, `<html>`},
		{"no keys", http.StatusOK, `{"keys":[]}`},
		{"only rsa", http.StatusOK, `{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}`},
		{"too large", http.StatusOK, `{"keys":[],"pad":"` + strings.Repeat("x", 2<<20) + `"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := serveJWKS(t, tc.status, tc.body)
			_, err := v.Verify(context.Background(), tok)
			wantAppErr(t, err, apperr.Unavailable, "jwks_unavailable")
		})
	}
}
