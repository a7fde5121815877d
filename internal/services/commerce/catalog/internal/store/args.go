package store

import (
	"strconv"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// argList numbers query arguments as $1, $2, ... while a query is built.
type argList struct{ args []any }

// add appends v and returns its placeholder.
func (a *argList) add(v any) string {
	a.args = append(a.args, v)
	return "$" + strconv.Itoa(len(a.args))
}

// in returns a comma-separated placeholder list for vals.
func (a *argList) in(vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = a.add(v)
	}
	return strings.Join(ph, ", ")
}

func unknownRef(field, msg string) error {
	return apperr.Validation(apperr.FieldError{Field: field, Code: "unknown_reference", Message: msg})
}
