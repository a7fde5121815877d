package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The progress service's errors; the codes are stable and documented.
var (
	// ErrActivityNotFound also answers an activity of someone else.
	ErrActivityNotFound = apperr.New(apperr.NotFound, "activity_not_found", "no such activity")
)
