package observability

import (
	"bufio"
	"context"
	"net"
	"net/http"
)

// unmatchedRoute labels requests the mux matched to no pattern (404, 405, redirects).
const unmatchedRoute = "unmatched"

// exchange is the per-request state this package's middlewares of one service share:
// the response status, recorded as the response writer, and the route pattern the mux
// matched. The outermost middleware creates it; inner ones of the same service find it
// in the request context and reuse it, so the response is wrapped once.
type exchange struct {
	http.ResponseWriter
	service string
	status  int
	pattern string
}

type exchangeKey struct{}

// enter returns the exchange of service for this request, creating one when ctx holds
// none, with the writer and context to pass to the next handler.
func enter(ctx context.Context, w http.ResponseWriter, service string) (*exchange, http.ResponseWriter, context.Context) {
	if ex, ok := ctx.Value(exchangeKey{}).(*exchange); ok && ex.service == service {
		return ex, w, ctx
	}
	ex := &exchange{ResponseWriter: w, service: service}
	return ex, ex, context.WithValue(ctx, exchangeKey{}, ex)
}

// route returns the most specific pattern that routed the request: the one an inner
// CaptureRoute recorded, else the pattern set on req (the request passed to the next
// handler; an outer mux may have set it before this middleware ran), and remembers it
// for the middlewares further out.
func (e *exchange) route(req *http.Request) string {
	if e.pattern == "" {
		e.pattern = req.Pattern
	}
	if e.pattern == "" {
		return unmatchedRoute
	}
	return e.pattern
}

// code returns the response status; a handler that wrote nothing sent 200.
func (e *exchange) code() int {
	if e.status == 0 {
		return http.StatusOK
	}
	return e.status
}

func (e *exchange) WriteHeader(code int) {
	// 1xx responses other than 101 Switching Protocols precede the final status.
	if e.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		e.status = code
	}
	e.ResponseWriter.WriteHeader(code)
}

func (e *exchange) Write(b []byte) (int, error) {
	if e.status == 0 {
		e.status = http.StatusOK
	}
	return e.ResponseWriter.Write(b)
}

// Flush keeps streaming responses (server-sent events) working through the wrapper.
func (e *exchange) Flush() {
	if e.status == 0 {
		e.status = http.StatusOK
	}
	_ = http.NewResponseController(e.ResponseWriter).Flush()
}

// Hijack keeps WebSocket upgrades working for code that type-asserts http.Hijacker.
func (e *exchange) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(e.ResponseWriter).Hijack()
}

// Unwrap lets http.ResponseController reach the underlying writer's features.
func (e *exchange) Unwrap() http.ResponseWriter { return e.ResponseWriter }

// CaptureRoute wraps a ServeMux (or any handler that sets Request.Pattern) so the matched
// pattern reaches HTTPMiddleware and TraceMiddleware even when a middleware between
// them and the mux replaced the request, for example with r.WithContext.
func CaptureRoute(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		// The innermost mux runs last and returns first: keep its pattern
		// (the most specific) when muxes are nested.
		if ex, ok := r.Context().Value(exchangeKey{}).(*exchange); ok && r.Pattern != "" && ex.pattern == "" {
			ex.pattern = r.Pattern
		}
	})
}

// Route returns the route pattern that served r, as far as routing got: the
// innermost pattern a CaptureRoute recorded, else r.Pattern. The access log
// uses it so its route field matches the metrics' route label.
func Route(r *http.Request) string {
	if ex, ok := r.Context().Value(exchangeKey{}).(*exchange); ok && ex.pattern != "" {
		return ex.pattern
	}
	return r.Pattern
}
