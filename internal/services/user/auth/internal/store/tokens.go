package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// AddToken stores a single-use token.
func (s *Store) AddToken(ctx context.Context, t domain.OneTimeToken) error {
	_, err := s.exec(ctx, "add token", `INSERT INTO one_time_tokens (hash, kind, user_id, data, created_at, expires_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, t.Hash, t.Kind, t.UserID, t.Data, us(t.CreatedAt), us(t.ExpiresAt))
	return err
}

const tokenColumns = `hash, kind, user_id, data, created_at, expires_at, attempts`

func tokenFromRow(sc sqldb.Scanner) (domain.OneTimeToken, error) {
	var t domain.OneTimeToken
	var created, expires int64
	if err := sc.Scan(&t.Hash, &t.Kind, &t.UserID, &t.Data, &created, &expires, &t.Attempts); err != nil {
		return t, err
	}
	t.CreatedAt, t.ExpiresAt = fromUS(created), fromUS(expires)
	return t, nil
}

// Token returns an unused, unexpired token of kind; otherwise
// ErrInvalidLinkToken.
func (s *Store) Token(ctx context.Context, hash, kind string, now time.Time) (domain.OneTimeToken, error) {
	t, err := tokenFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM one_time_tokens
		WHERE hash = $1 AND kind = $2 AND used_at = 0 AND expires_at > $3`, hash, kind, us(now)))
	if sqldb.IsNoRows(err) {
		return t, domain.ErrInvalidLinkToken
	}
	if err != nil {
		return t, fmt.Errorf("read token: %w", sqldb.Classify(err))
	}
	return t, nil
}

// TakeToken uses up an unused, unexpired token of kind and returns it; a
// token already used, expired or unknown is ErrInvalidLinkToken. Of two
// concurrent takes only one succeeds.
func (s *Store) TakeToken(ctx context.Context, hash, kind string, now time.Time) (domain.OneTimeToken, error) {
	t, err := tokenFromRow(s.q(ctx).QueryRowContext(ctx, `UPDATE one_time_tokens SET used_at = $3
		WHERE hash = $1 AND kind = $2 AND used_at = 0 AND expires_at > $3 RETURNING `+tokenColumns, hash, kind, us(now)))
	if sqldb.IsNoRows(err) {
		return t, domain.ErrInvalidLinkToken
	}
	if err != nil {
		return t, fmt.Errorf("take token: %w", sqldb.Classify(err))
	}
	return t, nil
}

// FailToken counts a failed attempt against a token and uses it up once
// it has had max; it returns the attempts so far.
func (s *Store) FailToken(ctx context.Context, hash string, max int, now time.Time) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `UPDATE one_time_tokens SET attempts = attempts + 1,
		used_at = CASE WHEN attempts + 1 >= $2 THEN $3 ELSE used_at END
		WHERE hash = $1 RETURNING attempts`, hash, max, us(now)).Scan(&n)
	if err != nil && !sqldb.IsNoRows(err) {
		return 0, fmt.Errorf("fail token: %w", sqldb.Classify(err))
	}
	return n, nil
}

// DeleteTokens removes every token of kind of the user (older links stop
// working once a newer one is used).
func (s *Store) DeleteTokens(ctx context.Context, userID, kind string) error {
	_, err := s.exec(ctx, "delete tokens", `DELETE FROM one_time_tokens WHERE user_id = $1 AND kind = $2`, userID, kind)
	return err
}

// PruneTokens deletes tokens expired before t.
func (s *Store) PruneTokens(ctx context.Context, t time.Time) (int64, error) {
	return s.exec(ctx, "prune tokens", `DELETE FROM one_time_tokens WHERE expires_at < $1`, us(t))
}

// ReplaceRecoveryCodes replaces the user's recovery codes with hashes.
func (s *Store) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error {
	if err := s.DeleteRecoveryCodes(ctx, userID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := s.exec(ctx, "add recovery code", `INSERT INTO recovery_codes (user_id, hash) VALUES ($1, $2)`, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode uses up the user's unused code with the hash; false when
// there is none.
func (s *Store) UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) (bool, error) {
	n, err := s.exec(ctx, "use recovery code",
		`UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND hash = $2 AND used_at = 0`, userID, hash, us(at))
	return n == 1, err
}

// DeleteRecoveryCodes removes the user's recovery codes.
func (s *Store) DeleteRecoveryCodes(ctx context.Context, userID string) error {
	_, err := s.exec(ctx, "delete recovery codes", `DELETE FROM recovery_codes WHERE user_id = $1`, userID)
	return err
}

// UnusedRecoveryCodes counts the user's recovery codes not used yet.
func (s *Store) UnusedRecoveryCodes(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at = 0`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count recovery codes: %w", sqldb.Classify(err))
	}
	return n, nil
}
