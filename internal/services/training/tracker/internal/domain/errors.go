// Package domain holds the tracker's rules without I/O: the live state of
// a session (auto-pause, plausibility of GPS fixes, running totals), who
// may see what of a session or an activity and how it is masked, the
// validation of inputs, and the conversion of stored samples into an
// activity.
package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The tracker's errors. The HTTP layer maps their kinds to statuses; the
// codes are stable and documented in the API. Another user's session or
// activity that the caller may not see is "not found", never "forbidden",
// so ids leak nothing.
var (
	ErrSessionNotFound   = apperr.New(apperr.NotFound, "session_not_found", "no such live session")
	ErrNoCurrentSession  = apperr.New(apperr.NotFound, "no_current_session", "you have no live session")
	ErrSessionActive     = apperr.New(apperr.Conflict, "session_active", "you already have a live session: finish or discard it first")
	ErrSessionEnded      = apperr.New(apperr.Conflict, "session_ended", "the session has ended")
	ErrSessionEmpty      = apperr.New(apperr.Unprocessable, "session_empty", "nothing was recorded in this session: discard it instead")
	ErrActivityNotFound  = apperr.New(apperr.NotFound, "activity_not_found", "no such activity")
	ErrDuplicateActivity = apperr.New(apperr.Conflict, "duplicate_activity", "an activity starting at the same time is stored already")
	ErrMapHidden         = apperr.New(apperr.Forbidden, "map_hidden", "the owner's privacy settings hide the route from you")
	ErrExportHidden      = apperr.New(apperr.Forbidden, "export_hidden", "the owner's privacy settings do not let you export this activity")
	ErrNoRoute           = apperr.New(apperr.NotFound, "no_route", "the activity has no route")
	ErrShareNotFound     = apperr.New(apperr.NotFound, "share_not_found", "no such share link")
	// ErrShareExpired is answered 410 Gone by the HTTP layer.
	ErrShareExpired     = apperr.New(apperr.NotFound, "share_expired", "the share link has expired")
	ErrTooManyShares    = apperr.New(apperr.Conflict, "too_many_shares", "the session has too many share links")
	ErrInvalidTicket    = apperr.New(apperr.Unauthorized, "invalid_ticket", "the watch ticket is missing, used or expired")
	ErrNoSafetyContacts = apperr.New(apperr.Conflict, "no_safety_contacts", "add safety contacts first")
	ErrTooManyViewers   = apperr.New(apperr.TooMany, "too_many_viewers", "this live session has too many viewers; try again later")
	ErrStopping         = apperr.New(apperr.Unavailable, "stopping", "the server is stopping")
	ErrSessionBusy      = apperr.New(apperr.Unavailable, "session_busy", "samples are still arriving for this session; try again")
	ErrStreamsMissing   = apperr.New(apperr.Unavailable, "streams_unavailable", "the activity's samples cannot be read right now")
)
