package benchkit

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

// The issuer and audience SportHub's default configuration expects.
const (
	TokenIssuer   = "sporthub"
	TokenAudience = "sporthub-api"
)

// Issuer plays the auth service for a benchmark: one Ed25519 key, its JWKS
// served on loopback, and access tokens signed with it. (authntest does the
// same for tests but needs a testing.TB, which a benchmark program lacks.)
type Issuer struct {
	kid  string
	priv ed25519.PrivateKey
	srv  *httptest.Server
}

// NewIssuer generates a key and starts serving its JWKS. Close stops it.
func NewIssuer() (*Issuer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate signing key: %w", err)
	}
	i := &Issuer{kid: "bench-" + rand.Text()[:12], priv: priv}
	set := authn.JWKS{Keys: []authn.JWK{authn.Ed25519JWK(i.kid, priv.Public().(ed25519.PublicKey))}}
	body, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("encode jwks: %w", err)
	}
	i.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	return i, nil
}

// JWKSURL is where the key set is served.
func (i *Issuer) JWKSURL() string { return i.srv.URL + "/.well-known/jwks.json" }

// Token returns an access token for sub valid for ttl.
func (i *Issuer) Token(sub string, ttl time.Duration) (string, error) {
	now := time.Now()
	c := authn.Claims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    TokenIssuer,
		Subject:   sub,
		Audience:  jwt.ClaimStrings{TokenAudience},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		ID:        rand.Text(),
	}}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	tok.Header["kid"] = i.kid
	s, err := tok.SignedString(i.priv)
	if err != nil {
		return "", fmt.Errorf("sign token for %s: %w", sub, err)
	}
	return s, nil
}

// Close stops serving the key set.
func (i *Issuer) Close() { i.srv.Close() }
