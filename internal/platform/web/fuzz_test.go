package web_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

type fuzzBody struct {
	Name   string            `json:"name"`
	Count  int               `json:"count"`
	Small  uint8             `json:"small"`
	Price  float64           `json:"price"`
	On     *bool             `json:"on"`
	Tags   []string          `json:"tags"`
	Nums   [2]int            `json:"nums"`
	Attrs  map[string]int    `json:"attrs"`
	At     time.Time         `json:"at"`
	Raw    json.RawMessage   `json:"raw"`
	Nested struct{ X int }   `json:"nested"`
	Any    any               `json:"any"`
	Deep   map[string][]bool `json:"deep"`
}

func (b *fuzzBody) Validate() error {
	if b.Count < 0 {
		return apperr.Validation(apperr.FieldError{Field: "count", Code: "out_of_range", Message: "must not be negative"})
	}
	return nil
}

// FuzzDecodeJSON feeds arbitrary bodies to DecodeJSON: it must never panic,
// and every failure must be a 4xx the client caused (Invalid or TooLarge).
func FuzzDecodeJSON(f *testing.F) {
	seeds := []string{
		`{"name":"x","count":1,"on":true,"tags":["a"],"nums":[1,2],"attrs":{"a":1},"at":"2024-01-02T03:04:05Z"}`,
		`{"count":-1}`, `{"count":1e400}`, `{"small":300}`, `{"at":"yesterday"}`, `{"nested":{"Y":1}}`,
		`{"deep":{"a":[true,1]}}`, `{"raw":[1,{"x":` + "\n", `[]`, `null`, `"str"`, `{} {}`, `{"name":"\ud800"}`,
		"\xef\xbb\xbf{}", `{"name":"` + strings.Repeat("a", 100) + `"}`, ``, ` `, `{"nums":[1,2,3]}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, limited bool) {
		var dst fuzzBody
		var err error
		handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { err = web.DecodeJSON(r, &dst) })
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if limited {
			r.ContentLength = -1 // as if chunked: only the reader can enforce the cap
			web.BodyLimit(64)(handler).ServeHTTP(httptest.NewRecorder(), r)
		} else {
			handler.ServeHTTP(httptest.NewRecorder(), r)
		}
		if err == nil {
			if !json.Valid(body) {
				t.Fatalf("invalid JSON %q accepted", body)
			}
			if limited && len(body) > 64 {
				t.Fatalf("%d-byte body accepted under a 64-byte cap", len(body))
			}
			return
		}
		var ae *apperr.Error
		if !errors.As(err, &ae) {
			t.Fatalf("body %q: error %v (%T) is not an *apperr.Error", body, err, err)
		}
		if ae.Kind != apperr.Invalid && ae.Kind != apperr.TooLarge {
			t.Fatalf("body %q: kind %v, want Invalid or TooLarge", body, ae.Kind)
		}
		if web.StatusOf(ae.Kind)/100 != 4 || ae.Code == "" {
			t.Fatalf("body %q: bad error %#v", body, ae)
		}
	})
}

var minorRe = regexp.MustCompile(`^[0-9]{1,15}(\.[0-9]{1,2})?$`)

// FuzzParseMinor checks ParseMinor against its grammar: it accepts exactly
// 1-15 digits with an optional 1-2 digit fraction, and formatting the result
// back parses to the same amount.
func FuzzParseMinor(f *testing.F) {
	for _, s := range []string{"0", "1500", "1500.5", "1500.50", "1.005", "-1", "1e3", "", ".5", "5.", "999999999999999.99",
		"1000000000000000", "+1", "1_0", "0x1", "１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := web.ParseMinor(s)
		if ok := err == nil; ok != minorRe.MatchString(s) {
			t.Fatalf("ParseMinor(%q) ok=%v (%d, %v), grammar says %v", s, ok, v, err, !ok)
		}
		if err != nil {
			if v != 0 {
				t.Fatalf("ParseMinor(%q) failed but returned %d", s, v)
			}
			return
		}
		if v < 0 {
			t.Fatalf("ParseMinor(%q) = %d, negative", s, v)
		}
		back := fmt.Sprintf("%d.%02d", v/100, v%100)
		if w, err := web.ParseMinor(back); err != nil || w != v {
			t.Fatalf("ParseMinor(%q) = %d, but %q parses to %d, %v", s, v, back, w, err)
		}
	})
}

// FuzzDecodeCursor feeds arbitrary cursors: never a panic, and every refusal
// is an Invalid error on the "cursor" field. An accepted cursor re-encodes to
// a cursor that decodes to the same position.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(web.EncodeCursor(position{Sort: "price_asc", Num: 150050, ID: "prd_1"}))
	f.Add(web.EncodeCursor(map[string]any{"s": 1}))
	f.Add("")
	f.Add("!!!")
	f.Add("eyJzIjoieCJ9")
	f.Add(strings.Repeat("A", 1025))
	f.Fuzz(func(t *testing.T, s string) {
		var pos position
		err := web.DecodeCursor(s, &pos)
		if err != nil {
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || len(ae.Fields) != 1 || ae.Fields[0].Field != "cursor" {
				t.Fatalf("DecodeCursor(%q) = %#v", s, err)
			}
			return
		}
		if len(s) > 1024 {
			t.Fatalf("a %d-char cursor was accepted", len(s))
		}
		var again position
		if err := web.DecodeCursor(web.EncodeCursor(pos), &again); err != nil || again != pos {
			t.Fatalf("re-encoded %+v decodes to %+v, %v", pos, again, err)
		}
	})
}
