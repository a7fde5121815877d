// Package httpapi serves the tracker's HTTP API: live sessions and their
// share links, the live view WebSockets, safety settings, activities
// (list, detail, edit, delete, streams, route, export, recompute) and the
// glance. Handlers decode and validate input, call the application layer
// and answer the shapes of trackerapi.
package httpapi

import (
	"errors"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// LiveOptions tune the live view WebSockets.
type LiveOptions struct {
	OriginPatterns []string
	PingInterval   time.Duration
	WriteTimeout   time.Duration
}

// Handler holds the tracker's HTTP handlers.
type Handler struct {
	app  *app.App
	live LiveOptions
}

// New returns the handlers over the application layer.
func New(a *app.App, live LiveOptions) *Handler { return &Handler{app: a, live: live} }

const b = trackerapi.BasePath

// Routes binds every public route of trackerapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"POST " + b + "/sessions":                          h.start,
		"GET " + b + "/sessions/current":                   h.current,
		"GET " + b + "/sessions/{id}":                      h.session,
		"POST " + b + "/sessions/{id}/pause":               h.pause,
		"POST " + b + "/sessions/{id}/resume":              h.resume,
		"POST " + b + "/sessions/{id}/finish":              h.finish,
		"POST " + b + "/sessions/{id}/discard":             h.discard,
		"POST " + b + "/sessions/{id}/sos":                 h.sos,
		"POST " + b + "/sessions/{id}/watch-tickets":       h.watchTicket,
		"GET " + b + "/sessions/{id}/live":                 h.liveView,
		"POST " + b + "/sessions/{id}/shares":              h.createShare,
		"GET " + b + "/sessions/{id}/shares":               h.shares,
		"DELETE " + b + "/sessions/{id}/shares/{share_id}": h.deleteShare,
		"GET " + b + "/shared/{token}":                     h.shared,
		"GET " + b + "/shared/{token}/live":                h.sharedLive,
		"GET " + b + "/me/safety":                          h.getSafety,
		"PUT " + b + "/me/safety":                          h.putSafety,
		"GET " + b + "/activities":                         h.listActivities,
		"GET " + b + "/activities/{id}":                    h.activity,
		"PATCH " + b + "/activities/{id}":                  h.patchActivity,
		"DELETE " + b + "/activities/{id}":                 h.deleteActivity,
		"GET " + b + "/activities/{id}/streams":            h.streams,
		"GET " + b + "/activities/{id}/route":              h.route,
		"GET " + b + "/activities/{id}/export":             h.export,
		"POST " + b + "/activities/{id}/recompute":         h.recompute,
		"GET " + b + "/glance":                             h.glance,
	}
	routes := make(map[string]http.Handler, len(handlers))
	for k, fn := range handlers {
		routes[k] = errorsAs410(fn)
	}
	return web.Bind(trackerapi.Routes, routes)
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// errorsAs410 writes a handler's errors, answering an expired share link
// 410 Gone (a status no error kind maps to).
func errorsAs410(fn web.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		if errors.Is(err, domain.ErrShareExpired) {
			p := web.ProblemFor(r, err)
			p.Status, p.Title = http.StatusGone, http.StatusText(http.StatusGone)
			web.WriteProblem(w, p)
			return
		}
		web.WriteError(w, r, err)
	})
}

// private marks an answer that differs per caller.
func private(w http.ResponseWriter) { w.Header().Set("Cache-Control", "private, no-store") }
