// Package authapi is the auth service's public contract: its routes, the
// JSON shapes of its HTTP API, its versioned event payloads, the
// notification types it sends (with their texts) and the permissions it
// checks. It is the only auth package other services import.
package authapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/user/auth"

// JWKSPath is where the public keys that verify access tokens are published.
const JWKSPath = "/.well-known/jwks.json"

// RefreshCookie is the cookie that carries the refresh token in browsers
// (HttpOnly, SameSite=Strict, Path=BasePath).
const RefreshCookie = "sh_refresh"

// Routes are the service's public routes. Everything a signed-out visitor
// needs (registration, login, recovery) is anonymous; the rest needs an
// access token.
var Routes = []web.Route{
	{Pattern: "GET " + JWKSPath, Anonymous: true},
	{Pattern: "POST " + BasePath + "/register", Anonymous: true},
	{Pattern: "POST " + BasePath + "/verify-email", Anonymous: true},
	{Pattern: "POST " + BasePath + "/verify-email/resend", Anonymous: true},
	{Pattern: "POST " + BasePath + "/login", Anonymous: true},
	{Pattern: "POST " + BasePath + "/login/2fa", Anonymous: true},
	{Pattern: "POST " + BasePath + "/refresh", Anonymous: true},
	{Pattern: "POST " + BasePath + "/password/forgot", Anonymous: true},
	{Pattern: "POST " + BasePath + "/password/reset", Anonymous: true},
	{Pattern: "POST " + BasePath + "/unlock", Anonymous: true},
	{Pattern: "POST " + BasePath + "/logout"},
	{Pattern: "GET " + BasePath + "/me"},
	{Pattern: "DELETE " + BasePath + "/me"},
	{Pattern: "POST " + BasePath + "/password"},
	{Pattern: "GET " + BasePath + "/sessions"},
	{Pattern: "DELETE " + BasePath + "/sessions/{id}"},
	{Pattern: "POST " + BasePath + "/sessions/revoke-others"},
	{Pattern: "POST " + BasePath + "/2fa/setup"},
	{Pattern: "POST " + BasePath + "/2fa/enable"},
	{Pattern: "POST " + BasePath + "/2fa/disable"},
	{Pattern: "POST " + BasePath + "/2fa/recovery-codes"},
}
