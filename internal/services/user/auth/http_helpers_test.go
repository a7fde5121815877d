package auth_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// response is an HTTP answer with its body read.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (r response) problem(t *testing.T) web.Problem {
	t.Helper()
	var p web.Problem
	r.json(t, &p)
	return p
}

func (r response) cookie(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// req adjusts a request.
type req func(*http.Request)

// from makes the request come from ip (the harness trusts 127.0.0.1 as a proxy).
func from(ip string) req { return func(r *http.Request) { r.Header.Set("X-Forwarded-For", ip) } }

func agent(ua string) req { return func(r *http.Request) { r.Header.Set("User-Agent", ua) } }

func withCookie(c *http.Cookie) req { return func(r *http.Request) { r.AddCookie(c) } }

// do sends a request; body nil, a string (raw) or a value (JSON).
func (h *harness) do(method, path, token string, body any, opts ...req) response {
	h.t.Helper()
	var rd io.Reader
	switch v := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(v)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	r, err := http.NewRequest(method, h.url+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for _, o := range opts {
		o(r)
	}
	res, err := http.DefaultClient.Do(r)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

// api sends a request to the service's base path.
func (h *harness) api(method, path, token string, body any, opts ...req) response {
	h.t.Helper()
	return h.do(method, authapi.BasePath+path, token, body, opts...)
}

// expect fails unless r has status and, for errors, problem code.
func expect(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if code != "" {
		if p := r.problem(t); p.Code != code {
			t.Fatalf("code %q, want %q: %s", p.Code, code, r.Body)
		}
	}
}
