package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The profiles service's errors. The HTTP layer maps their kinds to statuses;
// the codes are stable and documented in the API.
var (
	ErrProfileNotFound       = apperr.New(apperr.NotFound, "profile_not_found", "no such profile")
	ErrProfileRestricted     = apperr.New(apperr.Forbidden, "profile_restricted", "the owner's privacy settings hide this from you")
	ErrZoneNotFound          = apperr.New(apperr.NotFound, "privacy_zone_not_found", "no such privacy zone")
	ErrTooManyZones          = apperr.New(apperr.Conflict, "too_many_privacy_zones", "at most 10 privacy zones per user")
	ErrGoalNotFound          = apperr.New(apperr.NotFound, "goal_not_found", "no such goal")
	ErrTooManyGoals          = apperr.New(apperr.Conflict, "too_many_goals", "at most 50 goals per user")
	ErrFollowRequestNotFound = apperr.New(apperr.NotFound, "follow_request_not_found", "no pending follow request from this user")
	ErrCannotFollowSelf      = apperr.New(apperr.Invalid, "cannot_follow_self", "you cannot follow yourself")
	ErrAvatarNotFound        = apperr.New(apperr.NotFound, "avatar_not_found", "no such avatar")
	ErrNoAvatar              = apperr.New(apperr.NotFound, "avatar_not_set", "the profile has no avatar")
	// ErrUnsupportedMedia is answered 415 by the avatar upload.
	ErrUnsupportedMedia = apperr.New(apperr.Invalid, "unsupported_media_type", "the image must be JPEG, PNG, GIF or WebP")
	ErrImageInvalid     = apperr.New(apperr.Invalid, "image_invalid", "the image could not be read")
	ErrImageTooLarge    = apperr.New(apperr.Invalid, "image_too_large", "the image may have at most 40 megapixels")
	ErrImageTooSmall    = apperr.New(apperr.Invalid, "image_too_small", "the image must be at least 32x32 pixels")
	ErrBusy             = apperr.New(apperr.Unavailable, "busy", "too many images are being processed; retry shortly")
)
