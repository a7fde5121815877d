package store

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// EraseUser forgets a deleted account: its contact, inbox and push
// subscriptions go; its pending deliveries are skipped; the delivery log
// and the notifications lose every personal detail (user id, addresses,
// data, rendered content, errors that may quote an address) and keep only
// type, channel, status and times. Later events about the user are ignored.
func (s *Store) EraseUser(ctx context.Context, userID string, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		steps := []struct {
			op, query string
			args      []any
		}{
			{"record deletion", `INSERT INTO deleted_users (user_id, deleted_at) VALUES ($1, $2)
				ON CONFLICT (user_id) DO NOTHING`, []any{userID, us(at)}},
			{"delete contact", `DELETE FROM contacts WHERE user_id = $1`, []any{userID}},
			{"delete inbox", `DELETE FROM inbox_items WHERE user_id = $1`, []any{userID}},
			{"delete push subscriptions", `DELETE FROM push_subscriptions WHERE user_id = $1`, []any{userID}},
			{"delete live tickets", `DELETE FROM live_tickets WHERE user_id = $1`, []any{userID}},
			{"skip pending deliveries", `UPDATE deliveries SET status = 'skipped', reason = $2, updated_at = $3
				WHERE user_id = $1 AND status = 'pending'`, []any{userID, domain.ReasonAccountDeleted, us(at)}},
			{"anonymise deliveries", `UPDATE deliveries SET user_id = '', address = '',
				reason = CASE WHEN status = 'skipped' THEN reason ELSE '' END WHERE user_id = $1`, []any{userID}},
			{"anonymise notifications", `UPDATE notifications SET user_id = '', email = '', data = '{}', planned = TRUE, lang = '',
				title = '', subject = '', body_text = '', body_html = '', link = '' WHERE user_id = $1`, []any{userID}},
		}
		for _, st := range steps {
			if _, err := s.exec(ctx, st.op+" of "+userID, st.query, st.args...); err != nil {
				return err
			}
		}
		return nil
	})
}
