// Package httpapi serves the auth service's HTTP API: the anonymous routes
// of signing up, signing in and recovering an account (throttled per
// client address), the signed-in user's account, sessions and two-factor
// settings, and the JWKS. Handlers decode and validate input, call the
// application layer, and set or clear the refresh cookie.
package httpapi

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"strconv"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// Handler holds the auth service's HTTP handlers.
type Handler struct {
	app     *app.App
	limiter ratelimit.Limiter
	trusted []netip.Prefix
	ipKey   func(*http.Request) string
	logger  *slog.Logger
}

// New returns the handlers. limiter throttles the anonymous routes per
// client address; trusted are the proxies whose X-Forwarded-For is
// believed.
func New(a *app.App, limiter ratelimit.Limiter, trusted []netip.Prefix, logger *slog.Logger) *Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{app: a, limiter: limiter, trusted: trusted, logger: logger,
		ipKey: ratelimit.RemoteIPKey(ratelimit.TrustedProxies(trusted...))}
}

const b = authapi.BasePath

// Routes binds every route of authapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + authapi.JWKSPath:               h.jwks,
		"POST " + b + "/register":               h.throttled(h.register),
		"POST " + b + "/verify-email":           h.throttled(h.verifyEmail),
		"POST " + b + "/verify-email/resend":    h.throttled(h.resend),
		"POST " + b + "/login":                  h.throttled(h.login),
		"POST " + b + "/login/2fa":              h.throttled(h.loginSecondFactor),
		"POST " + b + "/refresh":                h.refresh,
		"POST " + b + "/password/forgot":        h.throttled(h.forgot),
		"POST " + b + "/password/reset":         h.throttled(h.reset),
		"POST " + b + "/unlock":                 h.throttled(h.unlock),
		"POST " + b + "/logout":                 h.logout,
		"GET " + b + "/me":                      h.me,
		"DELETE " + b + "/me":                   h.deleteMe,
		"POST " + b + "/password":               h.changePassword,
		"GET " + b + "/sessions":                h.sessions,
		"DELETE " + b + "/sessions/{id}":        h.revokeSession,
		"POST " + b + "/sessions/revoke-others": h.revokeOthers,
		"POST " + b + "/2fa/setup":              h.setup2FA,
		"POST " + b + "/2fa/enable":             h.enable2FA,
		"POST " + b + "/2fa/disable":            h.disable2FA,
		"POST " + b + "/2fa/recovery-codes":     h.recoveryCodes,
	}
	bound := make(map[string]http.Handler, len(handlers))
	for pattern, fn := range handlers {
		bound[pattern] = serve(fn)
	}
	return web.Bind(authapi.Routes, bound)
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// serve writes fn's errors as problems; a lockout is 423 Locked, which no
// error kind maps to.
func serve(fn web.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		switch {
		case err == nil:
		case errors.Is(err, domain.ErrAccountLocked):
			p := web.ProblemFor(r, err)
			p.Status, p.Title = http.StatusLocked, http.StatusText(http.StatusLocked)
			web.WriteProblem(w, p)
		default:
			web.WriteError(w, r, err)
		}
	})
}

// throttled limits fn per client address. A limiter that cannot answer
// (Redis down) lets requests through: the per-account lockout still holds.
func (h *Handler) throttled(fn web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if h.limiter != nil {
			res, err := h.limiter.Allow(r.Context(), "auth:"+h.ipKey(r))
			if err != nil {
				h.logger.WarnContext(r.Context(), "auth rate limiter unavailable; allowing", "err", err)
			} else if !res.Allowed {
				w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(res.RetryAfter.Seconds(), 1)))))
				return domain.ErrTooManyRequests
			}
		}
		return fn(w, r)
	}
}
