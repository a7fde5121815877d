// Package channel sends notifications out of SportHub: email over SMTP (or
// into .eml files when no SMTP server is configured), web push with VAPID,
// and SMS through an HTTP gateway. Senders tell a failure worth retrying
// from a permanent one; the delivery worker decides what to do with it.
package channel

import "errors"

// failure is a send error with its retry class.
type failure struct {
	err       error
	permanent bool
}

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// Permanent marks err as one that retrying cannot fix (a refused address,
// a 4xx from the gateway).
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &failure{err: err, permanent: true}
}

// IsPermanent reports whether err was marked Permanent. Unmarked errors
// (timeouts, refused connections, 5xx) are worth retrying.
func IsPermanent(err error) bool {
	var f *failure
	return errors.As(err, &f) && f.permanent
}

// Email is one email to send.
type Email struct {
	MessageID string // unique, e.g. the delivery id; the Message-ID's local part
	To        string
	Subject   string
	Text      string
	HTML      string
}
