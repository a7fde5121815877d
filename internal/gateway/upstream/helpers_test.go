package upstream_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/gateway/upstream"
)

// backend is a real HTTP instance that counts the requests it served and
// answers with its name, the forwarded request line and the body it read.
type backend struct {
	name   string
	hits   atomic.Int64
	status atomic.Int64 // answer for non-health requests; 0 = 200
	srv    *httptest.Server
}

func newBackend(t *testing.T, name string) *backend {
	t.Helper()
	return newBackendFunc(t, name, nil)
}

// newBackendFunc serves h instead of the echo for every path but /healthz
// (and /healthz too when h handles it); h counts hits itself.
func newBackendFunc(t *testing.T, name string, h func(b *backend, w http.ResponseWriter, r *http.Request)) *backend {
	t.Helper()
	b := &backend{name: name}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h != nil {
			h(b, w, r)
			return
		}
		if r.URL.Path == "/healthz" {
			w.WriteHeader(http.StatusOK)
			return
		}
		b.hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if s := int(b.status.Load()); s != 0 {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(s)
			fmt.Fprintf(w, "%s says %d", b.name, s)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(echo{
			Instance: b.name, Method: r.Method, URI: r.RequestURI, Body: string(body),
			XFF: r.Header.Get("X-Forwarded-For"), XFHost: r.Header.Get("X-Forwarded-Host"),
			XFProto: r.Header.Get("X-Forwarded-Proto"), Authorization: r.Header.Get("Authorization"),
		})
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *backend) URL() string { return b.srv.URL }

type echo struct {
	Instance, Method, URI, Body, XFF, XFHost, XFProto, Authorization string
}

// deadURL returns the URL of a port nothing listens on: connections are refused.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "http://" + addr
}

// gateway serves pool on a real listener and returns its URL and a client.
func gateway(t *testing.T, cfg upstream.Config, opts ...upstream.Option) (*upstream.Pool, string, *http.Client) {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	pool, err := upstream.New("catalog", cfg, logger, opts...)
	if err != nil {
		t.Fatalf("new pool: %v", err)
	}
	t.Cleanup(pool.Close)
	front := httptest.NewServer(pool)
	t.Cleanup(front.Close)
	return pool, front.URL, front.Client()
}

type result struct {
	status int
	header http.Header
	body   string
	echo   echo
}

func do(t *testing.T, c *http.Client, method, url, body string, header ...string) result {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	out := result{status: res.StatusCode, header: res.Header, body: string(b)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal(b, &out.echo)
	}
	return out
}

type problem struct {
	Type, Title, Detail, Code string
	Status                    int
}

func mustProblem(t *testing.T, r result, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d (body %s)", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type = %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal([]byte(r.body), &p); err != nil {
		t.Fatalf("decode problem %q: %v", r.body, err)
	}
	if p.Code != code || p.Status != status || p.Detail == "" || p.Type == "" || p.Title == "" {
		t.Fatalf("problem = %+v, want code %s status %d", p, code, status)
	}
}

// eventually polls cond until it holds or a second passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
