package store

import (
	"strings"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// The dialect seam: the only SQL that differs between SQLite and PostgreSQL
// in the catalog is full-text matching, its ranking and name collation.

// matchSQL returns a join clause (may be empty), a WHERE condition that keeps
// products whose search document holds every term (the last as a prefix),
// and a rank expression where a smaller value means more relevant.
func matchSQL(d sqldb.Dialect, terms []string, a *argList) (join, where, rank string) {
	if d == sqldb.Postgres {
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = pgQuote(t)
		}
		parts[len(parts)-1] += ":*"
		q := a.add(strings.Join(parts, " & "))
		vec := "to_tsvector('simple', p.search_doc)"
		return "", vec + " @@ to_tsquery('simple', " + q + ")", "-ts_rank(" + vec + ", to_tsquery('simple', " + q + "))"
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	parts[len(parts)-1] += "*"
	q := a.add(strings.Join(parts, " "))
	return "JOIN product_search ON product_search.rowid = p.rowid",
		"product_search MATCH " + q, "bm25(product_search)"
}

// pgQuote quotes a term for to_tsquery so that no character of it is read as
// an operator.
func pgQuote(t string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), "'", "''") + "'"
}

// nameExpr returns the column to sort names by, compared byte-wise on both
// engines so the order (and the cursor) is the same.
func nameExpr(d sqldb.Dialect, lang string) string {
	col := "p.name_ru"
	if lang == "en" {
		col = "p.name_en"
	}
	if d == sqldb.Postgres {
		return col + ` COLLATE "C"`
	}
	return col
}
