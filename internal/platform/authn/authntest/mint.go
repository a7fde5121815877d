package authntest

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

// DefaultTTL is the lifetime of minted tokens unless MintOptions.TTL says otherwise.
const DefaultTTL = 5 * time.Minute

// MintOptions describes a token to mint. Zero fields take sensible defaults.
type MintOptions struct {
	Subject      string
	SessionID    string
	TokenID      string // default: random
	Roles        []string
	Permissions  []string
	Entitlements []string
	TTL          time.Duration // exp = IssuedAt + TTL; default DefaultTTL; negative mints an expired token
	IssuedAt     time.Time     // default: now
	NotBefore    time.Time     // default: no nbf claim
	Issuer       string        // overrides the issuer's name
	Audience     string        // overrides the issuer's audience
	KeyID        string        // overrides the kid header (the current key still signs), e.g. to forge kids
}

// MintOption adjusts the MintOptions of Mint.
type MintOption func(*MintOptions)

// WithRoles sets the token's roles.
func WithRoles(roles ...string) MintOption { return func(o *MintOptions) { o.Roles = roles } }

// WithPermissions sets the token's permissions.
func WithPermissions(perms ...string) MintOption {
	return func(o *MintOptions) { o.Permissions = perms }
}

// WithEntitlements sets the token's entitlements.
func WithEntitlements(ents ...string) MintOption {
	return func(o *MintOptions) { o.Entitlements = ents }
}

// WithSessionID sets the token's session id.
func WithSessionID(sid string) MintOption { return func(o *MintOptions) { o.SessionID = sid } }

// WithTTL sets the token's lifetime.
func WithTTL(ttl time.Duration) MintOption { return func(o *MintOptions) { o.TTL = ttl } }

// Mint returns a signed access token for sub.
func (i *Issuer) Mint(t testing.TB, sub string, opts ...MintOption) string {
	t.Helper()
	o := MintOptions{Subject: sub}
	for _, opt := range opts {
		opt(&o)
	}
	return i.Token(t, o)
}

// Token returns a signed access token described by o.
func (i *Issuer) Token(t testing.TB, o MintOptions) string {
	t.Helper()
	if o.IssuedAt.IsZero() {
		o.IssuedAt = time.Now()
	}
	if o.TTL == 0 {
		o.TTL = DefaultTTL
	}
	if o.TokenID == "" {
		o.TokenID = randomID()
	}
	iss, aud := i.issuer, i.audience
	if o.Issuer != "" {
		iss = o.Issuer
	}
	if o.Audience != "" {
		aud = o.Audience
	}
	c := authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    iss,
			Subject:   o.Subject,
			Audience:  jwt.ClaimStrings{aud},
			ExpiresAt: jwt.NewNumericDate(o.IssuedAt.Add(o.TTL)),
			IssuedAt:  jwt.NewNumericDate(o.IssuedAt),
			ID:        o.TokenID,
		},
		Roles:        o.Roles,
		Permissions:  o.Permissions,
		Entitlements: o.Entitlements,
		SessionID:    o.SessionID,
	}
	if !o.NotBefore.IsZero() {
		c.NotBefore = jwt.NewNumericDate(o.NotBefore)
	}
	return i.sign(t, c, o.KeyID)
}

// Sign signs arbitrary claims with the current key (kid header set), for
// tests that need claims Token cannot express.
func (i *Issuer) Sign(t testing.TB, claims jwt.Claims) string {
	t.Helper()
	return i.sign(t, claims, "")
}

func (i *Issuer) sign(t testing.TB, claims jwt.Claims, kid string) string {
	t.Helper()
	k := i.current()
	if kid == "" {
		kid = k.kid
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(k.priv)
	if err != nil {
		t.Fatalf("sign token: %v", err)
	}
	return s
}
