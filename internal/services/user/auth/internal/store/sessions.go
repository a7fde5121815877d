package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

const sessionColumns = `id, user_id, device, ip, created_at, last_seen_at, two_factor`

func sessionFromRow(sc sqldb.Scanner) (domain.Session, error) {
	var ss domain.Session
	var created, seen int64
	if err := sc.Scan(&ss.ID, &ss.UserID, &ss.Device, &ss.IP, &created, &seen, &ss.TwoFactor); err != nil {
		return ss, err
	}
	ss.CreatedAt, ss.LastSeenAt = fromUS(created), fromUS(seen)
	return ss, nil
}

// CreateSession starts a session.
func (s *Store) CreateSession(ctx context.Context, ss domain.Session) error {
	_, err := s.exec(ctx, "create session", `INSERT INTO sessions (`+sessionColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
		ss.ID, ss.UserID, ss.Device, ss.IP, us(ss.CreatedAt), us(ss.LastSeenAt), ss.TwoFactor)
	return err
}

// Session returns a session by id.
func (s *Store) Session(ctx context.Context, id string) (domain.Session, error) {
	ss, err := sessionFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = $1`, id))
	if sqldb.IsNoRows(err) {
		return ss, domain.ErrSessionNotFound
	}
	if err != nil {
		return ss, fmt.Errorf("read session %s: %w", id, sqldb.Classify(err))
	}
	return ss, nil
}

// Sessions lists a user's sessions, newest first.
func (s *Store) Sessions(ctx context.Context, userID string) ([]domain.Session, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+sessionColumns+` FROM sessions WHERE user_id = $1
		ORDER BY created_at DESC, id DESC`, []any{userID}, sessionFromRow)
	if err != nil {
		return nil, fmt.Errorf("list sessions of %s: %w", userID, err)
	}
	return out, nil
}

// TouchSession records a use of the session from ip.
func (s *Store) TouchSession(ctx context.Context, id, ip string, at time.Time) error {
	_, err := s.exec(ctx, "touch session", `UPDATE sessions SET last_seen_at = $2, ip = $3 WHERE id = $1`, id, us(at), ip)
	return err
}

// SetSessionTwoFactor marks the session as having passed two-factor
// authentication (or not).
func (s *Store) SetSessionTwoFactor(ctx context.Context, id string, on bool) error {
	_, err := s.exec(ctx, "set session two factor", `UPDATE sessions SET two_factor = $2 WHERE id = $1`, id, on)
	return err
}

// ClearTwoFactor marks every session of the user as not having passed
// two-factor authentication (it was turned off).
func (s *Store) ClearTwoFactor(ctx context.Context, userID string) error {
	_, err := s.exec(ctx, "clear two factor", `UPDATE sessions SET two_factor = FALSE WHERE user_id = $1`, userID)
	return err
}

// DeleteSession ends a session of userID (its refresh tokens go with it);
// false when there was no such session of that user.
func (s *Store) DeleteSession(ctx context.Context, userID, id string) (bool, error) {
	n, err := s.exec(ctx, "delete session", `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, id, userID)
	return n == 1, err
}

// DeleteSessions ends every session of the user but except (may be "")
// and returns the ids it ended.
func (s *Store) DeleteSessions(ctx context.Context, userID, except string) ([]string, error) {
	ids, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT id FROM sessions WHERE user_id = $1 AND id <> $2 ORDER BY id`,
		[]any{userID, except}, func(sc sqldb.Scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		})
	if err != nil {
		return nil, fmt.Errorf("list sessions of %s: %w", userID, err)
	}
	if _, err := s.exec(ctx, "delete sessions", `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, userID, except); err != nil {
		return nil, err
	}
	return ids, nil
}

// DeleteExpiredSessions ends sessions idle since before idleBefore or
// started before startedBefore, and returns how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, idleBefore, startedBefore time.Time) (int64, error) {
	return s.exec(ctx, "delete expired sessions", `DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2`,
		us(idleBefore), us(startedBefore))
}

// AddRefreshToken stores a session's new refresh token.
func (s *Store) AddRefreshToken(ctx context.Context, t domain.RefreshToken) error {
	_, err := s.exec(ctx, "add refresh token",
		`INSERT INTO refresh_tokens (hash, session_id, user_id, created_at, replaced_at) VALUES ($1,$2,$3,$4,$5)`,
		t.Hash, t.SessionID, t.UserID, us(t.CreatedAt), us(t.ReplacedAt))
	return err
}

// RefreshToken returns the refresh token with the hash.
func (s *Store) RefreshToken(ctx context.Context, hash string) (domain.RefreshToken, error) {
	var t domain.RefreshToken
	var created, replaced int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT hash, session_id, user_id, created_at, replaced_at
		FROM refresh_tokens WHERE hash = $1`, hash).Scan(&t.Hash, &t.SessionID, &t.UserID, &created, &replaced)
	if sqldb.IsNoRows(err) {
		return t, domain.ErrInvalidRefresh
	}
	if err != nil {
		return t, fmt.Errorf("read refresh token: %w", sqldb.Classify(err))
	}
	t.CreatedAt, t.ReplacedAt = fromUS(created), fromUS(replaced)
	return t, nil
}

// ReplaceRefreshToken marks the token as replaced at; false when it was
// replaced already (the token is being used a second time).
func (s *Store) ReplaceRefreshToken(ctx context.Context, hash string, at time.Time) (bool, error) {
	n, err := s.exec(ctx, "replace refresh token",
		`UPDATE refresh_tokens SET replaced_at = $2 WHERE hash = $1 AND replaced_at = 0`, hash, us(at))
	return n == 1, err
}

// DropCurrentRefreshToken forgets the session's current refresh token (a
// new one is about to be issued outside a refresh): presenting it again is
// merely invalid, not a reuse that ends the session.
func (s *Store) DropCurrentRefreshToken(ctx context.Context, sessionID string) error {
	_, err := s.exec(ctx, "drop current refresh token",
		`DELETE FROM refresh_tokens WHERE session_id = $1 AND replaced_at = 0`, sessionID)
	return err
}

// PruneRefreshTokens forgets tokens replaced before t; a later use of one
// is then merely invalid rather than detected as reuse.
func (s *Store) PruneRefreshTokens(ctx context.Context, t time.Time) (int64, error) {
	return s.exec(ctx, "prune refresh tokens", `DELETE FROM refresh_tokens WHERE replaced_at <> 0 AND replaced_at < $1`, us(t))
}

// SeeDevice records that the user signed in from device at ip and reports
// whether that pair is new and whether the user had any known device before.
func (s *Store) SeeDevice(ctx context.Context, userID, device, ip string, at time.Time) (isNew, hadAny bool, err error) {
	var known, total int
	err = s.q(ctx).QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN device = $2 AND ip = $3 THEN 1 ELSE 0 END), 0), COUNT(*)
		FROM known_devices WHERE user_id = $1`, userID, device, ip).Scan(&known, &total)
	if err != nil {
		return false, false, fmt.Errorf("read known devices: %w", sqldb.Classify(err))
	}
	_, err = s.exec(ctx, "record device", `INSERT INTO known_devices (user_id, device, ip, last_seen_at) VALUES ($1,$2,$3,$4)
		ON CONFLICT (user_id, device, ip) DO UPDATE SET last_seen_at = excluded.last_seen_at`, userID, device, ip, us(at))
	return known == 0, total > 0, err
}
