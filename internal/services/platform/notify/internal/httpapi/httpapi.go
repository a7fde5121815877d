// Package httpapi serves notify's HTTP API: notification types, the
// in-app inbox and its live WebSocket, push subscriptions and delivery
// logs. Handlers check the caller, validate input, call the application
// layer and answer in the public shapes of notifyapi.
package httpapi

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/app"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/live"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// LiveOptions tune the live inbox WebSocket.
type LiveOptions struct {
	// OriginPatterns are the browser origins (host patterns, path.Match
	// syntax) allowed besides the request's own host.
	OriginPatterns []string
	// PingInterval is how often the server pings an idle connection.
	PingInterval time.Duration
	// WriteTimeout bounds one message write.
	WriteTimeout time.Duration
}

// Handler holds notify's HTTP handlers.
type Handler struct {
	app    *app.App
	hub    *live.Hub
	live   LiveOptions
	logger *slog.Logger
}

// New returns the handlers.
func New(a *app.App, hub *live.Hub, opts LiveOptions, logger *slog.Logger) *Handler {
	return &Handler{app: a, hub: hub, live: opts, logger: logger}
}

const b = notifyapi.BasePath

// Routes binds every public route of notifyapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/types":                 h.types,
		"GET " + b + "/inbox":                 h.inbox,
		"GET " + b + "/inbox/unread-count":    h.unreadCount,
		"POST " + b + "/inbox/{id}/read":      h.markRead,
		"POST " + b + "/inbox/read-all":       h.markAllRead,
		"POST " + b + "/inbox/ticket":         h.ticket,
		"GET " + b + "/inbox/live":            h.liveInbox,
		"GET " + b + "/push/vapid-public-key": h.vapidKey,
		"POST " + b + "/push/subscriptions":   h.subscribe,
		"DELETE " + b + "/push/subscriptions": h.unsubscribe,
		"GET " + b + "/deliveries":            h.ownDeliveries,
		"GET " + b + "/admin/deliveries":      h.adminDeliveries,
	}
	return web.Bind(notifyapi.Routes, handlers)
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }
