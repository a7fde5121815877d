package textsearch

import (
	"slices"
	"testing"
)

func TestTermsStemBothLanguages(t *testing.T) {
	cases := []struct{ a, b string }{
		{"кроссовки", "кроссовкам"},
		{"Кроссовки для бега", "кроссовками"},
		{"палатки", "палатка"},
		{"Ёлка", "елка"},
		{"running shoes", "run shoe"},
		{"helmets", "helmet"},
	}
	for _, c := range cases {
		a, b := Terms(c.a), Terms(c.b)
		if !slices.Contains(a, b[0]) {
			t.Errorf("Terms(%q)=%v does not contain the stem of %q (%v)", c.a, a, c.b, b)
		}
	}
}

func TestQueryIsBoundedAndDistinct(t *testing.T) {
	q := Query("бег бег бега a b c d e f g h i j k l m n o p")
	if len(q) != maxTerms {
		t.Fatalf("len = %d, want %d", len(q), maxTerms)
	}
	if q[0] != "бег" || slices.Index(q[1:], "бег") >= 0 {
		t.Fatalf("terms not distinct: %v", q)
	}
	if len(Query("  ,,, !!! ")) != 0 {
		t.Fatal("punctuation-only query must give no terms")
	}
}

func TestDocumentMixesLanguages(t *testing.T) {
	d := Document("Кроссовки Stridex Aero 3", "Running shoes")
	for _, want := range []string{"кроссовк", "stridex", "aero", "3", "run", "shoe"} {
		if !slices.Contains(Terms(d), want) && !slices.Contains(splitSpace(d), want) {
			t.Errorf("document %q lacks %q", d, want)
		}
	}
}

func splitSpace(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}
