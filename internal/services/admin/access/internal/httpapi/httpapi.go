// Package httpapi serves the access service's HTTP API: the permission
// catalog and roles, staff user search and detail, role assignment, blocks
// and unlocks. Every handler's use case checks its permission; handlers
// decode and validate input and answer the public shapes of accessapi.
package httpapi

import (
	"net/http"

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

// Routes binds every public route of accessapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/permissions":         h.permissions,
		"GET " + b + "/roles":               h.roles,
		"PUT " + b + "/roles/{name}":        h.saveRole,
		"DELETE " + b + "/roles/{name}":     h.deleteRole,
		"GET " + b + "/users":               h.searchUsers,
		"GET " + b + "/users/{id}":          h.user,
		"PUT " + b + "/users/{id}/roles":    h.setRoles,
		"POST " + b + "/users/{id}/block":   h.block,
		"POST " + b + "/users/{id}/unblock": h.unblock,
		"POST " + b + "/users/{id}/unlock":  h.unlock,
	}
	return web.Bind(accessapi.Routes, handlers)
}

// Mux returns a handler serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }
