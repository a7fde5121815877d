// Package httpapi serves the access service's HTTP API: the permission
// catalog and roles, staff user search and detail, role assignment, blocks
// and unlocks. Every route checks its permission before reading the request,
// and its use case checks it again; handlers decode and validate input and
// answer the public shapes of accessapi.
package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/app"
)

// Handler holds the access service's HTTP handlers.
type Handler struct {
	app *app.App
}

// New returns the handlers over the application layer.
func New(a *app.App) *Handler { return &Handler{app: a} }

const b = accessapi.BasePath

// Routes binds every public route of accessapi.Routes to its handler,
// behind a check of the route's permission that runs before the request is
// read, so a caller without it learns nothing about the input the route
// expects. The use cases check the same permission again.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]http.Handler{
		"GET " + b + "/permissions":         guard(accessapi.PermRolesRead, h.permissions),
		"GET " + b + "/roles":               guard(accessapi.PermRolesRead, h.roles),
		"PUT " + b + "/roles/{name}":        guard(accessapi.PermRolesWrite, h.saveRole),
		"DELETE " + b + "/roles/{name}":     guard(accessapi.PermRolesWrite, h.deleteRole),
		"GET " + b + "/users":               guard(accessapi.PermUsersRead, h.searchUsers),
		"GET " + b + "/users/{id}":          guard(accessapi.PermUsersRead, h.user),
		"PUT " + b + "/users/{id}/roles":    guard(accessapi.PermGrantsWrite, h.setRoles),
		"POST " + b + "/users/{id}/block":   guard(accessapi.PermUsersBlock, h.block),
		"POST " + b + "/users/{id}/unblock": guard(accessapi.PermUsersBlock, h.unblock),
		"POST " + b + "/users/{id}/unlock":  guard(accessapi.PermUsersUnlock, h.unlock),
	}
	return web.Bind(accessapi.Routes, handlers)
}

// guard answers 401 or 403 before fn runs when the caller lacks perm.
func guard(perm string, fn web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := authn.RequirePermission(r.Context(), perm); err != nil {
			return err
		}
		return fn(w, r)
	}
}

// Mux returns a handler serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }
