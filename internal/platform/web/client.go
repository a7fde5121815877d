package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// KindOfStatus maps an HTTP status back to an error kind, so an error a
// remote service answered keeps its meaning in the caller.
func KindOfStatus(status int) apperr.Kind {
	switch status {
	case http.StatusBadRequest, http.StatusMethodNotAllowed:
		return apperr.Invalid
	case http.StatusNotFound:
		return apperr.NotFound
	case http.StatusConflict:
		return apperr.Conflict
	case http.StatusUnauthorized:
		return apperr.Unauthorized
	case http.StatusForbidden:
		return apperr.Forbidden
	case http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusGatewayTimeout:
		return apperr.Unavailable
	case http.StatusTooManyRequests:
		return apperr.TooMany
	case http.StatusRequestEntityTooLarge:
		return apperr.TooLarge
	case http.StatusUnprocessableEntity:
		return apperr.Unprocessable
	}
	return apperr.Internal
}

// ErrorFromResponse turns a non-2xx response into an *apperr.Error carrying
// the problem's code, detail and field errors.
func ErrorFromResponse(resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var p Problem
	if err := json.Unmarshal(body, &p); err != nil || p.Code == "" {
		p.Code = "upstream_error"
		p.Detail = fmt.Sprintf("unexpected status %d", resp.StatusCode)
	}
	return &apperr.Error{Kind: KindOfStatus(resp.StatusCode), Code: p.Code, Message: p.Detail, Fields: p.Errors}
}

// DoJSON sends a request with an optional JSON body and decodes a JSON
// answer into out (if not nil). Authorization and request id are forwarded
// from ctx when present. Non-2xx answers become *apperr.Error; transport
// failures are Unavailable.
func DoJSON(ctx context.Context, hc *http.Client, method, url string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		body = strings.NewReader(string(b))
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if id := RequestID(ctx); id != "" {
		req.Header.Set(RequestIDHeader, id)
	}
	if tok := BearerToken(ctx); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return apperr.Wrap(err, apperr.Unavailable, "service_unavailable", "a service this request needs is unavailable")
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return ErrorFromResponse(resp)
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("decode %s %s response: %w", method, url, err)
	}
	return nil
}

type bearerKey struct{}

// WithBearerToken returns ctx carrying the caller's access token, so clients
// calling other services on its behalf can forward it.
func WithBearerToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, bearerKey{}, token)
}

// BearerToken returns the access token WithBearerToken stored, or "".
func BearerToken(ctx context.Context) string {
	s, _ := ctx.Value(bearerKey{}).(string)
	return s
}

// HandlerTransport is an http.RoundTripper that serves requests with an
// in-process handler: a service's local client speaks the same HTTP API as
// its remote one, without a network hop.
type HandlerTransport struct {
	Handler http.Handler
}

// RoundTrip implements http.RoundTripper.
func (t HandlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.Handler.ServeHTTP(rec, req)
	return rec.Result(), nil
}
