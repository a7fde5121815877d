package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
)

// Share is a stored share link (the token's hash only).
type Share struct {
	ID, SessionID, UserID, TokenHash, Purpose string
	CreatedAt, ExpiresAt                      time.Time
}

const shareColumns = `id, session_id, user_id, token_hash, purpose, created_at, expires_at`

func scanShare(r sqldb.Scanner) (Share, error) {
	var x Share
	var created, expires int64
	err := r.Scan(&x.ID, &x.SessionID, &x.UserID, &x.TokenHash, &x.Purpose, &created, &expires)
	x.CreatedAt, x.ExpiresAt = fromMS(created), fromMS(expires)
	return x, err
}

// InsertShare stores a share link.
func (s *Store) InsertShare(ctx context.Context, x Share) error {
	_, err := s.exec(ctx, "insert share", `INSERT INTO shares (`+shareColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		x.ID, x.SessionID, x.UserID, x.TokenHash, x.Purpose, ms(x.CreatedAt), ms(x.ExpiresAt))
	return err
}

// ShareByHash returns the share link of a token; domain.ErrShareNotFound
// when there is none.
func (s *Store) ShareByHash(ctx context.Context, hash string) (Share, error) {
	x, err := scanShare(s.q(ctx).QueryRowContext(ctx, `SELECT `+shareColumns+` FROM shares WHERE token_hash = $1`, hash))
	if sqldb.IsNoRows(err) {
		return x, domain.ErrShareNotFound
	}
	if err != nil {
		return x, fmt.Errorf("get share: %w", sqldb.Classify(err))
	}
	return x, nil
}

// Shares returns a session's share links, newest first.
func (s *Store) Shares(ctx context.Context, sessionID string) ([]Share, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+shareColumns+` FROM shares WHERE session_id = $1
		ORDER BY created_at DESC, id DESC`, []any{sessionID}, scanShare)
	if err != nil {
		return nil, fmt.Errorf("list shares: %w", err)
	}
	return out, nil
}

// CountActiveShares counts a session's unexpired share links.
func (s *Store) CountActiveShares(ctx context.Context, sessionID string, now time.Time) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM shares WHERE session_id = $1 AND expires_at > $2`,
		sessionID, ms(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count shares: %w", sqldb.Classify(err))
	}
	return n, nil
}

// DeleteShare removes one share link of a session; domain.ErrShareNotFound
// when the session has no such link.
func (s *Store) DeleteShare(ctx context.Context, sessionID, id string) error {
	n, err := s.exec(ctx, "delete share", `DELETE FROM shares WHERE session_id = $1 AND id = $2`, sessionID, id)
	if err == nil && n == 0 {
		err = domain.ErrShareNotFound
	}
	return err
}

// InsertTicket stores a watch ticket's hash.
func (s *Store) InsertTicket(ctx context.Context, hash, sessionID, viewerID string, expires time.Time) error {
	_, err := s.exec(ctx, "insert watch ticket", `INSERT INTO watch_tickets (ticket_hash, session_id, viewer_id, expires_at)
		VALUES ($1, $2, $3, $4)`, hash, sessionID, viewerID, ms(expires))
	return err
}

// UseTicket spends a ticket for a session and returns its viewer; it works
// once, before it expires, for the session it was issued for.
func (s *Store) UseTicket(ctx context.Context, hash, sessionID string, now time.Time) (string, error) {
	var viewer, session string
	var expires int64
	err := s.InTx(ctx, func(ctx context.Context) error {
		return s.q(ctx).QueryRowContext(ctx, `DELETE FROM watch_tickets WHERE ticket_hash = $1
			RETURNING viewer_id, session_id, expires_at`, hash).Scan(&viewer, &session, &expires)
	})
	if sqldb.IsNoRows(err) {
		return "", domain.ErrInvalidTicket
	}
	if err != nil {
		return "", fmt.Errorf("use watch ticket: %w", sqldb.Classify(err))
	}
	if expires <= ms(now) || session != sessionID {
		return "", domain.ErrInvalidTicket
	}
	return viewer, nil
}

// PruneTickets deletes expired tickets and share links that expired long
// ago (a week: their "expired" answer is no longer needed).
func (s *Store) PruneTickets(ctx context.Context, now time.Time) error {
	if _, err := s.exec(ctx, "prune watch tickets", `DELETE FROM watch_tickets WHERE expires_at <= $1`, ms(now)); err != nil {
		return err
	}
	_, err := s.exec(ctx, "prune shares", `DELETE FROM shares WHERE expires_at <= $1`, ms(now.Add(-7*24*time.Hour)))
	return err
}

// Safety returns the user's safety settings; ok is false when the user
// never saved any.
func (s *Store) Safety(ctx context.Context, userID string) (x domain.Safety, ok bool, err error) {
	var contacts string
	var updated int64
	err = s.q(ctx).QueryRowContext(ctx, `SELECT enabled, contacts, stop_alert_after_s, updated_at FROM safety
		WHERE user_id = $1`, userID).Scan(&x.Enabled, &contacts, &x.StopAlertAfterS, &updated)
	x.UserID = userID
	if sqldb.IsNoRows(err) {
		return x, false, nil
	}
	if err != nil {
		return x, false, fmt.Errorf("get safety: %w", sqldb.Classify(err))
	}
	if err := json.Unmarshal([]byte(contacts), &x.Contacts); err != nil {
		return x, false, fmt.Errorf("decode safety contacts: %w", err)
	}
	x.UpdatedAt = fromMS(updated)
	return x, true, nil
}

// SaveSafety stores the user's safety settings.
func (s *Store) SaveSafety(ctx context.Context, x domain.Safety) error {
	contacts, err := json.Marshal(x.Contacts)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, "save safety", `INSERT INTO safety (user_id, enabled, contacts, stop_alert_after_s, updated_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled,
		contacts = excluded.contacts, stop_alert_after_s = excluded.stop_alert_after_s, updated_at = excluded.updated_at`,
		x.UserID, x.Enabled, string(contacts), x.StopAlertAfterS, ms(x.UpdatedAt))
	return err
}

// RemoveContact takes a (deleted) user out of everyone's safety contacts.
func (s *Store) RemoveContact(ctx context.Context, contactID string) error {
	type row struct {
		user     string
		contacts string
	}
	rows, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT user_id, contacts FROM safety WHERE contacts LIKE $1`,
		[]any{`%"` + contactID + `"%`}, func(r sqldb.Scanner) (row, error) {
			var x row
			err := r.Scan(&x.user, &x.contacts)
			return x, err
		})
	if err != nil {
		return fmt.Errorf("find contacts: %w", err)
	}
	for _, r := range rows {
		var list []string
		if err := json.Unmarshal([]byte(r.contacts), &list); err != nil {
			return err
		}
		list = slices.DeleteFunc(list, func(c string) bool { return c == contactID })
		b, _ := json.Marshal(list)
		if _, err := s.exec(ctx, "remove contact", `UPDATE safety SET contacts = $2 WHERE user_id = $1`, r.user, string(b)); err != nil {
			return err
		}
	}
	return nil
}
