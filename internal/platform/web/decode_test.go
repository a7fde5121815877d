package web_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

type createOrder struct {
	SKU      string   `json:"sku"`
	Quantity int      `json:"quantity"`
	Gift     bool     `json:"gift"`
	Tags     []string `json:"tags"`
	Address  struct {
		City string `json:"city"`
	} `json:"address"`
}

func (c *createOrder) Validate() error {
	var f apperr.Fields
	if c.Quantity < 1 {
		f.Add("quantity", "out_of_range", "must be at least 1")
	}
	return f.Err()
}

// decode runs DecodeJSON on a request with the given content type and body.
func decode(ct, body string, dst any) error {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return web.DecodeJSON(r, dst)
}

func TestDecodeJSONValid(t *testing.T) {
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/merge-patch+json", ""} {
		var dst createOrder
		err := decode(ct, ` {"sku":"RUN-1","quantity":2,"gift":true,"tags":["a"],"address":{"city":"Kazan"}} `+"\n", &dst)
		if err != nil {
			t.Fatalf("content type %q: %v", ct, err)
		}
		if dst.SKU != "RUN-1" || dst.Quantity != 2 || !dst.Gift || len(dst.Tags) != 1 || dst.Address.City != "Kazan" {
			t.Fatalf("decoded %+v", dst)
		}
	}
}

func TestDecodeJSONRefusals(t *testing.T) {
	cases := []struct {
		name, ct, body string
		kind           apperr.Kind
		code           string
		field          string // the field error expected, if any
		fieldCode      string
	}{
		{"text content type", "text/plain", `{"quantity":1}`, apperr.Invalid, "unsupported_media_type", "", ""},
		{"form content type", "application/x-www-form-urlencoded", `quantity=1`, apperr.Invalid, "unsupported_media_type", "", ""},
		{"unparsable content type", "application/json;;", `{"quantity":1}`, apperr.Invalid, "unsupported_media_type", "", ""},
		{"empty body", "application/json", ``, apperr.Invalid, "empty_body", "", ""},
		{"blank body", "application/json", "  \n", apperr.Invalid, "empty_body", "", ""},
		{"malformed", "application/json", `{"quantity":`, apperr.Invalid, "malformed_json", "", ""},
		{"syntax error", "application/json", `{"quantity" 1}`, apperr.Invalid, "malformed_json", "", ""},
		{"trailing value", "application/json", `{"quantity":1}{"quantity":2}`, apperr.Invalid, "malformed_json", "", ""},
		{"trailing garbage", "application/json", `{"quantity":1} x`, apperr.Invalid, "malformed_json", "", ""},
		{"unknown field", "application/json", `{"quantity":1,"price":5}`, apperr.Invalid, "validation_failed", "price", "unknown_field"},
		{"unknown nested field", "application/json", `{"quantity":1,"address":{"zip":"1"}}`, apperr.Invalid, "validation_failed", "zip", "unknown_field"},
		{"wrong type", "application/json", `{"quantity":"two"}`, apperr.Invalid, "validation_failed", "quantity", "wrong_type"},
		{"wrong nested type", "application/json", `{"quantity":1,"address":{"city":7}}`, apperr.Invalid, "validation_failed", "address.city", "wrong_type"},
		{"wrong element type", "application/json", `{"quantity":1,"tags":[1]}`, apperr.Invalid, "validation_failed", "tags", "wrong_type"},
		{"wrong body type", "application/json", `[1,2]`, apperr.Invalid, "validation_failed", "(body)", "wrong_type"},
		{"validator", "application/json", `{"quantity":0}`, apperr.Invalid, "validation_failed", "quantity", "out_of_range"},
		{"too large", "application/json", `{"sku":"` + strings.Repeat("x", web.DefaultMaxBody) + `","quantity":1}`, apperr.TooLarge, "body_too_large", "", ""},
		{"valid value, then padding past the limit", "application/json", `{"quantity":1}` + strings.Repeat(" ", web.DefaultMaxBody), apperr.TooLarge, "body_too_large", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var dst createOrder
			err := decode(c.ct, c.body, &dst)
			var ae *apperr.Error
			if !errors.As(err, &ae) {
				t.Fatalf("error %v is not an *apperr.Error", err)
			}
			if ae.Kind != c.kind || ae.Code != c.code {
				t.Fatalf("got %v/%s, want %v/%s (%v)", ae.Kind, ae.Code, c.kind, c.code, err)
			}
			if c.field == "" {
				if len(ae.Fields) != 0 {
					t.Fatalf("unexpected field errors %+v", ae.Fields)
				}
				return
			}
			if len(ae.Fields) != 1 || ae.Fields[0].Field != c.field || ae.Fields[0].Code != c.fieldCode {
				t.Fatalf("fields = %+v, want %s/%s", ae.Fields, c.field, c.fieldCode)
			}
		})
	}
}

func TestDecodeJSONWrongTypeMessage(t *testing.T) {
	var dst createOrder
	err := decode("application/json", `{"gift":"yes"}`, &dst)
	var ae *apperr.Error
	if !errors.As(err, &ae) || len(ae.Fields) != 1 || ae.Fields[0].Message != "must be a boolean, not string" {
		t.Fatalf("err = %#v", err)
	}
}

// TestDecodeJSONHonoursBodyLimit runs DecodeJSON behind BodyLimit over real
// HTTP: a route may lower the cap below the default or raise it above.
func TestDecodeJSONHonoursBodyLimit(t *testing.T) {
	handler := web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var dst createOrder
		if err := web.DecodeJSON(r, &dst); err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, map[string]int{"sku_len": len(dst.SKU)})
		return nil
	})
	body := func(n int) string { return `{"quantity":1,"sku":"` + strings.Repeat("x", n) + `"}` }
	cases := []struct {
		name   string
		limit  int64 // 0: no BodyLimit middleware
		body   string
		chunk  bool // send without Content-Length so only the reader enforces the cap
		status int
	}{
		{"default cap allows 1000 bytes", 0, body(1000), false, 200},
		{"default cap refuses 2 MiB", 0, body(2 << 20), true, 413},
		{"lowered cap refuses 200 bytes", 100, body(200), true, 413},
		{"lowered cap refuses declared 200 bytes", 100, body(200), false, 413},
		{"lowered cap allows 50 bytes", 100, body(10), true, 200},
		{"raised cap allows 1.5 MiB", 2 << 20, body(3 << 19), true, 200},
		{"raised cap refuses 3 MiB", 2 << 20, body(3 << 20), true, 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := http.Handler(handler)
			if c.limit > 0 {
				h = web.BodyLimit(c.limit)(h)
			}
			srv := serve(t, h)
			var rd = strings.NewReader(c.body)
			req, err := http.NewRequest(http.MethodPost, srv.URL, rd)
			if err != nil {
				t.Fatal(err)
			}
			if c.chunk {
				req.ContentLength = -1
				req.Body = readerOnly{rd}
			}
			req.Header.Set("Content-Type", "application/json")
			resp, respBody := send(t, req)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, respBody)
			}
			if c.status == 413 {
				if p := problemOf(t, resp, respBody); p.Code != "body_too_large" {
					t.Fatalf("problem = %+v", p)
				}
			}
		})
	}
}

// readerOnly hides the concrete reader type so net/http cannot learn the
// body length and sends it chunked.
type readerOnly struct{ r *strings.Reader }

func (r readerOnly) Read(p []byte) (int, error) { return r.r.Read(p) }
func (r readerOnly) Close() error               { return nil }
