package web_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

func query(rawQuery string) *web.Query {
	return web.NewQuery(httptest.NewRequest(http.MethodGet, "/?"+rawQuery, nil))
}

// fieldCodes returns "field:code" for each field error of err.
func fieldCodes(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || ae.Code != "validation_failed" {
		t.Fatalf("err %v is not a validation error", err)
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	slices.Sort(out)
	return out
}

func TestQueryString(t *testing.T) {
	q := query("q=%20trail%20shoes%20&long=" + strings.Repeat("a", 11))
	if got := q.String("q", "", 20); got != "trail shoes" {
		t.Fatalf("q = %q", got)
	}
	if got := q.String("long", "def", 10); got != "def" {
		t.Fatalf("too long value returned %q, want the default", got)
	}
	if got := q.String("absent", "def", 10); got != "def" {
		t.Fatalf("absent = %q", got)
	}
	if got := fieldCodes(t, q.Err()); !slices.Equal(got, []string{"long:too_long"}) {
		t.Fatalf("errors = %v", got)
	}
	// The last of repeated values wins; no limit when maxLen is 0.
	q = query("s=a&s=" + strings.Repeat("b", 500))
	if got := q.String("s", "", 0); len(got) != 500 || q.Err() != nil {
		t.Fatalf("unbounded = %d chars, err %v", len(got), q.Err())
	}
}

func TestQueryStrings(t *testing.T) {
	q := query("brand=nike,%20asics&brand=hoka&brand=,,&size=1,2,3,4")
	if got := q.Strings("brand", 5); !slices.Equal(got, []string{"nike", "asics", "hoka"}) {
		t.Fatalf("brand = %q", got)
	}
	if got := q.Strings("size", 3); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Fatalf("size = %q, want the first 3", got)
	}
	if got := q.Strings("none", 3); got != nil {
		t.Fatalf("none = %q", got)
	}
	if got := fieldCodes(t, q.Err()); !slices.Equal(got, []string{"size:too_many"}) {
		t.Fatalf("errors = %v", got)
	}
}

func TestQueryInt(t *testing.T) {
	cases := []struct {
		raw  string
		want int
		code string
	}{
		{"limit=10", 10, ""},
		{"limit=1", 1, ""},
		{"limit=100", 100, ""},
		{"limit=%2050%20", 50, ""},
		{"", 20, ""},
		{"limit=", 20, ""},
		{"limit=0", 20, "out_of_range"},
		{"limit=101", 20, "out_of_range"},
		{"limit=-5", 20, "out_of_range"},
		{"limit=ten", 20, "not_integer"},
		{"limit=1.5", 20, "not_integer"},
		{"limit=99999999999999999999", 20, "not_integer"},
	}
	for _, c := range cases {
		q := query(c.raw)
		got := q.Int("limit", 20, 1, 100)
		codes := fieldCodes(t, q.Err())
		if got != c.want || (c.code == "" && codes != nil) || (c.code != "" && !slices.Equal(codes, []string{"limit:" + c.code})) {
			t.Errorf("%q: got %d %v, want %d %q", c.raw, got, codes, c.want, c.code)
		}
	}
}

func TestParseMinor(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1500", 150000, true},
		{"1500.5", 150050, true},
		{"1500.50", 150050, true},
		{"1500.05", 150005, true},
		{"0.01", 1, true},
		{"007", 700, true},
		{"999999999999999.99", 99999999999999999, true},
		{"1.005", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{"1e3", 0, false},
		{"", 0, false},
		{".5", 0, false},
		{"5.", 0, false},
		{"1.2.3", 0, false},
		{"1,5", 0, false},
		{" 1", 0, false},
		{"1_000", 0, false},
		{"0x10", 0, false},
		{"1.-5", 0, false},
		{"1.+5", 0, false},
		{"NaN", 0, false},
		{"1000000000000000", 0, false},
		{"99999999999999999999999", 0, false},
	}
	for _, c := range cases {
		got, err := web.ParseMinor(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseMinor(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestQueryDecimalBoolEnum(t *testing.T) {
	q := query("min=10.5&max=abc&stock=true&gift=0&fast=maybe&sort=price_asc&order=sideways")
	if v, ok := q.Decimal("min"); !ok || v != 1050 {
		t.Fatalf("min = %d %v", v, ok)
	}
	if v, ok := q.Decimal("max"); ok || v != 0 {
		t.Fatalf("max = %d %v", v, ok)
	}
	if _, ok := q.Decimal("absent"); ok {
		t.Fatal("absent decimal reported present")
	}
	if v, ok := q.Bool("stock"); !ok || !v {
		t.Fatalf("stock = %v %v", v, ok)
	}
	if v, ok := q.Bool("gift"); !ok || v {
		t.Fatalf("gift = %v %v", v, ok)
	}
	if _, ok := q.Bool("fast"); ok {
		t.Fatal("fast=maybe accepted")
	}
	if _, ok := q.Bool("absent2"); ok {
		t.Fatal("absent bool reported present")
	}
	if got := q.Enum("sort", "popular", "popular", "price_asc"); got != "price_asc" {
		t.Fatalf("sort = %q", got)
	}
	if got := q.Enum("order", "asc", "asc", "desc"); got != "asc" {
		t.Fatalf("order = %q", got)
	}
	if got := q.Enum("absent3", "asc", "asc", "desc"); got != "asc" {
		t.Fatalf("absent enum = %q", got)
	}
	want := []string{"fast:not_boolean", "max:not_decimal", "order:not_allowed"}
	if got := fieldCodes(t, q.Err()); !slices.Equal(got, want) {
		t.Fatalf("errors = %v, want %v", got, want)
	}
}

func TestQueryStrictCollectsEveryProblem(t *testing.T) {
	q := query("limit=zero&q=shoes&debug=1&cursor=abc&tags=a,b,c")
	q.String("q", "", 100)
	q.Int("limit", 20, 1, 100)
	q.Strings("tags", 2)
	q.Fail("q", "too_vague", "be more specific")
	q.Strict()
	want := []string{"cursor:unknown_parameter", "debug:unknown_parameter", "limit:not_integer", "q:too_vague", "tags:too_many"}
	if got := fieldCodes(t, q.Err()); !slices.Equal(got, want) {
		t.Fatalf("errors = %v, want %v", got, want)
	}

	// Every parameter read: Strict is satisfied.
	q = query("q=shoes&limit=5")
	q.String("q", "", 100)
	q.Int("limit", 20, 1, 100)
	q.Strict()
	if err := q.Err(); err != nil {
		t.Fatalf("clean query: %v", err)
	}
}
