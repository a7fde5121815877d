package web_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

type position struct {
	Sort string `json:"s"`
	Num  int64  `json:"n"`
	ID   string `json:"i"`
}

func TestCursorRoundTrip(t *testing.T) {
	in := position{Sort: "price_asc", Num: 150050, ID: "prd_01/ü+?"}
	c := web.EncodeCursor(in)
	if c == "" || strings.ContainsAny(c, "+/=?&") {
		t.Fatalf("cursor %q is not URL safe", c)
	}
	var out position
	if err := web.DecodeCursor(c, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}
	if web.EncodeCursor(func() {}) != "" {
		t.Fatal("an unencodable position gave a cursor")
	}
	next := "x"
	b, err := json.Marshal(web.Page[int]{Items: []int{1}, NextCursor: &next})
	if err != nil || string(b) != `{"items":[1],"next_cursor":"x"}` {
		t.Fatalf("page json %s %v", b, err)
	}
}

func TestDecodeCursorRefusesForeignCursors(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	cases := map[string]string{
		"empty":           "",
		"not base64":      "!!!not-base64***",
		"padded base64":   base64.URLEncoding.EncodeToString([]byte(`{"s":"xy"}`)),
		"std alphabet":    base64.StdEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfe}),
		"garbage bytes":   b64([]byte{0xff, 0x00, 0x13}),
		"not json":        b64([]byte("hello")),
		"wrong json type": b64([]byte(`{"n":"ten"}`)),
		"json array":      b64([]byte(`[1,2]`)),
		"oversized":       b64([]byte(`{"s":"` + strings.Repeat("a", 1000) + `"}`)),
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var out position
			err := web.DecodeCursor(c, &out)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || len(ae.Fields) != 1 ||
				ae.Fields[0].Field != "cursor" || ae.Fields[0].Code != "invalid_cursor" {
				t.Fatalf("DecodeCursor(%q) = %#v", c, err)
			}
		})
	}
}
