// Package domain holds the devices service's entities and rules: paired
// devices and their settings, pairing codes and device tokens (random,
// stored only as hashes), live batches and their limits, and imports with
// their statuses and duplicate rules. No I/O happens here.
package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The devices service's errors. The HTTP layer maps their kinds to
// statuses; the codes are stable and documented in the API.
var (
	ErrDeviceNotFound   = apperr.New(apperr.NotFound, "device_not_found", "no such device")
	ErrImportNotFound   = apperr.New(apperr.NotFound, "import_not_found", "no such import")
	ErrTooManyPairings  = apperr.New(apperr.Conflict, "too_many_pairings", "at most 5 pairing codes may wait at once; use or let one expire first")
	ErrTooManyDevices   = apperr.New(apperr.Conflict, "too_many_devices", "at most 50 devices per user; remove one first")
	ErrInvalidToken     = apperr.New(apperr.Unauthorized, "invalid_device_token", "the device token is not valid (the device may have been removed)")
	ErrAmbiguousCaller  = apperr.New(apperr.Invalid, "ambiguous_credentials", "send either a device token or an access token, not both")
	ErrUnauthenticated  = apperr.New(apperr.Unauthorized, "unauthenticated", "a device token (X-Device-Token) or an access token is required")
	ErrDuplicateImport  = apperr.New(apperr.Conflict, "duplicate_import", "this file was imported before")
	ErrCodeTaken        = apperr.New(apperr.Conflict, "pairing_code_taken", "a pairing code collided; try again")
	ErrIngestNotRunning = apperr.New(apperr.Unavailable, "ingest_unavailable", "live ingest is not running in this process")
)

// Unprocessable returns the 422 error of well-formed input that breaks the
// service's rules, with one entry per offending field. Nothing is stored
// when it is returned.
func Unprocessable(fields apperr.Fields) error {
	if len(fields) == 0 {
		return nil
	}
	return &apperr.Error{Kind: apperr.Unprocessable, Code: "validation_failed",
		Message: "the request has invalid fields; nothing was stored", Fields: fields}
}

// ErrPairingNotFound is what TakePairing says of an unknown, used or
// expired code; the pair route answers it as a field error on "code".
var ErrPairingNotFound = apperr.New(apperr.NotFound, "pairing_code_not_found", "no such pairing code")
