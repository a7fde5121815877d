package web_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

type item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// itemsAPI is a small service speaking SportHub's conventions.
func itemsAPI() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /items", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var in item
		if err := web.DecodeJSON(r, &in); err != nil {
			return err
		}
		if in.Name == "" {
			return apperr.Validation(apperr.FieldError{Field: "name", Code: "required", Message: "must not be empty"})
		}
		in.ID = "it_1"
		web.WriteJSON(w, http.StatusCreated, in)
		return nil
	}))
	mux.Handle("GET /items/{id}", web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if r.PathValue("id") != "it_1" {
			return apperr.New(apperr.NotFound, "item_not_found", "no such item")
		}
		web.WriteJSON(w, http.StatusOK, item{ID: "it_1", Name: "Shoe"})
		return nil
	}))
	mux.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{
			"auth": r.Header.Get("Authorization"), "request_id": web.RequestID(r.Context()), "accept": r.Header.Get("Accept"),
		})
	})
	mux.HandleFunc("GET /broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream exploded", http.StatusBadGateway)
	})
	return web.RequestIDs()(web.ProblemMux(mux))
}

func TestDoJSONOverHTTP(t *testing.T) {
	srv := serve(t, itemsAPI())
	testDoJSON(t, srv.Client(), srv.URL)
}

func TestDoJSONThroughHandlerTransport(t *testing.T) {
	hc := &http.Client{Transport: web.HandlerTransport{Handler: itemsAPI()}}
	testDoJSON(t, hc, "http://catalog.local")
}

func testDoJSON(t *testing.T, hc *http.Client, base string) {
	ctx := context.Background()
	var got item
	if err := web.DoJSON(ctx, hc, http.MethodPost, base+"/items", item{Name: "Tent"}, &got); err != nil {
		t.Fatal(err)
	}
	if got != (item{ID: "it_1", Name: "Tent"}) {
		t.Fatalf("created %+v", got)
	}
	if err := web.DoJSON(ctx, hc, http.MethodGet, base+"/items/it_1", nil, nil); err != nil {
		t.Fatalf("discarding answer: %v", err)
	}

	err := web.DoJSON(ctx, hc, http.MethodGet, base+"/items/nope", nil, &got)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.NotFound || ae.Code != "item_not_found" || ae.Message != "no such item" {
		t.Fatalf("not found: %#v", err)
	}
	if !errors.Is(err, apperr.New(apperr.NotFound, "item_not_found", "")) {
		t.Fatal("remote error does not match the local sentinel")
	}

	err = web.DoJSON(ctx, hc, http.MethodPost, base+"/items", item{}, nil)
	want := []apperr.FieldError{{Field: "name", Code: "required", Message: "must not be empty"}}
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || ae.Code != "validation_failed" || !slices.Equal(ae.Fields, want) {
		t.Fatalf("validation: %#v", err)
	}

	err = web.DoJSON(ctx, hc, http.MethodGet, base+"/broken", nil, nil)
	if !errors.As(err, &ae) || ae.Kind != apperr.Unavailable || ae.Code != "upstream_error" || ae.Message != "unexpected status 502" {
		t.Fatalf("non-problem answer: %#v", err)
	}

	err = web.DoJSON(ctx, hc, http.MethodDelete, base+"/items/it_1", nil, nil)
	// A refused method is the caller's mistake: Invalid, with the code kept.
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || ae.Code != "method_not_allowed" {
		t.Fatalf("405: %#v", err)
	}

	ctx = web.WithRequestID(web.WithBearerToken(ctx, "tok.en"), "req-99")
	var who map[string]string
	if err := web.DoJSON(ctx, hc, http.MethodGet, base+"/whoami", nil, &who); err != nil {
		t.Fatal(err)
	}
	if who["auth"] != "Bearer tok.en" || who["request_id"] != "req-99" || who["accept"] != "application/json" {
		t.Fatalf("forwarded %v", who)
	}
	if err := web.DoJSON(ctx, hc, http.MethodGet, base+"/items/it_1", make(chan int), nil); err == nil {
		t.Fatal("unencodable body accepted")
	}
}

func TestDoJSONConnectionRefusedIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	err = web.DoJSON(context.Background(), http.DefaultClient, http.MethodGet, "http://"+addr+"/x", nil, nil)
	if !apperr.IsKind(err, apperr.Unavailable) {
		t.Fatalf("err = %v, want Unavailable", err)
	}
	if !errors.As(err, new(*net.OpError)) {
		t.Fatalf("the cause is not kept: %v", err)
	}
}

func TestDoJSONCancelledContext(t *testing.T) {
	block := make(chan struct{})
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer close(block)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := web.DoJSON(ctx, srv.Client(), http.MethodGet, srv.URL, nil, nil)
	if !errors.Is(err, context.DeadlineExceeded) || apperr.IsKind(err, apperr.Unavailable) {
		t.Fatalf("err = %v, want the context's error", err)
	}
}

func TestDoJSONUndecodableAnswer(t *testing.T) {
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<html>")) }))
	var out item
	err := web.DoJSON(context.Background(), srv.Client(), http.MethodGet, srv.URL, nil, &out)
	if err == nil || apperr.KindOf(err) != apperr.Internal {
		t.Fatalf("err = %v", err)
	}
}
