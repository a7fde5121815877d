package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The auth service's errors. Messages never say whether an email is
// registered.
var (
	ErrInvalidCredentials = apperr.New(apperr.Unauthorized, "invalid_credentials", "the email or password is wrong")
	ErrEmailNotVerified   = apperr.New(apperr.Forbidden, "email_not_verified", "confirm your email address first; we can send the link again")
	ErrUserBlocked        = apperr.New(apperr.Forbidden, "user_blocked", "this account has been blocked")
	// ErrAccountLocked is answered 423 Locked.
	ErrAccountLocked     = apperr.New(apperr.Forbidden, "account_locked", "too many failed sign-ins; sign-in is locked for a while, or until the link we emailed is used")
	ErrInvalidCode       = apperr.New(apperr.Unauthorized, "invalid_code", "the code is wrong or has been used")
	ErrCodeRejected      = apperr.New(apperr.Forbidden, "invalid_code", "the code is wrong or has been used")
	ErrInvalidMFAToken   = apperr.New(apperr.Unauthorized, "invalid_mfa_token", "the sign-in has expired; sign in again")
	ErrInvalidRefresh    = apperr.New(apperr.Unauthorized, "invalid_refresh_token", "the refresh token is invalid or expired; sign in again")
	ErrInvalidLinkToken  = apperr.New(apperr.Invalid, "invalid_or_expired_token", "the link is invalid, expired or already used")
	ErrWrongPassword     = apperr.New(apperr.Forbidden, "invalid_password", "the current password is wrong")
	ErrSessionNotFound   = apperr.New(apperr.NotFound, "session_not_found", "no such session")
	ErrSessionEnded      = apperr.New(apperr.Unauthorized, "session_ended", "this session has ended; sign in again")
	ErrUserNotFound      = apperr.New(apperr.NotFound, "user_not_found", "no such user")
	ErrEmailTaken        = apperr.New(apperr.Conflict, "email_taken", "an account with this email already exists")
	ErrTwoFactorEnabled  = apperr.New(apperr.Conflict, "two_factor_enabled", "two-factor authentication is already on")
	ErrTwoFactorDisabled = apperr.New(apperr.Conflict, "two_factor_not_enabled", "two-factor authentication is off")
	ErrNoPendingSetup    = apperr.New(apperr.Conflict, "two_factor_setup_required", "start two-factor set-up first")
	ErrTooManyRequests   = apperr.New(apperr.TooMany, "too_many_requests", "too many requests from this address; try again later")
)
