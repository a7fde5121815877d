// Package web holds SportHub's HTTP conventions: RFC 9457 problem+json
// errors with stable codes, strict JSON decoding and validation, request ids,
// access logs, panic recovery, body limits, security headers, CORS and cursor
// pagination. Handlers return errors; only this package turns an error kind
// into a status code, so every service answers failures the same way.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// ProblemContentType is the media type of RFC 9457 problem details.
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem details document with SportHub's extension
// members: a stable machine code, the request id and per-field errors.
type Problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Instance  string              `json:"instance,omitempty"`
	Code      string              `json:"code"`
	RequestID string              `json:"request_id,omitempty"`
	Errors    []apperr.FieldError `json:"errors,omitempty"`
}

// StatusOf maps an error kind to its HTTP status.
func StatusOf(k apperr.Kind) int {
	switch k {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	case apperr.TooMany:
		return http.StatusTooManyRequests
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.Unprocessable:
		return http.StatusUnprocessableEntity
	default:
		return http.StatusInternalServerError
	}
}

// ProblemFor builds the problem document for err. Errors without a kind are
// internal: their text is never shown, only a generic message.
func ProblemFor(r *http.Request, err error) Problem {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		ae = &apperr.Error{Kind: apperr.Internal, Code: "internal_error", Message: "an unexpected error occurred"}
	}
	if errors.Is(err, context.DeadlineExceeded) && ae.Kind == apperr.Internal {
		ae = &apperr.Error{Kind: apperr.Unavailable, Code: "timeout", Message: "the request took too long"}
	}
	status := StatusOf(ae.Kind)
	detail := ae.Message
	if ae.Kind == apperr.Internal {
		detail = "an unexpected error occurred"
	}
	p := Problem{
		Type:   "https://sporthub.dev/problems/" + ae.Code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Code:   ae.Code,
		Errors: ae.Fields,
	}
	if r != nil {
		p.Instance = r.URL.Path
		p.RequestID = RequestID(r.Context())
	}
	return p
}

// WriteError writes err as problem+json. Internal errors are logged with the
// request's logger; all others are the caller's fault and are not.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	p := ProblemFor(r, err)
	if p.Status >= 500 && p.Code == "internal_error" && r != nil {
		Logger(r.Context()).ErrorContext(r.Context(), "request failed", "err", err, "path", r.URL.Path)
	}
	if p.Status == http.StatusServiceUnavailable || p.Status == http.StatusTooManyRequests {
		if w.Header().Get("Retry-After") == "" {
			w.Header().Set("Retry-After", "1")
		}
	}
	WriteProblem(w, p)
}

// WriteProblem writes p with the problem+json content type.
func WriteProblem(w http.ResponseWriter, p Problem) {
	h := w.Header()
	h.Set("Content-Type", ProblemContentType)
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		WriteProblem(w, Problem{Type: "https://sporthub.dev/problems/internal_error", Title: "Internal Server Error",
			Status: 500, Code: "internal_error", Detail: "an unexpected error occurred"})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// HandlerFunc is an HTTP handler that returns an error instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP implements http.Handler, writing a returned error as problem+json.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := f(w, r); err != nil {
		WriteError(w, r, err)
	}
}

type loggerKey struct{}

// WithLogger returns ctx carrying logger.
func WithLogger(ctx context.Context, logger *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey{}, logger)
}

// Logger returns the request-scoped logger of ctx, or slog.Default.
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
