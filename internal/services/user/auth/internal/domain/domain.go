// Package domain holds the auth service's entities (accounts, sessions and
// their refresh tokens, single-use tokens, lockouts, the projection of each
// user's grants, signing keys), its rules (email addresses, the staff
// rule), its errors and the Repository the store implements. No I/O.
package domain

import (
	"slices"
	"time"
)

// Account is a user's credentials.
type Account struct {
	ID           string
	Email        string // normalised (see NormalizeEmail)
	PasswordHash string // argon2id PHC string
	Language     string // "ru" or "en"
	CreatedAt    time.Time
	VerifiedAt   time.Time // zero: the email is not verified yet
	// TOTP: the secret (sealed) while two-factor authentication is on, the
	// last step accepted (no code of it or before works again), and a
	// secret being enrolled (sealed) until the user confirms it.
	TOTPSecret   string
	TOTPLastStep int64
	TOTPPending  string
	// TokensNotBefore: every access token of the user issued before it is
	// revoked, and none is minted with an earlier "iat".
	TokensNotBefore time.Time
	// LastIssuedAt is the latest "iat" of a token issued to the user; a
	// revocation always reaches past it.
	LastIssuedAt time.Time
}

// Verified reports whether the account's email is verified.
func (a Account) Verified() bool { return !a.VerifiedAt.IsZero() }

// TwoFactor reports whether two-factor authentication is on.
func (a Account) TwoFactor() bool { return a.TOTPSecret != "" }

// Grants are a user's roles and permissions and whether staff blocked
// them, projected from the access service's events.
type Grants struct {
	UserID      string
	Roles       []string
	Permissions []string
	Staff       bool // a role held is a staff role
	Blocked     bool
	UpdatedAt   time.Time // time of the last grants event applied
}

// RoleAthlete is everyone's implicit role.
const RoleAthlete = "athlete"

// Held returns every role the user holds, athlete first.
func (g Grants) Held() []string {
	roles := []string{RoleAthlete}
	for _, r := range g.Roles {
		if r != RoleAthlete && !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// Effective returns the roles and permissions a session may carry: a staff
// user's staff roles and permissions only when the session passed
// two-factor authentication; otherwise athlete level. Roles always
// include athlete.
func (g Grants) Effective(twoFactor bool) (roles, perms []string) {
	if g.Staff && !twoFactor {
		return []string{RoleAthlete}, []string{}
	}
	roles = g.Held()
	perms = slices.Clone(g.Permissions)
	if perms == nil {
		perms = []string{}
	}
	slices.Sort(perms)
	perms = slices.Compact(perms)
	return roles, perms
}

// TwoFactorRequired reports whether the session lacks the staff roles it
// would get after two-factor authentication.
func (g Grants) TwoFactorRequired(twoFactor bool) bool { return g.Staff && !twoFactor }

// Session is one sign-in: a family of refresh tokens, each replacing the
// one before.
type Session struct {
	ID         string
	UserID     string
	Device     string
	IP         string
	CreatedAt  time.Time
	LastSeenAt time.Time
	TwoFactor  bool // the session passed two-factor authentication
}

// AMR is the session's authentication methods (RFC 8176) for the "amr" claim.
func (s Session) AMR() []string {
	if s.TwoFactor {
		return []string{"pwd", "otp"}
	}
	return []string{"pwd"}
}

// ExpiresAt is when the session ends unless used again: idle after its
// last use, and never past max after its start.
func (s Session) ExpiresAt(idle, max time.Duration) time.Time {
	e := s.LastSeenAt.Add(idle)
	if hard := s.CreatedAt.Add(max); hard.Before(e) {
		e = hard
	}
	return e
}

// RefreshToken is one refresh token of a session, stored as its SHA-256.
type RefreshToken struct {
	Hash       string
	SessionID  string
	UserID     string
	CreatedAt  time.Time
	ReplacedAt time.Time // zero while it is the session's current token
}

// Kinds of single-use tokens.
const (
	TokenVerifyEmail = "verify_email"
	TokenReset       = "password_reset"
	TokenUnlock      = "unlock"
	TokenMFA         = "mfa"
)

// OneTimeToken is a single-use secret sent to the user (a link) or handed
// to the client between login steps, stored as its SHA-256.
type OneTimeToken struct {
	Hash      string
	Kind      string
	UserID    string
	Data      string // kind-specific: the password hash of a registration, the device of a login
	CreatedAt time.Time
	ExpiresAt time.Time
	Attempts  int // failed second-factor codes against an MFA token
}

// Lockout counts an email's consecutive failed logins. Key is a hash of
// the normalised email, so unknown emails are counted (and locked) the
// same way as registered ones.
type Lockout struct {
	Key         string
	UserID      string // "" when no account has the email
	Failures    int
	LockedUntil time.Time // zero: not locked
}

// Locked reports whether sign-in is locked at now.
func (l Lockout) Locked(now time.Time) bool { return l.LockedUntil.After(now) }

// SigningKey is a token signing key as stored: the private half sealed.
type SigningKey struct {
	ID            string
	Public        []byte
	SealedPrivate string
	CreatedAt     time.Time
	SignsFrom     time.Time
	ExpiresAt     time.Time // zero while it signs or is pending
}
