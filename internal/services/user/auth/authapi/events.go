package authapi

import "time"

// Event types the auth service publishes, `user.auth.<event>.v1`. The
// envelope's subject is always the user id the event is about. Payloads
// are versioned: an incompatible change gets a new type (v2).
const (
	EventUserRegistered   = "user.auth.user_registered.v1"
	EventEmailVerified    = "user.auth.email_verified.v1"
	EventLoggedIn         = "user.auth.logged_in.v1"
	EventPasswordChanged  = "user.auth.password_changed.v1"
	EventTwoFactorChanged = "user.auth.two_factor_changed.v1"
	EventAccountLocked    = "user.auth.account_locked.v1"
	EventAccountUnlocked  = "user.auth.account_unlocked.v1"
	EventAccessRevoked    = "user.auth.access_revoked.v1"
	EventUserDeleted      = "user.auth.user_deleted.v1"
)

// UserRegisteredV1 is published when an account is created (its email is
// not verified yet, unless an operator created it).
type UserRegisteredV1 struct {
	UserID       string    `json:"user_id"`
	Email        string    `json:"email"`
	Language     string    `json:"language"`
	RegisteredAt time.Time `json:"registered_at"`
}

// EmailVerifiedV1 is published when the owner of an account's email proved it.
type EmailVerifiedV1 struct {
	UserID     string    `json:"user_id"`
	Email      string    `json:"email"`
	VerifiedAt time.Time `json:"verified_at"`
}

// LoggedInV1 is published when a session starts. NewDevice says this user
// never signed in from this device and IP address before.
type LoggedInV1 struct {
	UserID    string    `json:"user_id"`
	SessionID string    `json:"session_id"`
	Device    string    `json:"device"`
	IP        string    `json:"ip"`
	NewDevice bool      `json:"new_device"`
	At        time.Time `json:"at"`
}

// PasswordChangedV1 is published when a password is changed or reset.
type PasswordChangedV1 struct {
	UserID string    `json:"user_id"`
	At     time.Time `json:"at"`
}

// TwoFactorChangedV1 is published when two-factor authentication is turned
// on or off.
type TwoFactorChangedV1 struct {
	UserID  string    `json:"user_id"`
	Enabled bool      `json:"enabled"`
	At      time.Time `json:"at"`
}

// AccountLockedV1 is published when too many failed logins lock an
// account until Until.
type AccountLockedV1 struct {
	UserID string    `json:"user_id"`
	Until  time.Time `json:"until"`
	At     time.Time `json:"at"`
}

// Who or what lifted a lockout (AccountUnlockedV1.By).
const (
	UnlockedByEmail  = "email"
	UnlockedByStaff  = "staff"
	UnlockedByExpiry = "expiry"
)

// AccountUnlockedV1 is published when a lockout ends.
type AccountUnlockedV1 struct {
	UserID string    `json:"user_id"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// AccessRevokedV1 invalidates access tokens before they expire: every
// token of UserID (of SessionID only, when it is not empty) whose "iat" is
// before IssuedBefore. IssuedBefore lies past the "iat" of every token
// issued until the revocation (tokens carry whole seconds), and after a
// user-wide revocation the service mints no token with an earlier "iat",
// so comparing the instants is exact.
type AccessRevokedV1 struct {
	UserID       string    `json:"user_id"`
	SessionID    string    `json:"session_id"`
	IssuedBefore time.Time `json:"issued_before"`
	Reason       string    `json:"reason"`
}

// Reasons of AccessRevokedV1.
const (
	RevokedLogout        = "logout"
	RevokedSession       = "session_revoked"
	RevokedPassword      = "password_changed"
	RevokedPasswordReset = "password_reset"
	RevokedRefreshReuse  = "refresh_token_reuse"
	RevokedGrants        = "grants_changed"
	RevokedBlocked       = "blocked"
	RevokedTwoFactor     = "two_factor_changed"
	RevokedDeleted       = "deleted"
)

// UserDeletedV1 is published when an account is deleted; every service
// erases or anonymises the user's data when it sees it.
type UserDeletedV1 struct {
	UserID    string    `json:"user_id"`
	DeletedAt time.Time `json:"deleted_at"`
}
