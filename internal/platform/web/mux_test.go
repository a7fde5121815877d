package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

func TestAccessLogWritesOneJSONLine(t *testing.T) {
	logger, logs := newLogger()
	var ctxLogged bool
	h := web.Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctxLogged = web.Logger(r.Context()) != nil
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("short and stout"))
	}), web.RequestIDs(), web.AccessLog(logger, nil))
	srv := serve(t, h)
	resp, _ := get(t, srv, "/v1/tea?x=1", http.Header{web.RequestIDHeader: {"req-7"}})
	if resp.StatusCode != http.StatusTeapot || !ctxLogged {
		t.Fatalf("status %d", resp.StatusCode)
	}
	lines := logs.lines(t)
	if len(lines) != 1 {
		t.Fatalf("want one log line, got %d: %s", len(lines), logs.String())
	}
	l := lines[0]
	if l["msg"] != "http request" || l["level"] != "INFO" || l["status"] != float64(418) || l["request_id"] != "req-7" ||
		l["method"] != "GET" || l["path"] != "/v1/tea" || l["bytes"] != float64(15) {
		t.Fatalf("log line %v", l)
	}
	if _, ok := l["duration"]; !ok {
		t.Fatalf("no duration in %v", l)
	}
}

// The route field names the pattern the inner mux matched, which only the
// request passed on carries.
func TestAccessLogNamesTheRoute(t *testing.T) {
	logger, logs := newLogger()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/items/{id}", func(w http.ResponseWriter, r *http.Request) {})
	srv := serve(t, web.Chain(mux, web.RequestIDs(), web.AccessLog(logger, nil)))
	get(t, srv, "/v1/items/42", nil)
	if l := logs.lines(t); len(l) != 1 || l[0]["route"] != "GET /v1/items/{id}" {
		t.Fatalf("log lines %v", l)
	}
}

func TestAccessLogLevelsAndImplicitStatus(t *testing.T) {
	logger, logs := newLogger()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) {}) // writes nothing: 200
	mux.Handle("GET /fail", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.New(apperr.Unavailable, "down", "down")
	}))
	srv := serve(t, web.Chain(mux, web.RequestIDs(), web.AccessLog(logger, nil)))
	get(t, srv, "/ok", nil)
	get(t, srv, "/fail", nil)
	lines := logs.lines(t)
	if len(lines) != 2 {
		t.Fatalf("lines: %s", logs.String())
	}
	if lines[0]["status"] != float64(200) || lines[0]["level"] != "INFO" {
		t.Fatalf("ok line %v", lines[0])
	}
	if lines[1]["status"] != float64(503) || lines[1]["level"] != "ERROR" {
		t.Fatalf("fail line %v", lines[1])
	}
	if id, _ := lines[0]["request_id"].(string); !generatedID.MatchString(id) {
		t.Fatalf("request id %q", id)
	}
}

func TestProblemMux(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"id": r.PathValue("id")})
	})
	mux.HandleFunc("DELETE /v1/items/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	mux.HandleFunc("GET /v1/dir/", func(w http.ResponseWriter, r *http.Request) {})
	srv := serve(t, web.RequestIDs()(web.ProblemMux(mux)))

	resp, body := get(t, srv, "/v1/items/42", nil)
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"id":"42"}` {
		t.Fatalf("matched route: %d %s", resp.StatusCode, body)
	}

	resp, body = get(t, srv, "/v1/nothing", http.Header{web.RequestIDHeader: {"r1"}})
	p := problemOf(t, resp, body)
	if p.Status != 404 || p.Code != "route_not_found" || p.RequestID != "r1" || p.Instance != "/v1/nothing" {
		t.Fatalf("404 problem %+v", p)
	}

	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/items/42", strings.NewReader("{}"))
	resp, body = send(t, req)
	p = problemOf(t, resp, body)
	if p.Status != 405 || p.Title != "Method Not Allowed" || p.Code != "method_not_allowed" {
		t.Fatalf("405 problem %+v", p)
	}
	for _, m := range []string{"GET", "HEAD", "DELETE"} {
		if !strings.Contains(resp.Header.Get("Allow"), m) {
			t.Fatalf("Allow = %q, missing %s", resp.Header.Get("Allow"), m)
		}
	}

	// The mux's own redirect to the canonical path still works.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r2, err := client.Get(srv.URL + "/v1/dir")
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode/100 != 3 || r2.Header.Get("Location") != "/v1/dir/" {
		t.Fatalf("redirect: %d %q", r2.StatusCode, r2.Header.Get("Location"))
	}
}

func TestNotFoundHandler(t *testing.T) {
	srv := serve(t, web.NotFound())
	resp, body := get(t, srv, "/v9/x", nil)
	if p := problemOf(t, resp, body); p.Status != 404 || p.Code != "route_not_found" || !strings.Contains(p.Detail, "GET /v9/x") {
		t.Fatalf("problem %+v", p)
	}
}

func TestChainOrder(t *testing.T) {
	var order []string
	mw := func(name string) web.Middleware {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, name+">")
				next.ServeHTTP(w, r)
				order = append(order, "<"+name)
			})
		}
	}
	h := web.Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { order = append(order, "h") }),
		mw("a"), mw("b"), mw("c"))
	srv := serve(t, h)
	get(t, srv, "/", nil)
	if got := strings.Join(order, " "); got != "a> b> c> h <c <b <a" {
		t.Fatalf("order %q", got)
	}
	if web.Chain(ok()) == nil {
		t.Fatal("empty chain")
	}
}
