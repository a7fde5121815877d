// Package textsearch turns Russian and English text into the stemmed terms
// SportHub's full-text search indexes and queries. Doing the language work in
// Go (Snowball stemmers) and handing the engines plain terms gives SQLite FTS5
// and PostgreSQL full-text the same results contract: a query matches the same
// documents on both, only the ranking functions differ.
package textsearch

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// maxTerms bounds how many terms a query may have, so a pathological query
// cannot make the engines do unbounded work.
const maxTerms = 12

// Terms splits text into lowercase words and stems each in its own language
// (Cyrillic words with the Russian stemmer, Latin words with the English one).
// Digits stay as they are; "ё" folds to "е".
func Terms(text string) []string {
	var out []string
	for _, w := range words(text) {
		out = append(out, stem(w))
	}
	return out
}

// Document returns the space-separated terms to index for the given fields.
func Document(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		for _, t := range Terms(f) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	}
	return b.String()
}

// Query returns the distinct terms of a user's query (at most maxTerms). The
// engines match documents holding every term, the last as a prefix so that
// results appear while the user is still typing.
func Query(q string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range Terms(q) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

func words(text string) []string {
	text = strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(text, "ё", "е"), "Ё", "Е"))
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func stem(w string) string {
	cyr, lat := 0, 0
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case cyr > 0 && cyr >= lat:
		return russian.Stem(w, false)
	case lat > 0:
		return english.Stem(w, false)
	}
	return w
}
