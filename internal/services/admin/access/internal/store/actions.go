package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// AddAction implements domain.Repository.
func (s *Store) AddAction(ctx context.Context, a domain.StaffAction) error {
	details := string(a.Details)
	if details == "" {
		details = "{}"
	}
	var target sql.NullString
	if a.Target != "" {
		target = sql.NullString{String: a.Target, Valid: true}
	}
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO staff_actions (id, actor_id, target_user_id, action, reason, details, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.ID, a.ActorID, target, a.Action, a.Reason, details, dbTime(a.At))
	if err != nil {
		return fmt.Errorf("record %s by %s: %w", a.Action, a.ActorID, sqldb.Classify(err))
	}
	return nil
}

// Actions implements domain.Repository: the actions on target, newest
// first, each with its actor's email when the directory knows the actor.
func (s *Store) Actions(ctx context.Context, target string, limit int) ([]domain.StaffAction, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT a.id, a.actor_id, COALESCE(u.email, ''), a.target_user_id, a.action,
		a.reason, a.details, a.at
		FROM staff_actions a LEFT JOIN users u ON u.user_id = a.actor_id
		WHERE a.target_user_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT $2`, []any{target, limit},
		func(r sqldb.Scanner) (a domain.StaffAction, err error) {
			var (
				details string
				tgt     sql.NullString
			)
			err = r.Scan(&a.ID, &a.ActorID, &a.ActorEmail, &tgt, &a.Action, &a.Reason, &details, &a.At)
			a.Target, a.Details, a.At = tgt.String, []byte(details), a.At.UTC()
			return a, err
		})
	if err != nil {
		return nil, fmt.Errorf("actions on %s: %w", target, err)
	}
	return out, nil
}
