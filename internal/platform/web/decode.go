package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// DefaultMaxBody is the request body limit when a route sets none.
const DefaultMaxBody = 1 << 20

// Validator is implemented by request DTOs that check themselves after decoding.
type Validator interface {
	Validate() error
}

// DecodeJSON strictly decodes the request body into dst: the content type must
// be JSON, unknown fields and trailing data are refused, the body is capped at
// MaxBody (DefaultMaxBody unless WithMaxBody raised or lowered it), and when dst
// implements Validator its rules are checked. Every failure is a 4xx apperr.
func DecodeJSON(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return apperr.New(apperr.Invalid, "unsupported_media_type", "the request body must be application/json")
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, MaxBody(r.Context())))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return decodeError(err)
		}
		return apperr.New(apperr.Invalid, "malformed_json", "the request body must hold a single JSON value")
	}
	if v, ok := dst.(Validator); ok {
		return v.Validate()
	}
	return nil
}

func decodeError(err error) error {
	var (
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
		maxErr    *http.MaxBytesError
	)
	switch {
	case errors.As(err, &maxErr):
		return apperr.New(apperr.TooLarge, "body_too_large", fmt.Sprintf("the request body exceeds %d bytes", maxErr.Limit))
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.Invalid, "empty_body", "the request body is empty")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.Invalid, "malformed_json", "the request body is not valid JSON")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "(body)"
		}
		return apperr.Validation(apperr.FieldError{Field: field, Code: "wrong_type",
			Message: fmt.Sprintf("must be %s, not %s", typeName(typeErr.Type.Kind().String()), typeErr.Value)})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Validation(apperr.FieldError{Field: name, Code: "unknown_field", Message: "this field is not accepted"})
	default:
		return apperr.Wrap(err, apperr.Invalid, "malformed_json", "the request body could not be read")
	}
}

func typeName(kind string) string {
	switch kind {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	}
	return kind
}

// Query reads and validates query parameters, collecting every problem so the
// caller sees them all at once. Unknown parameters can be refused with Strict.
type Query struct {
	r      *http.Request
	fields apperr.Fields
	seen   map[string]bool
}

// NewQuery starts reading r's query parameters.
func NewQuery(r *http.Request) *Query { return &Query{r: r, seen: map[string]bool{}} }

func (q *Query) raw(name string) (string, bool) {
	q.seen[name] = true
	vals, ok := q.r.URL.Query()[name]
	if !ok || len(vals) == 0 {
		return "", false
	}
	return strings.TrimSpace(vals[len(vals)-1]), true
}

// String returns the parameter or def when absent, refusing values over maxLen.
func (q *Query) String(name, def string, maxLen int) string {
	v, ok := q.raw(name)
	if !ok {
		return def
	}
	if maxLen > 0 && len(v) > maxLen {
		q.fields.Add(name, "too_long", fmt.Sprintf("must be at most %d characters", maxLen))
		return def
	}
	return v
}

// Strings returns every value of a repeatable parameter (also comma separated).
func (q *Query) Strings(name string, maxItems int) []string {
	q.seen[name] = true
	var out []string
	for _, v := range q.r.URL.Query()[name] {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	if maxItems > 0 && len(out) > maxItems {
		q.fields.Add(name, "too_many", fmt.Sprintf("at most %d values", maxItems))
		return out[:maxItems]
	}
	return out
}

// Int returns an integer parameter within [min, max], or def when absent.
func (q *Query) Int(name string, def, min, max int) int {
	v, ok := q.raw(name)
	if !ok || v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		q.fields.Add(name, "not_integer", "must be an integer")
		return def
	}
	if n < min || n > max {
		q.fields.Add(name, "out_of_range", fmt.Sprintf("must be between %d and %d", min, max))
		return def
	}
	return n
}

// Decimal returns a non-negative decimal parameter as minor units (two
// decimals), and whether it was present.
func (q *Query) Decimal(name string) (int64, bool) {
	v, ok := q.raw(name)
	if !ok || v == "" {
		return 0, false
	}
	minor, err := ParseMinor(v)
	if err != nil {
		q.fields.Add(name, "not_decimal", "must be a non-negative number with at most two decimals")
		return 0, false
	}
	return minor, true
}

// Bool returns a boolean parameter (true/false/1/0), and whether it was present.
func (q *Query) Bool(name string) (bool, bool) {
	v, ok := q.raw(name)
	if !ok || v == "" {
		return false, false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		q.fields.Add(name, "not_boolean", "must be true or false")
		return false, false
	}
	return b, true
}

// Enum returns the parameter when it is one of allowed, else def.
func (q *Query) Enum(name, def string, allowed ...string) string {
	v, ok := q.raw(name)
	if !ok || v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	q.fields.Add(name, "not_allowed", "must be one of: "+strings.Join(allowed, ", "))
	return def
}

// Fail records a problem found by the caller's own checks.
func (q *Query) Fail(name, code, message string) { q.fields.Add(name, code, message) }

// Strict refuses parameters that were not read.
func (q *Query) Strict() {
	for name := range q.r.URL.Query() {
		if !q.seen[name] {
			q.fields.Add(name, "unknown_parameter", "this query parameter is not accepted")
		}
	}
}

// Err returns the collected validation error, if any.
func (q *Query) Err() error { return q.fields.Err() }

// ParseMinor parses a non-negative decimal with up to two fraction digits
// ("1500", "1500.5", "1500.50") into minor units without floating point.
func ParseMinor(s string) (int64, error) {
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(whole) > 15 || (hasFrac && (len(frac) == 0 || len(frac) > 2)) {
		return 0, errors.New("bad decimal")
	}
	w, err := strconv.ParseUint(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	var f uint64
	if hasFrac {
		if len(frac) == 1 {
			frac += "0"
		}
		if f, err = strconv.ParseUint(frac, 10, 64); err != nil {
			return 0, err
		}
	}
	return int64(w*100 + f), nil
}
