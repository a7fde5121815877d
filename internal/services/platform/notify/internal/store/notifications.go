package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// InsertNotification stores a request; false when its id is already there
// (a redelivered request).
func (s *Store) InsertNotification(ctx context.Context, r domain.Request) (bool, error) {
	data := r.Data
	if data == nil {
		data = map[string]string{}
	}
	n, err := s.exec(ctx, "insert notification "+r.ID,
		`INSERT INTO notifications (id, user_id, type, email, data, critical, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
		r.ID, r.UserID, r.Type, r.Email, mustJSON(data), r.Critical, us(r.CreatedAt))
	return n == 1, err
}

const notificationColumns = `id, user_id, type, email, data, critical, planned, lang, title, subject, body_text,
	body_html, link, created_at`

func scanNotification(sc sqldb.Scanner) (domain.Notification, error) {
	var n domain.Notification
	var data string
	var created int64
	if err := sc.Scan(&n.ID, &n.UserID, &n.Type, &n.Email, &data, &n.Critical, &n.Planned, &n.Content.Lang,
		&n.Content.Title, &n.Content.Subject, &n.Content.Text, &n.Content.HTML, &n.Content.Link, &created); err != nil {
		return n, err
	}
	n.CreatedAt = fromUS(created)
	if err := json.Unmarshal([]byte(data), &n.Data); err != nil {
		return n, fmt.Errorf("decode data of notification %s: %w", n.ID, err)
	}
	return n, nil
}

// Notification returns one notification.
func (s *Store) Notification(ctx context.Context, id string) (domain.Notification, error) {
	n, err := scanNotification(s.q(ctx).QueryRowContext(ctx,
		`SELECT `+notificationColumns+` FROM notifications WHERE id = $1`, id))
	if err != nil {
		return n, fmt.Errorf("read notification %s: %w", id, sqldb.Classify(err))
	}
	return n, nil
}

// Unplanned returns notifications waiting for their plan that can be
// planned now, oldest first: their recipient's contact is known or the
// account deleted, or they were created at or before waitedSince.
func (s *Store) Unplanned(ctx context.Context, waitedSince time.Time, limit int) ([]domain.Notification, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+notificationColumns+` FROM notifications
		WHERE NOT planned AND (created_at <= $1 OR user_id IN (SELECT user_id FROM contacts)
			OR user_id IN (SELECT user_id FROM deleted_users))
		ORDER BY created_at LIMIT $2`, []any{us(waitedSince), limit}, scanNotification)
	if err != nil {
		return nil, fmt.Errorf("list unplanned notifications: %w", err)
	}
	return out, nil
}

// SavePlan stores a notification's rendered content and marks it planned;
// false when it was planned already (by another process).
func (s *Store) SavePlan(ctx context.Context, id string, c domain.Rendered) (bool, error) {
	n, err := s.exec(ctx, "plan notification "+id,
		`UPDATE notifications SET planned = TRUE, lang = $2, title = $3, subject = $4, body_text = $5,
		 body_html = $6, link = $7 WHERE id = $1 AND NOT planned`,
		id, c.Lang, c.Title, c.Subject, c.Text, c.HTML, c.Link)
	return n == 1, err
}

// InsertDelivery stores one channel's delivery.
func (s *Store) InsertDelivery(ctx context.Context, d domain.Delivery) error {
	_, err := s.exec(ctx, "insert delivery "+d.ID,
		`INSERT INTO deliveries (id, notification_id, user_id, type, channel, status, reason, address, attempts,
		 next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		d.ID, d.NotificationID, d.UserID, d.Type, d.Channel, d.Status, d.Reason, d.Address, d.Attempts,
		us(d.NextAttemptAt), us(d.CreatedAt), us(d.UpdatedAt))
	return err
}

// PruneTickets deletes expired live tickets.
func (s *Store) PruneTickets(ctx context.Context, now time.Time) (int64, error) {
	return s.exec(ctx, "prune live tickets", `DELETE FROM live_tickets WHERE expires_at <= $1`, us(now))
}
