package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Middleware wraps an http.Handler.
type Middleware func(http.Handler) http.Handler

// Chain applies mws so that the first one is the outermost.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

type requestIDKey struct{}

// RequestIDHeader carries the request id between clients, the gateway and services.
const RequestIDHeader = "X-Request-Id"

// RequestID returns the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// WithRequestID returns ctx carrying id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// NewRequestID returns a random 16-byte hex id.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		if !(c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			return false
		}
	}
	return true
}

// RequestIDs keeps a well-formed incoming X-Request-Id (so one id follows a
// request from the gateway through every service) or makes a new one, and
// echoes it in the response.
func RequestIDs() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get(RequestIDHeader)
			if !validRequestID(id) {
				id = NewRequestID()
				r.Header.Set(RequestIDHeader, id)
			}
			w.Header().Set(RequestIDHeader, id)
			next.ServeHTTP(w, r.WithContext(WithRequestID(r.Context(), id)))
		})
	}
}

// StatusRecorder records the status and size a handler wrote.
type StatusRecorder struct {
	http.ResponseWriter
	Status int
	Bytes  int64
}

// WriteHeader records the status.
func (s *StatusRecorder) WriteHeader(code int) {
	if s.Status == 0 {
		s.Status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records the size (and an implicit 200).
func (s *StatusRecorder) Write(b []byte) (int, error) {
	if s.Status == 0 {
		s.Status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.Bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (flush,
// hijack for WebSockets, deadlines).
func (s *StatusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush forwards to the underlying writer when it can flush.
func (s *StatusRecorder) Flush() { _ = http.NewResponseController(s.ResponseWriter).Flush() }

// AccessLog logs one JSON line per request with method, path, route, status,
// size, duration and request id, and puts a request-scoped logger in the
// context. route names the pattern that served a request once it has been
// routed (the request AccessLog holds is not the one inner muxes route); nil
// reads Request.Pattern.
func AccessLog(logger *slog.Logger, route func(*http.Request) string) Middleware {
	if route == nil {
		route = func(r *http.Request) string { return r.Pattern }
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			l := logger.With("request_id", RequestID(r.Context()))
			rec := &StatusRecorder{ResponseWriter: w}
			inner := r.WithContext(WithLogger(r.Context(), l))
			next.ServeHTTP(rec, inner)
			if rec.Status == 0 {
				rec.Status = http.StatusOK
			}
			level := slog.LevelInfo
			if rec.Status >= 500 {
				level = slog.LevelError
			}
			l.LogAttrs(r.Context(), level, "http request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route(inner)),
				slog.Int("status", rec.Status), slog.Int64("bytes", rec.Bytes),
				slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
		})
	}
}

// Recover turns a panic in a handler into a logged 500 problem instead of a
// dropped connection. http.ErrAbortHandler is re-raised, as net/http expects.
func Recover() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				Logger(r.Context()).ErrorContext(r.Context(), "handler panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				WriteError(w, r, fmt.Errorf("panic: %v", v))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

type maxBodyKey struct{}

// MaxBody returns the body size limit for the request context.
func MaxBody(ctx context.Context) int64 {
	if n, ok := ctx.Value(maxBodyKey{}).(int64); ok {
		return n
	}
	return DefaultMaxBody
}

// BodyLimit caps request bodies at n bytes: a declared larger Content-Length
// is refused at once with 413, and readers stop at n. Routes given with a
// larger MaxBodyBytes (uploads) get their own limit instead.
func BodyLimit(n int64, routes ...Route) Middleware {
	// Routes that accept more (uploads) are found with a mux of their own
	// patterns, so the limit follows the same matching as the handlers.
	larger := http.NewServeMux()
	limits := map[string]int64{}
	for _, r := range routes {
		if r.MaxBodyBytes > n {
			if _, dup := limits[r.Pattern]; !dup {
				larger.Handle(r.Pattern, http.NotFoundHandler())
			}
			limits[r.Pattern] = r.MaxBodyBytes
		}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			limit := n
			if len(limits) > 0 {
				if _, pattern := larger.Handler(r); pattern != "" {
					limit = limits[pattern]
				}
			}
			if r.ContentLength > limit {
				WriteError(w, r, apperr.New(apperr.TooLarge, "body_too_large", fmt.Sprintf("the request body exceeds %d bytes", limit)))
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), maxBodyKey{}, limit)))
		})
	}
}

// Timeout bounds a request's context; handlers that respect the context stop
// and the client receives a 503 problem instead of waiting forever.
func Timeout(d time.Duration) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isUpgrade(r) || d <= 0 {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

func isUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// SecurityHeaders sets the browser protections every response carries. csp
// is the Content-Security-Policy; hsts adds Strict-Transport-Security (only
// meaningful when served over TLS).
func SecurityHeaders(csp string, hsts bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if csp != "" {
				h.Set("Content-Security-Policy", csp)
			}
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CORS allows the listed origins ("*" for any) to call the API from a
// browser. Preflight requests are answered here.
func CORS(origins []string) Middleware {
	allowAll := false
	allowed := map[string]bool{}
	for _, o := range origins {
		if o == "*" {
			allowAll = true
		}
		allowed[o] = true
	}
	return func(next http.Handler) http.Handler {
		if len(origins) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if origin == "" || !(allowAll || allowed[origin]) {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, ETag")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key, If-Match, X-Request-Id")
				h.Set("Access-Control-Max-Age", strconv.Itoa(600))
				w.WriteHeader(http.StatusNoContent)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// NotFound answers unmatched API paths with a problem document.
func NotFound() http.Handler {
	return HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.New(apperr.NotFound, "route_not_found", "no such API route: "+r.Method+" "+r.URL.Path)
	})
}

// Route is one route of a service's API: its ServeMux pattern (method and
// public path) and whether anonymous callers may use it. Gateways mount
// routes and the OpenAPI test checks them against the document.
type Route struct {
	Pattern   string
	Anonymous bool
	Handler   http.Handler
	// MaxBodyBytes raises the server's body limit for this route (uploads);
	// 0 keeps the server's limit.
	MaxBodyBytes int64
}

// ProblemMux wraps a ServeMux so that its own 404 and 405 answers (no route
// matched) are problem documents like every other error.
func ProblemMux(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &statusOnly{header: http.Header{}}
		mux.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusMethodNotAllowed:
			if allow := rec.header.Get("Allow"); allow != "" {
				w.Header().Set("Allow", allow)
			}
			WriteProblem(w, ProblemFor(r, apperr.New(apperr.Invalid, "method_not_allowed",
				r.Method+" is not allowed on "+r.URL.Path)).withStatus(http.StatusMethodNotAllowed))
		case http.StatusMovedPermanently, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusFound:
			w.Header().Set("Location", rec.header.Get("Location"))
			w.WriteHeader(rec.status)
		default:
			WriteError(w, r, apperr.New(apperr.NotFound, "route_not_found", "no such API route: "+r.Method+" "+r.URL.Path))
		}
	})
}

func (p Problem) withStatus(status int) Problem {
	p.Status = status
	p.Title = http.StatusText(status)
	return p
}

// statusOnly records what a handler answered without sending it.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header         { return s.header }
func (s *statusOnly) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusOnly) WriteHeader(code int)        { s.status = code }

// Bind returns routes with each one's handler from handlers, keyed by
// pattern. A route without a handler, or a handler without a route, is a
// programming error caught by any test that builds the service, so it
// panics rather than serving a partial API.
func Bind[H http.Handler](routes []Route, handlers map[string]H) []Route {
	out := make([]Route, 0, len(routes))
	for _, r := range routes {
		h, ok := handlers[r.Pattern]
		if !ok {
			panic("route without a handler: " + r.Pattern)
		}
		r.Handler = h
		out = append(out, r)
	}
	if len(handlers) != len(out) {
		panic(fmt.Sprintf("%d handlers for %d routes: a handler has no route", len(handlers), len(out)))
	}
	return out
}

// Mux serves routes with one ServeMux whose own 404 and 405 answers are
// problem documents (for a service's handler outside the gateway).
func Mux(routes []Route) http.Handler {
	mux := http.NewServeMux()
	for _, r := range routes {
		mux.Handle(r.Pattern, r.Handler)
	}
	return ProblemMux(mux)
}
