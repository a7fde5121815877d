package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

const userColumns = `id, email, password_hash, language, created_at, verified_at, totp_secret, totp_last_step,
	totp_pending, tokens_not_before, last_issued_at`

// accountFromRow rebuilds an account from its stored row.
func accountFromRow(sc sqldb.Scanner) (domain.Account, error) {
	var a domain.Account
	var created, verified, notBefore, issued int64
	if err := sc.Scan(&a.ID, &a.Email, &a.PasswordHash, &a.Language, &created, &verified, &a.TOTPSecret,
		&a.TOTPLastStep, &a.TOTPPending, &notBefore, &issued); err != nil {
		return a, err
	}
	a.CreatedAt, a.VerifiedAt = fromUS(created), fromUS(verified)
	a.TokensNotBefore, a.LastIssuedAt = fromUS(notBefore), fromUS(issued)
	return a, nil
}

// CreateUser adds an account; an email already taken is ErrEmailTaken.
func (s *Store) CreateUser(ctx context.Context, a domain.Account) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
		a.ID, a.Email, a.PasswordHash, a.Language, us(a.CreatedAt), us(a.VerifiedAt), a.TOTPSecret, a.TOTPLastStep,
		a.TOTPPending, us(a.TokensNotBefore), us(a.LastIssuedAt))
	if sqldb.IsUniqueViolation(err) {
		return domain.ErrEmailTaken
	}
	if err != nil {
		return fmt.Errorf("create user: %w", sqldb.Classify(err))
	}
	return nil
}

func (s *Store) userWhere(ctx context.Context, where string, arg any) (domain.Account, error) {
	a, err := accountFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if sqldb.IsNoRows(err) {
		return a, domain.ErrUserNotFound
	}
	if err != nil {
		return a, fmt.Errorf("read user: %w", sqldb.Classify(err))
	}
	return a, nil
}

// UserByEmail returns the account with the (normalised) email.
func (s *Store) UserByEmail(ctx context.Context, email string) (domain.Account, error) {
	return s.userWhere(ctx, "email = $1", email)
}

// UserByID returns the account with the id.
func (s *Store) UserByID(ctx context.Context, id string) (domain.Account, error) {
	return s.userWhere(ctx, "id = $1", id)
}

func (s *Store) updateUser(ctx context.Context, op, set, id string, args ...any) error {
	args = append([]any{id}, args...)
	n, err := s.exec(ctx, op, `UPDATE users SET `+set+` WHERE id = $1`, args...)
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.ErrUserNotFound
	}
	return nil
}

// SetPassword replaces the account's password hash.
func (s *Store) SetPassword(ctx context.Context, id, hash string) error {
	return s.updateUser(ctx, "set password", "password_hash = $2", id, hash)
}

// MarkVerified records that the email was verified at (the first time
// only) and, when hash is not empty, sets the password hash with it.
func (s *Store) MarkVerified(ctx context.Context, id string, at time.Time, hash string) error {
	return s.updateUser(ctx, "mark verified",
		`verified_at = CASE WHEN verified_at = 0 THEN $2 ELSE verified_at END,
		 password_hash = CASE WHEN CAST($3 AS TEXT) = '' THEN password_hash ELSE CAST($3 AS TEXT) END`, id, us(at), hash)
}

// RevokeTokensBefore moves the account's TokensNotBefore to t (never back).
func (s *Store) RevokeTokensBefore(ctx context.Context, id string, t time.Time) error {
	return s.updateUser(ctx, "revoke tokens",
		`tokens_not_before = CASE WHEN tokens_not_before < $2 THEN $2 ELSE tokens_not_before END`, id, us(t))
}

// NoteIssued records that a token with "iat" t was issued to the user.
func (s *Store) NoteIssued(ctx context.Context, id string, t time.Time) error {
	return s.updateUser(ctx, "note issued token",
		`last_issued_at = CASE WHEN last_issued_at < $2 THEN $2 ELSE last_issued_at END`, id, us(t))
}

// SetTOTPPending stores a secret being enrolled (sealed).
func (s *Store) SetTOTPPending(ctx context.Context, id, sealed string) error {
	return s.updateUser(ctx, "set totp pending", "totp_pending = $2", id, sealed)
}

// EnableTOTP makes the pending secret the account's and records step as
// used. It fails with ErrNoPendingSetup when the pending secret changed.
func (s *Store) EnableTOTP(ctx context.Context, id, pending string, step int64) error {
	n, err := s.exec(ctx, "enable totp",
		`UPDATE users SET totp_secret = totp_pending, totp_pending = '', totp_last_step = $3
		 WHERE id = $1 AND totp_pending = $2 AND totp_pending <> '' AND totp_secret = ''`, id, pending, step)
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.ErrNoPendingSetup
	}
	return nil
}

// DisableTOTP removes the account's TOTP secret.
func (s *Store) DisableTOTP(ctx context.Context, id string) error {
	return s.updateUser(ctx, "disable totp", "totp_secret = '', totp_pending = '', totp_last_step = 0", id)
}

// UseTOTPStep records step as the last accepted one, only when it is later
// than the one recorded; false means the step was used already (a replay
// or a concurrent use of the same code).
func (s *Store) UseTOTPStep(ctx context.Context, id string, step int64) (bool, error) {
	n, err := s.exec(ctx, "use totp step",
		`UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2 AND totp_secret <> ''`, id, step)
	return n == 1, err
}

// DeleteUser erases the account and everything attached to it (sessions,
// refresh tokens, single-use tokens, recovery codes, known devices by
// cascade; the grants projection and lockout explicitly).
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	if _, err := s.exec(ctx, "delete grants", `DELETE FROM grants WHERE user_id = $1`, id); err != nil {
		return err
	}
	if _, err := s.exec(ctx, "delete lockouts", `DELETE FROM lockouts WHERE user_id = $1`, id); err != nil {
		return err
	}
	n, err := s.exec(ctx, "delete user", `DELETE FROM users WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.ErrUserNotFound
	}
	return nil
}
