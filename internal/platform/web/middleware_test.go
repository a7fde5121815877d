package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
)

var generatedID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// echoRequestID answers with the request id its context carries and the
// X-Request-Id header the request carries after the middleware.
func echoRequestID() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"ctx": web.RequestID(r.Context()), "hdr": r.Header.Get(web.RequestIDHeader)})
	})
}

func TestRequestIDsKeepsWellFormedIDs(t *testing.T) {
	srv := serve(t, web.RequestIDs()(echoRequestID()))
	for _, id := range []string{"req-42", "01HZX3_abc.DEF-9", strings.Repeat("a", 128)} {
		resp, body := get(t, srv, "/", http.Header{web.RequestIDHeader: {id}})
		if got := resp.Header.Get(web.RequestIDHeader); got != id {
			t.Fatalf("response id %q, want %q", got, id)
		}
		if want := `{"ctx":"` + id + `","hdr":"` + id + `"}`; strings.TrimSpace(string(body)) != want {
			t.Fatalf("handler saw %s, want %s", body, want)
		}
	}
}

func TestRequestIDsReplacesMaliciousIDs(t *testing.T) {
	h := web.RequestIDs()(echoRequestID())
	bad := []string{"", "evil\nSet-Cookie: x=1", "a b", "<script>", "id;drop", "ид", strings.Repeat("a", 129), strings.Repeat("x", 200)}
	seen := map[string]bool{}
	for _, id := range bad {
		// httptest requests carry ids no real client could put on the wire.
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header[web.RequestIDHeader] = []string{id}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		got := rec.Header().Get(web.RequestIDHeader)
		if !generatedID.MatchString(got) || seen[got] {
			t.Fatalf("id %q was replaced by %q, want a fresh 32-hex id", id, got)
		}
		seen[got] = true
		if want := `{"ctx":"` + got + `","hdr":"` + got + `"}`; strings.TrimSpace(rec.Body.String()) != want {
			t.Fatalf("handler saw %s, want %s", rec.Body.String(), want)
		}
	}
	// Over the wire too: a 200-character id is replaced.
	srv := serve(t, h)
	resp, _ := get(t, srv, "/", http.Header{web.RequestIDHeader: {strings.Repeat("b", 200)}})
	if got := resp.Header.Get(web.RequestIDHeader); !generatedID.MatchString(got) {
		t.Fatalf("200-char id kept as %q", got)
	}
}

func TestRecoverTurnsPanicIntoProblem(t *testing.T) {
	logger, logs := newLogger()
	h := web.Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("nil map write at secret.go:12")
	}), web.RequestIDs(), web.AccessLog(logger, nil), web.Recover())
	srv := serve(t, h)
	resp, body := get(t, srv, "/boom", nil)
	p := problemOf(t, resp, body)
	if p.Status != 500 || p.Code != "internal_error" || strings.Contains(string(body), "secret.go") {
		t.Fatalf("problem = %s", body)
	}
	if !strings.Contains(logs.String(), `"msg":"handler panic"`) || !strings.Contains(logs.String(), "secret.go:12") {
		t.Fatalf("panic not logged: %s", logs.String())
	}
}

func TestRecoverRepanicsErrAbortHandler(t *testing.T) {
	h := web.Recover()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	rec := httptest.NewRecorder()
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Fatalf("an aborted handler wrote %d %q", rec.Code, rec.Body.String())
		}
	}()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	t.Fatal("ServeHTTP returned normally")
}

// countingBody records whether anyone read it.
type countingBody struct{ reads int }

func (b *countingBody) Read(p []byte) (int, error) {
	b.reads++
	return 0, errors.New("must not be read")
}
func (b *countingBody) Close() error { return nil }

func TestBodyLimitRefusesDeclaredLargeBodyUnread(t *testing.T) {
	called := false
	h := web.BodyLimit(100)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { called = true }))
	body := &countingBody{}
	r := httptest.NewRequest(http.MethodPost, "/upload", nil)
	r.Body, r.ContentLength = body, 101
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusRequestEntityTooLarge || called || body.reads != 0 {
		t.Fatalf("status %d, handler called %v, reads %d", rec.Code, called, body.reads)
	}
	if !strings.Contains(rec.Body.String(), `"code":"body_too_large"`) {
		t.Fatalf("body %s", rec.Body.String())
	}
	// Exactly at the limit passes, and the handler sees the cap.
	var seen int64
	h = web.BodyLimit(100)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = web.MaxBody(r.Context()) }))
	r = httptest.NewRequest(http.MethodPost, "/upload", strings.NewReader(strings.Repeat("x", 100)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK || seen != 100 {
		t.Fatalf("at the limit: status %d, MaxBody %d", rec.Code, seen)
	}
	if got := web.MaxBody(context.Background()); got != web.DefaultMaxBody {
		t.Fatalf("MaxBody without BodyLimit = %d", got)
	}
}

func TestTimeout(t *testing.T) {
	var deadline time.Time
	var has bool
	h := web.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, has = r.Context().Deadline()
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if !has || time.Until(deadline) > time.Minute || time.Until(deadline) < 50*time.Second {
		t.Fatalf("deadline %v (set %v), want about a minute away", deadline, has)
	}
	for name, up := range map[string]string{"websocket": "websocket", "case": "WebSocket"} {
		r := httptest.NewRequest(http.MethodGet, "/ws", nil)
		r.Header.Set("Connection", "Upgrade")
		r.Header.Set("Upgrade", up)
		has = true
		h.ServeHTTP(httptest.NewRecorder(), r)
		if has {
			t.Fatalf("%s upgrade got a deadline", name)
		}
	}
	h = web.Timeout(0)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, has = r.Context().Deadline() }))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if has {
		t.Fatal("Timeout(0) set a deadline")
	}
}

func TestTimeoutAnswersSlowHandlerWith503(t *testing.T) {
	srv := serve(t, web.Timeout(20*time.Millisecond)(web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		select {
		case <-r.Context().Done():
			return r.Context().Err()
		case <-time.After(5 * time.Second):
			return nil
		}
	})))
	start := time.Now()
	resp, body := get(t, srv, "/slow", nil)
	p := problemOf(t, resp, body)
	if p.Status != 503 || p.Code != "timeout" || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("problem = %s", body)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
}

func TestBodyLimitPerRoute(t *testing.T) {
	var seen int64
	h := web.BodyLimit(100, web.Route{Pattern: "PUT /upload/{name}", MaxBodyBytes: 1000})(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = web.MaxBody(r.Context()) }))
	for _, c := range []struct {
		method, path string
		size         int
		status       int64
	}{
		{"PUT", "/upload/a", 500, 1000},
		{"POST", "/upload/a", 50, 100},
		{"PUT", "/other", 50, 100},
	} {
		seen = 0
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, strings.NewReader(strings.Repeat("x", c.size))))
		if rec.Code != 200 || seen != c.status {
			t.Errorf("%s %s: status %d, limit %d; want 200 and limit %d", c.method, c.path, rec.Code, seen, c.status)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("PUT", "/upload/a", strings.NewReader(strings.Repeat("x", 1001))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("upload over its limit: status %d, want 413", rec.Code)
	}
}

func TestBindRefusesMismatchedHandlers(t *testing.T) {
	ok := web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error { return nil })
	routes := []web.Route{{Pattern: "GET /a", Anonymous: true}, {Pattern: "POST /b"}}
	bound := web.Bind(routes, map[string]web.HandlerFunc{"GET /a": ok, "POST /b": ok})
	if len(bound) != 2 || bound[0].Handler == nil || !bound[0].Anonymous || bound[1].Handler == nil {
		t.Fatalf("bound = %+v", bound)
	}
	rec := httptest.NewRecorder()
	web.Mux(bound).ServeHTTP(rec, httptest.NewRequest("GET", "/nope", nil))
	if rec.Code != 404 || !strings.Contains(rec.Header().Get("Content-Type"), "problem+json") {
		t.Fatalf("unknown path: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	for name, handlers := range map[string]map[string]web.HandlerFunc{
		"missing": {"GET /a": ok},
		"extra":   {"GET /a": ok, "POST /b": ok, "PUT /c": ok},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s handler: no panic", name)
				}
			}()
			web.Bind(routes, handlers)
		}()
	}
}
