package authapi

import "time"

// RegisterRequest creates an account. Language is "ru" or "en" (default "ru").
type RegisterRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Language string `json:"language,omitempty"`
}

// Status is a one-word answer, e.g. {"status":"verification_sent"}.
type Status struct {
	Status string `json:"status"`
}

// The statuses the service answers with.
const (
	StatusVerificationSent = "verification_sent"
	StatusVerified         = "verified"
	StatusAccepted         = "accepted"
)

// TokenRequest carries a single-use token from an emailed link (email
// verification, account unlock).
type TokenRequest struct {
	Token string `json:"token"`
}

// EmailRequest names an account by email (resend verification, forgotten
// password).
type EmailRequest struct {
	Email string `json:"email"`
}

// LoginRequest is the first login step.
type LoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// MFAChallenge is the login answer when the account has two-factor
// authentication: the second step (POST /login/2fa) must present MFAToken
// within ExpiresIn seconds.
type MFAChallenge struct {
	MFARequired bool   `json:"mfa_required"`
	MFAToken    string `json:"mfa_token"`
	ExpiresIn   int    `json:"expires_in"`
}

// LoginSecondFactorRequest completes a login with a TOTP code or a
// recovery code (exactly one of them).
type LoginSecondFactorRequest struct {
	MFAToken     string `json:"mfa_token"`
	Code         string `json:"code,omitempty"`
	RecoveryCode string `json:"recovery_code,omitempty"`
}

// RefreshRequest exchanges a refresh token for new tokens; browsers send
// the sh_refresh cookie instead.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token,omitempty"`
}

// Tokens are the credentials of a session: a short-lived access token and
// a refresh token that is replaced on every use.
type Tokens struct {
	AccessToken      string `json:"access_token"`
	TokenType        string `json:"token_type"`
	ExpiresIn        int    `json:"expires_in"`
	RefreshToken     string `json:"refresh_token"`
	RefreshExpiresIn int    `json:"refresh_expires_in"`
	SessionID        string `json:"session_id"`
}

// ResetPasswordRequest sets a new password with the token of a reset link.
type ResetPasswordRequest struct {
	Token       string `json:"token"`
	NewPassword string `json:"new_password"`
}

// ChangePasswordRequest changes the signed-in user's password.
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// DeleteAccountRequest deletes the signed-in user's account; Code (a TOTP
// or recovery code) is needed when two-factor authentication is on.
type DeleteAccountRequest struct {
	Password string `json:"password"`
	Code     string `json:"code,omitempty"`
}

// Me is the signed-in account. Roles are the roles it holds (athlete
// first); Permissions are those the current session's tokens carry: none of
// a staff user's until the session passed two-factor authentication, and
// TwoFactorRequired says so.
type Me struct {
	UserID            string    `json:"user_id"`
	Email             string    `json:"email"`
	EmailVerified     bool      `json:"email_verified"`
	TwoFactorEnabled  bool      `json:"two_factor_enabled"`
	TwoFactorRequired bool      `json:"two_factor_required"`
	Roles             []string  `json:"roles"`
	Permissions       []string  `json:"permissions"`
	Staff             bool      `json:"staff"`
	CreatedAt         time.Time `json:"created_at"`
}

// Session is one signed-in device.
type Session struct {
	ID         string    `json:"id"`
	Device     string    `json:"device"`
	IP         string    `json:"ip"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	Current    bool      `json:"current"`
	TwoFactor  bool      `json:"two_factor"`
}

// Sessions lists the signed-in user's sessions, newest first.
type Sessions struct {
	Items []Session `json:"items"`
}

// TwoFactorSetup is a new TOTP secret to enrol in an authenticator app:
// the secret (base32), its otpauth:// URL and that URL as a QR code
// ("data:image/png;base64,...").
type TwoFactorSetup struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

// CodeRequest carries a TOTP code or a recovery code.
type CodeRequest struct {
	Code string `json:"code"`
}

// RecoveryCodes are single-use codes that stand in for a TOTP code; they
// are shown once.
type RecoveryCodes struct {
	RecoveryCodes []string `json:"recovery_codes"`
	// Tokens are new tokens for the current session, which has just passed
	// two-factor authentication (only in the answer to POST /2fa/enable).
	Tokens *Tokens `json:"tokens,omitempty"`
}
