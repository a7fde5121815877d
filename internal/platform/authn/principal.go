// Package authn verifies SportHub access tokens and carries the caller's
// identity through a request.
//
// The auth service issues short-lived EdDSA (Ed25519) JWTs and publishes its
// public keys as a JWKS. A Verifier checks a token's signature against that
// key set (fetched lazily, cached, refreshed on a schedule and on unknown key
// ids, rate limited) and its issuer, audience and validity window, and turns
// it into a Principal. Middleware puts the Principal into the request context;
// each handler then decides with Require or RequirePermission, so permissions
// are enforced in the services themselves, not only at the gateway.
package authn

import (
	"context"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Principal is the verified caller of a request.
type Principal struct {
	Subject      string    // the user id (JWT "sub")
	SessionID    string    // the login session the token belongs to (JWT "sid")
	TokenID      string    // the token's unique id (JWT "jti")
	Roles        []string  // e.g. "admin", "coach"
	Permissions  []string  // e.g. "catalog.products.write"
	Entitlements []string  // e.g. "premium"
	AMR          []string  // authentication methods of the session, e.g. "pwd", "otp"
	IssuedAt     time.Time // when the access token was issued
	ExpiresAt    time.Time // when the access token stops being valid
}

// HasPermission reports whether the principal holds permission perm exactly.
// A nil principal holds nothing.
func (p *Principal) HasPermission(perm string) bool {
	return p != nil && perm != "" && slices.Contains(p.Permissions, perm)
}

// HasRole reports whether the principal holds role exactly.
func (p *Principal) HasRole(role string) bool {
	return p != nil && role != "" && slices.Contains(p.Roles, role)
}

// HasEntitlement reports whether the principal holds entitlement ent exactly.
func (p *Principal) HasEntitlement(ent string) bool {
	return p != nil && ent != "" && slices.Contains(p.Entitlements, ent)
}

// principalKey is the context key for the request's Principal.
type principalKey struct{}

// WithPrincipal returns a copy of ctx carrying p. The in-process gateway and
// Middleware call it after verifying a token; tests call it to act as a user.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the Principal carried by ctx, if any.
func FromContext(ctx context.Context) (*Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(*Principal)
	return p, ok && p != nil
}

// Require returns the caller's Principal, or an Unauthorized error with code
// "unauthenticated" when the request is anonymous.
func Require(ctx context.Context) (*Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return nil, apperr.New(apperr.Unauthorized, "unauthenticated", "authentication is required")
	}
	return p, nil
}

// RequirePermission returns the caller's Principal when it holds perm. An
// anonymous caller gets Unauthorized ("unauthenticated"); an authenticated one
// without perm gets Forbidden with code "permission_denied" naming perm.
func RequirePermission(ctx context.Context, perm string) (*Principal, error) {
	p, err := Require(ctx)
	if err != nil {
		return nil, err
	}
	if !p.HasPermission(perm) {
		return nil, apperr.New(apperr.Forbidden, "permission_denied", "missing permission "+perm)
	}
	return p, nil
}
