package authn

import (
	"net/http"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// Middleware authenticates requests that carry "Authorization: Bearer <token>"
// and puts the Principal into the request context. It does not decide access:
//   - a request whose context already holds a Principal (verified by the
//     in-process gateway) passes through untouched;
//   - a request without an Authorization header passes through anonymous, and
//     each route decides with Require or RequirePermission;
//   - a bad token is answered 401 problem+json with
//     `WWW-Authenticate: Bearer error="invalid_token"`, an Authorization header
//     of another scheme 401 with code "unsupported_auth_scheme";
//   - when the signing keys cannot be had at all the answer is 503.
//
// A nil v means no authentication is configured: bearer tokens are then
// refused with 401 (code "auth_not_configured") instead of being trusted.
func Middleware(v *Verifier) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := FromContext(r.Context()); ok {
				next.ServeHTTP(w, r)
				return
			}
			header := r.Header.Get("Authorization")
			if header == "" {
				next.ServeHTTP(w, r)
				return
			}
			token, ok := bearerToken(header)
			if !ok {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_request"`)
				web.WriteError(w, r, apperr.New(apperr.Unauthorized, "unsupported_auth_scheme",
					"only Bearer access tokens are accepted"))
				return
			}
			if v == nil {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				web.WriteError(w, r, apperr.New(apperr.Unauthorized, "auth_not_configured",
					"this server does not accept access tokens"))
				return
			}
			p, err := v.Verify(r.Context(), token)
			if err != nil {
				if apperr.IsKind(err, apperr.Unauthorized) {
					w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				}
				web.WriteError(w, r, err)
				return
			}
			// The token travels on with the principal, so clients calling other
			// services on the caller's behalf (web.DoJSON) forward it.
			ctx := web.WithBearerToken(WithPrincipal(r.Context(), p), token)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// bearerToken extracts the token of a "Bearer <token>" header value. The
// scheme is case-insensitive (RFC 9110); an empty token is still a bearer
// attempt and fails verification.
func bearerToken(header string) (string, bool) {
	scheme, token, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}
