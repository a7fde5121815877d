// Package authntest provides a real token issuer for tests: an Ed25519 key
// pair with a kid, a JWKS served over httptest, token minting and key
// rotation, so tests verify genuine tokens over a genuine JWKS fetch.
package authntest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

// Issuer plays the auth service in tests. It is safe for concurrent use.
type Issuer struct {
	issuer   string
	audience string
	srv      *httptest.Server
	fetches  atomic.Int64
	down     atomic.Bool

	mu   sync.Mutex
	keys []signingKey // every published key; the last one signs
}

type signingKey struct {
	kid  string
	priv ed25519.PrivateKey
}

// NewIssuer starts a JWKS server publishing one fresh Ed25519 key. It is
// stopped when the test ends.
func NewIssuer(t testing.TB, issuer, audience string) *Issuer {
	t.Helper()
	i := &Issuer{issuer: issuer, audience: audience}
	i.keys = []signingKey{newKey()}
	i.srv = httptest.NewServer(http.HandlerFunc(i.serveJWKS))
	t.Cleanup(i.srv.Close)
	return i
}

// newKey generates a signing key. crypto/rand cannot fail since Go 1.24, so
// neither can this.
func newKey() signingKey {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("generate ed25519 key: " + err.Error())
	}
	return signingKey{kid: "test-" + rand.Text()[:12], priv: priv}
}

func (i *Issuer) serveJWKS(w http.ResponseWriter, r *http.Request) {
	i.fetches.Add(1)
	if i.down.Load() {
		http.Error(w, "jwks down", http.StatusServiceUnavailable)
		return
	}
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	i.mu.Lock()
	set := authn.JWKS{Keys: make([]authn.JWK, 0, len(i.keys))}
	for _, k := range i.keys {
		set.Keys = append(set.Keys, authn.Ed25519JWK(k.kid, k.priv.Public().(ed25519.PublicKey)))
	}
	i.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(set)
}

// JWKSURL is the address of the issuer's key set.
func (i *Issuer) JWKSURL() string { return i.srv.URL + "/.well-known/jwks.json" }

// Issuer is the "iss" minted tokens carry by default.
func (i *Issuer) Issuer() string { return i.issuer }

// Audience is the "aud" minted tokens carry by default.
func (i *Issuer) Audience() string { return i.audience }

// KeyID is the kid of the current signing key.
func (i *Issuer) KeyID() string { return i.current().kid }

// PublicKey is the current signing key's public half.
func (i *Issuer) PublicKey() ed25519.PublicKey {
	return i.current().priv.Public().(ed25519.PublicKey)
}

func (i *Issuer) current() signingKey {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.keys[len(i.keys)-1]
}

// Rotate makes a new key (with a new kid) the signing key and returns its
// kid. The old keys stay published until DropOld.
func (i *Issuer) Rotate() string {
	k := newKey()
	i.mu.Lock()
	defer i.mu.Unlock()
	i.keys = append(i.keys, k)
	return k.kid
}

// DropOld stops publishing every key but the current one.
func (i *Issuer) DropOld() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.keys = i.keys[len(i.keys)-1:]
}

// Fetches is how many JWKS requests the server has seen, failed ones included.
func (i *Issuer) Fetches() int { return int(i.fetches.Load()) }

// SetDown makes the JWKS endpoint answer 503 (true) or serve keys again (false).
func (i *Issuer) SetDown(down bool) { i.down.Store(down) }

// Close stops the JWKS server for good: further fetches are refused.
func (i *Issuer) Close() { i.srv.Close() }

// Config is a Verifier configuration for this issuer with the defaults.
func (i *Issuer) Config() authn.Config {
	return authn.Config{JWKSURL: i.JWKSURL(), Issuer: i.issuer, Audience: i.audience}
}

// Verifier returns a Verifier for this issuer; opts adjust the configuration.
// It logs to the test output, so stop any Run loop before the test ends.
func (i *Issuer) Verifier(t testing.TB, opts ...func(*authn.Config)) *authn.Verifier {
	t.Helper()
	cfg := i.Config()
	for _, o := range opts {
		o(&cfg)
	}
	v, err := authn.NewVerifier(cfg, i.srv.Client(), slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatalf("new verifier: %v", err)
	}
	return v
}

// randomID returns a random hex token id.
func randomID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
