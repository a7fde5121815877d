package authn

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// maxTokenBytes rejects absurdly large tokens before any parsing work.
const maxTokenBytes = 8 << 10

// Verifier checks SportHub access tokens. It is safe for concurrent use.
type Verifier struct {
	cfg    Config
	client *http.Client
	logger *slog.Logger
	parser *jwt.Parser
	static bool // keys were given to NewStaticVerifier and never fetched

	keys atomic.Pointer[keySet] // nil until the first successful fetch

	mu          sync.Mutex // serialises fetches and guards the times below
	lastRefetch time.Time  // last fetch caused by an unknown kid
	lastFailure time.Time  // last failed fetch

	verified *tokenCache
	revoked  atomic.Pointer[Revocations]
}

// Revocations says whether a verified token has been revoked before its
// expiry: its session was ended, or every token of its user issued before
// some time was invalidated (password change, block, new roles). The auth
// service publishes revocations as events; each process keeps the recent
// ones in memory, see authapi.RevocationList.
type Revocations interface {
	Revoked(p *Principal) bool
}

// SetRevocations makes Verify refuse tokens r reports as revoked.
func (v *Verifier) SetRevocations(r Revocations) {
	v.revoked.Store(&r)
}

// checkRevoked returns p, or the invalid_token error when p was revoked.
func (v *Verifier) checkRevoked(p *Principal) (*Principal, error) {
	if r := v.revoked.Load(); r != nil && (*r).Revoked(p) {
		return nil, apperr.New(apperr.Unauthorized, "invalid_token", "the access token has been revoked")
	}
	return p, nil
}

// keySet is one immutable generation of verification keys.
type keySet struct {
	keys      map[string]ed25519.PublicKey
	fetchedAt time.Time
}

// NewVerifier returns a Verifier for tokens issued by cfg.Issuer for
// cfg.Audience, with keys from cfg.JWKSURL. Nothing is fetched until the first
// Verify (or Run). A nil client uses a default one; a nil logger discards.
func NewVerifier(cfg Config, client *http.Client, logger *slog.Logger) (*Verifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("new verifier: %w", err)
	}
	if client == nil {
		client = &http.Client{}
	}
	return newVerifier(cfg, client, logger), nil
}

// NewStaticVerifier returns a Verifier with a fixed key set, for processes
// that hold the issuer's keys themselves (the auth service, tests). It never
// fetches anything.
func NewStaticVerifier(keys map[string]ed25519.PublicKey, issuer, audience string) (*Verifier, error) {
	cfg := Config{JWKSURL: "http://static.invalid/jwks", Issuer: issuer, Audience: audience}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("new static verifier: %w", err)
	}
	if len(keys) == 0 {
		return nil, errors.New("new static verifier: no keys")
	}
	set := make(map[string]ed25519.PublicKey, len(keys))
	for kid, k := range keys {
		if kid == "" || len(k) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("new static verifier: key %q is not a valid Ed25519 public key", kid)
		}
		set[kid] = k
	}
	v := newVerifier(cfg, nil, nil)
	v.static = true
	v.keys.Store(&keySet{keys: set, fetchedAt: v.cfg.Clock()})
	return v, nil
}

func newVerifier(cfg Config, client *http.Client, logger *slog.Logger) *Verifier {
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Verifier{
		cfg:    cfg,
		client: client,
		logger: logger,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{Algorithm}),
			jwt.WithIssuer(cfg.Issuer),
			jwt.WithAudience(cfg.Audience),
			jwt.WithLeeway(cfg.Leeway),
			jwt.WithExpirationRequired(),
			jwt.WithIssuedAt(),
			jwt.WithTimeFunc(cfg.Clock),
		),
		verified: newTokenCache(maxCachedTokens),
	}
}

// Verify checks token (the compact JWS, without "Bearer ") and returns its
// Principal. Only EdDSA signatures by a key of the issuer's JWKS are accepted,
// and exp, nbf, iat, iss and aud must hold. Any token problem is an
// Unauthorized error with code "invalid_token"; when no keys can be obtained
// at all the error is Unavailable with code "jwks_unavailable".
func (v *Verifier) Verify(ctx context.Context, token string) (*Principal, error) {
	if token == "" || len(token) > maxTokenBytes {
		return nil, invalidToken(errors.New("empty or oversized token"))
	}
	// The cache is consulted only while the key set is fresh: a stale one is
	// fetched again on the full path, which may retire the token's key.
	now := v.cfg.Clock()
	if ks := v.keys.Load(); ks != nil && (v.static || now.Sub(ks.fetchedAt) < v.cfg.RefreshInterval) {
		if p, ok := v.verified.get(token, now, ks); ok {
			return v.checkRevoked(p)
		}
	}
	var claims Claims
	var kid string
	_, err := v.parser.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		// The parser already enforces the algorithm list; checking the
		// method's type again keeps a key from ever meeting another algorithm.
		if _, ok := t.Method.(*jwt.SigningMethodEd25519); !ok {
			return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
		}
		kid, _ = t.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		return v.key(ctx, kid)
	})
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Kind == apperr.Unavailable {
			return nil, ae
		}
		if errors.Is(err, jwt.ErrTokenExpired) {
			return nil, apperr.Wrap(err, apperr.Unauthorized, "invalid_token", "the access token has expired")
		}
		return nil, invalidToken(err)
	}
	if claims.Subject == "" {
		return nil, invalidToken(errors.New("token has no subject"))
	}
	p := claims.principal()
	// Cached until exp (the leeway is not extended to cached tokens).
	v.verified.put(token, kid, p, p.ExpiresAt)
	return v.checkRevoked(p)
}

// invalidToken is the single error callers see for a bad token; the cause is
// kept for logs only.
func invalidToken(cause error) error {
	return apperr.Wrap(cause, apperr.Unauthorized, "invalid_token", "the access token is invalid")
}
