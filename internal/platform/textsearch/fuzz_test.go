package textsearch

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzQuery feeds arbitrary user queries: Query must never panic and must
// return at most maxTerms distinct, non-empty, lowercase terms without
// spaces (the engines join terms with spaces and match the last as a prefix).
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"", "   ", "Кроссовки для бега", "running shoes 42", "ЁЛКА ёлка", "a b c d e f g h i j k l m n o",
		"trail-running/кроссовки_Nike", "İstanbul ǅ ẞ", "\xff\xfe invalid", "x\u00a0y\u2003z", "١٢٣ 二三",
		"ⅫⅣ ℌ 𝔄𝔅", "'\"*:^()-+", "ss ß ﬁ ﬂ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := Query(q)
		if len(terms) > maxTerms {
			t.Fatalf("Query(%q) gave %d terms", q, len(terms))
		}
		seen := map[string]bool{}
		for _, term := range terms {
			if term == "" {
				t.Fatalf("Query(%q) = %q holds an empty term", q, terms)
			}
			if strings.ToLower(term) != term {
				t.Fatalf("Query(%q) term %q is not lowercase", q, term)
			}
			if strings.IndexFunc(term, unicode.IsSpace) >= 0 {
				t.Fatalf("Query(%q) term %q holds a space", q, term)
			}
			if seen[term] {
				t.Fatalf("Query(%q) = %q repeats %q", q, terms, term)
			}
			seen[term] = true
		}
	})
}
