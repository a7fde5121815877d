package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

func TestProblemForMapsEveryKind(t *testing.T) {
	cases := []struct {
		kind   apperr.Kind
		status int
	}{
		{apperr.Internal, 500},
		{apperr.Invalid, 400},
		{apperr.NotFound, 404},
		{apperr.Conflict, 409},
		{apperr.Unauthorized, 401},
		{apperr.Forbidden, 403},
		{apperr.Unavailable, 503},
		{apperr.TooMany, 429},
		{apperr.TooLarge, 413},
		{apperr.Unprocessable, 422},
		{apperr.Kind(99), 500},
	}
	for _, c := range cases {
		t.Run(c.kind.String(), func(t *testing.T) {
			if got := web.StatusOf(c.kind); got != c.status {
				t.Fatalf("StatusOf(%v) = %d, want %d", c.kind, got, c.status)
			}
			err := fmt.Errorf("handler: %w", apperr.New(c.kind, "some_code", "safe message"))
			p := web.ProblemFor(nil, err)
			if p.Status != c.status || p.Title != http.StatusText(c.status) {
				t.Fatalf("problem status %d %q, want %d", p.Status, p.Title, c.status)
			}
			if p.Code != "some_code" || p.Type != "https://sporthub.dev/problems/some_code" {
				t.Fatalf("code %q type %q", p.Code, p.Type)
			}
			wantDetail := "safe message"
			if c.kind == apperr.Internal {
				wantDetail = "an unexpected error occurred"
			}
			if p.Detail != wantDetail {
				t.Fatalf("detail %q, want %q", p.Detail, wantDetail)
			}
			// The client maps the status back to the same kind (unknown kinds are internal).
			if c.kind != apperr.Kind(99) && web.KindOfStatus(c.status) != c.kind {
				t.Fatalf("KindOfStatus(%d) = %v, want %v", c.status, web.KindOfStatus(c.status), c.kind)
			}
		})
	}
}

func TestWriteErrorHidesInternalErrorsAndLogsCause(t *testing.T) {
	logger, logs := newLogger()
	h := web.Chain(web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("load user: dial postgres://admin:hunter2@db: refused")
	}), web.RequestIDs(), web.AccessLog(logger, nil))
	srv := serve(t, h)
	resp, body := get(t, srv, "/v1/me", http.Header{web.RequestIDHeader: {"req-42"}})
	p := problemOf(t, resp, body)
	if p.Status != 500 || p.Code != "internal_error" || p.Detail != "an unexpected error occurred" {
		t.Fatalf("problem = %+v", p)
	}
	if strings.Contains(string(body), "hunter2") || strings.Contains(string(body), "postgres") {
		t.Fatalf("internal error text leaked: %s", body)
	}
	if p.RequestID != "req-42" || p.Instance != "/v1/me" {
		t.Fatalf("request id %q instance %q", p.RequestID, p.Instance)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("Cache-Control = %q", resp.Header.Get("Cache-Control"))
	}
	var failed map[string]any
	for _, l := range logs.lines(t) {
		if l["msg"] == "request failed" {
			failed = l
		}
	}
	if failed == nil || !strings.Contains(fmt.Sprint(failed["err"]), "hunter2") || failed["request_id"] != "req-42" {
		t.Fatalf("the cause was not logged with the request id: %s", logs.String())
	}
}

func TestWriteErrorDoesNotLogCallerErrors(t *testing.T) {
	logger, logs := newLogger()
	rec := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/x", nil)
	r = r.WithContext(web.WithLogger(r.Context(), logger))
	web.WriteError(rec, r, apperr.New(apperr.NotFound, "product_not_found", "no such product"))
	if rec.Code != 404 || logs.String() != "" {
		t.Fatalf("status %d, logs %q", rec.Code, logs.String())
	}
}

func TestWriteErrorRetryAfter(t *testing.T) {
	cases := []struct {
		name   string
		err    error
		preset string
		want   string
	}{
		{"unavailable", apperr.New(apperr.Unavailable, "db_down", "try later"), "", "1"},
		{"too many", apperr.New(apperr.TooMany, "rate_limited", "slow down"), "", "1"},
		{"too many keeps the limiter's value", apperr.New(apperr.TooMany, "rate_limited", "slow down"), "17", "17"},
		{"timeout", context.DeadlineExceeded, "", "1"},
		{"not found has none", apperr.New(apperr.NotFound, "nope", "nope"), "", ""},
		{"internal has none", errors.New("boom"), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			logger, _ := newLogger()
			srv := serve(t, web.AccessLog(logger, nil)(web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				if c.preset != "" {
					w.Header().Set("Retry-After", c.preset)
				}
				return c.err
			})))
			resp, body := get(t, srv, "/", nil)
			problemOf(t, resp, body)
			if got := resp.Header.Get("Retry-After"); got != c.want {
				t.Fatalf("Retry-After = %q, want %q", got, c.want)
			}
		})
	}
}

func TestWriteErrorCarriesFieldErrors(t *testing.T) {
	var f apperr.Fields
	f.Add("sku", "invalid", "3-40 characters")
	f.Add("name.ru", "required", "must not be empty")
	srv := serve(t, web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("create product: %w", f.Err())
	}))
	resp, body := get(t, srv, "/v1/products", nil)
	p := problemOf(t, resp, body)
	if p.Status != 400 || p.Code != "validation_failed" {
		t.Fatalf("problem = %+v", p)
	}
	if !slices.Equal(p.Errors, []apperr.FieldError(f)) {
		t.Fatalf("errors = %+v, want %+v", p.Errors, f)
	}
}

func TestProblemForDeadlineIsTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	cases := map[string]error{
		"bare":    ctx.Err(),
		"wrapped": fmt.Errorf("query products: %w", ctx.Err()),
	}
	for name, err := range cases {
		t.Run(name, func(t *testing.T) {
			p := web.ProblemFor(httptest.NewRequest(http.MethodGet, "/slow", nil), err)
			if p.Status != 503 || p.Code != "timeout" || p.Instance != "/slow" {
				t.Fatalf("problem = %+v", p)
			}
		})
	}
	// A kinded error keeps its kind even when a deadline is in its chain.
	p := web.ProblemFor(nil, apperr.Wrap(context.DeadlineExceeded, apperr.NotFound, "gone", "gone"))
	if p.Status != 404 || p.Code != "gone" {
		t.Fatalf("kinded deadline problem = %+v", p)
	}
}

func TestWriteJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	web.WriteJSON(rec, http.StatusCreated, map[string]int{"n": 1})
	if rec.Code != 201 || rec.Header().Get("Content-Type") != "application/json" || rec.Body.String() != "{\"n\":1}\n" {
		t.Fatalf("got %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	if rec.Header().Get("Content-Length") != "8" {
		t.Fatalf("Content-Length = %q", rec.Header().Get("Content-Length"))
	}
	rec = httptest.NewRecorder()
	web.WriteJSON(rec, http.StatusOK, func() {})
	if rec.Code != 500 || rec.Header().Get("Content-Type") != web.ProblemContentType {
		t.Fatalf("unencodable value: %d %q", rec.Code, rec.Body.String())
	}
}
