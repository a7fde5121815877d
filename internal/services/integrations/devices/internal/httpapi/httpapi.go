// Package httpapi serves the devices service's HTTP API: the caller's
// devices and pairing codes, pairing by a device, live ingest over HTTP and
// WebSocket, and file imports. Handlers decode and validate input, resolve
// who is calling (a user's access token or a device's token), call the
// application layer and answer the public shapes of devicesapi.
package httpapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

// Options are the HTTP layer's settings.
type Options struct {
	// MaxImportBody is the body limit of POST /imports.
	MaxImportBody int64
	// ImportTimeout bounds one upload's processing, which may outlast the
	// server's request timeout (a bulk export of hundreds of files).
	ImportTimeout time.Duration
	// WSAuthTimeout is how long a new WebSocket may take to authenticate;
	// WSPingInterval how often an idle one is pinged; WSInFlight how many
	// batches of one connection are processed at once.
	WSAuthTimeout  time.Duration
	WSPingInterval time.Duration
	WSInFlight     int
}

// Handler holds the devices service's HTTP handlers.
type Handler struct {
	app      *app.App
	verifier *authn.Verifier
	opt      Options
	stopping <-chan struct{}
}

// New returns the handlers. verifier checks access tokens sent in a
// WebSocket's first message (nil: only device tokens work there);
// stopping is closed when the service stops, which ends WebSockets.
func New(a *app.App, verifier *authn.Verifier, opt Options, stopping <-chan struct{}) *Handler {
	if opt.MaxImportBody <= 0 {
		opt.MaxImportBody = devicesapi.DefaultMaxImportBody
	}
	if opt.ImportTimeout <= 0 {
		opt.ImportTimeout = 10 * time.Minute
	}
	if opt.WSAuthTimeout <= 0 {
		opt.WSAuthTimeout = 10 * time.Second
	}
	if opt.WSPingInterval <= 0 {
		opt.WSPingInterval = 30 * time.Second
	}
	if opt.WSInFlight <= 0 {
		opt.WSInFlight = 8
	}
	return &Handler{app: a, verifier: verifier, opt: opt, stopping: stopping}
}

const b = devicesapi.BasePath

// Routes binds every public route of devicesapi.Routes to its handler,
// with the configured body limit of the import route.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/me":           h.list,
		"POST " + b + "/me/pairings": h.createPairing,
		"PATCH " + b + "/me/{id}":    h.update,
		"DELETE " + b + "/me/{id}":   h.remove,
		"POST " + b + "/pair":        h.pair,
		"POST " + b + "/ingest":      h.ingest,
		"GET " + b + "/ingest/ws":    h.ingestWS,
		"POST " + b + "/imports":     h.upload,
		"GET " + b + "/imports":      h.imports,
		"GET " + b + "/imports/{id}": h.importOne,
	}
	routes := web.Bind(devicesapi.Routes, handlers)
	for i := range routes {
		if routes[i].Pattern == "POST "+b+"/imports" {
			routes[i].MaxBodyBytes = h.opt.MaxImportBody
		}
	}
	return routes
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// caller is who sends data to ingest or imports: a device (its token in
// X-Device-Token) or a user (an access token, verified by the gateway or
// the token middleware). Both at once is refused rather than guessed.
func (h *Handler) caller(r *http.Request) (app.Caller, error) {
	tok := r.Header.Get(devicesapi.DeviceTokenHeader)
	p, isUser := authn.FromContext(r.Context())
	switch {
	case tok != "" && isUser:
		return app.Caller{}, domain.ErrAmbiguousCaller
	case tok != "":
		return h.app.DeviceCaller(r.Context(), tok)
	case isUser:
		return app.Caller{UserID: p.Subject}, nil
	}
	return app.Caller{}, domain.ErrUnauthenticated
}

// detach gives long work (an upload's imports) its own time limit instead
// of the request's, while still ending it when the client goes away.
func detach(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), d)
	stop := context.AfterFunc(parent, func() {
		if !errors.Is(parent.Err(), context.DeadlineExceeded) {
			cancel()
		}
	})
	return ctx, func() { stop(); cancel() }
}

// deviceToAPI converts a device to its public shape.
func deviceToAPI(d domain.Device) devicesapi.Device {
	out := devicesapi.Device{ID: d.ID, Kind: d.Kind, Name: d.Name, Manufacturer: d.Manufacturer, Model: d.Model,
		Serial: d.Serial, Firmware: d.Firmware, PairedAt: d.PairedAt, LastSeenAt: d.LastSeenAt}
	if w := d.Settings.WheelCircumferenceM; w != 0 {
		out.Settings.WheelCircumferenceM = &w
	}
	return out
}

// importToAPI converts an import to its public shape.
func importToAPI(im domain.Import) devicesapi.Import {
	w := im.Warnings
	if w == nil {
		w = []string{}
	}
	return devicesapi.Import{ID: im.ID, FileName: im.FileName, Format: im.Format, Status: im.Status, Reason: im.Reason,
		Detail: im.Detail, ActivityID: im.ActivityID, DuplicateOf: im.DuplicateOf, DeviceID: im.DeviceID, Warnings: w,
		Sport: im.Sport, StartedAt: im.StartedAt, ElapsedS: im.ElapsedS, DistanceM: im.DistanceM, SizeBytes: im.SizeBytes,
		CreatedAt: im.CreatedAt, UpdatedAt: im.UpdatedAt}
}
