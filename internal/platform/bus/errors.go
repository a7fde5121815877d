package bus

import (
	"errors"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// permanentError marks a handler error that retrying cannot fix.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return "permanent: " + e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// Permanent marks err as one no retry can fix (a malformed payload, a
// reference that will never exist): the consumer dead-letters the event at
// once instead of retrying it. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err was marked with Permanent or is an apperr
// of kind Invalid: both are dead-lettered without retries.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p) || apperr.IsKind(err, apperr.Invalid)
}
