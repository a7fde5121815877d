// Package apperr defines the error kinds every SportHub layer speaks: the domain
// declares errors of a kind, stores map driver errors to kinds, and only the
// HTTP layer (internal/platform/web) turns a kind into a status and a stable code.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers that must react to it (HTTP status,
// retry decisions). The zero value is Internal.
type Kind int

// The error kinds. Their HTTP mapping lives in internal/platform/web.
const (
	Internal      Kind = iota // a bug or an unexpected failure; never shown to users
	Invalid                   // the input is malformed or breaks a rule
	NotFound                  // the entity does not exist (or the caller may not know it does)
	Conflict                  // a uniqueness or version conflict
	Unauthorized              // no valid credentials
	Forbidden                 // credentials valid but not allowed
	Unavailable               // a dependency is down; retry later
	TooMany                   // rate limited
	TooLarge                  // the request body is too large
	Unprocessable             // well-formed but semantically refused (e.g. idempotency key reuse)
)

var kindNames = map[Kind]string{
	Internal: "internal", Invalid: "invalid", NotFound: "not_found", Conflict: "conflict",
	Unauthorized: "unauthorized", Forbidden: "forbidden", Unavailable: "unavailable",
	TooMany: "too_many_requests", TooLarge: "too_large", Unprocessable: "unprocessable",
}

// String returns the kind's stable lowercase name.
func (k Kind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// FieldError describes what is wrong with one input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is an error with a kind, a stable machine code and a message safe to show.
type Error struct {
	Kind    Kind
	Code    string       // stable machine code, e.g. "product_not_found"
	Message string       // human text, safe to show to the caller
	Fields  []FieldError // per-field problems for Invalid
	Err     error        // the wrapped cause, never shown
}

// Error implements error.
func (e *Error) Error() string {
	msg := e.Code
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is match two *Error values by kind and code, so domain
// sentinels like ErrProductNotFound compare equal after wrapping.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.Kind == e.Kind && t.Code == e.Code
}

// New returns an error of the given kind and code.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Wrap returns an error of the given kind and code wrapping cause.
func Wrap(cause error, kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message, Err: cause}
}

// Validation returns an Invalid error carrying per-field problems.
func Validation(fields ...FieldError) *Error {
	return &Error{Kind: Invalid, Code: "validation_failed", Message: "the request has invalid fields", Fields: fields}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// IsKind reports whether err's chain holds an *Error of kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Fields collects per-field errors while validating input.
type Fields []FieldError

// Add records a problem with one field.
func (f *Fields) Add(field, code, message string) {
	*f = append(*f, FieldError{Field: field, Code: code, Message: message})
}

// Err returns a validation error when problems were recorded, else nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Validation(f...)
}
