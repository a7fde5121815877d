package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

const deliveryColumns = `d.id, d.notification_id, d.user_id, d.type, d.channel, d.status, d.reason, d.address,
	d.attempts, d.next_attempt_at, d.created_at, d.updated_at`

func scanDelivery(sc sqldb.Scanner, extra ...any) (domain.Delivery, error) {
	var d domain.Delivery
	var next, created, updated int64
	dst := append([]any{&d.ID, &d.NotificationID, &d.UserID, &d.Type, &d.Channel, &d.Status, &d.Reason, &d.Address,
		&d.Attempts, &next, &created, &updated}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return d, err
	}
	d.NextAttemptAt, d.CreatedAt, d.UpdatedAt = fromUS(next), fromUS(created), fromUS(updated)
	return d, nil
}

// Delivery returns one delivery.
func (s *Store) Delivery(ctx context.Context, id string) (domain.Delivery, error) {
	d, err := scanDelivery(s.q(ctx).QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries d WHERE d.id = $1`, id))
	if err != nil {
		return d, fmt.Errorf("read delivery %s: %w", id, sqldb.Classify(err))
	}
	return d, nil
}

// Claim takes up to limit pending deliveries of a channel that are due at
// now: each gets one more attempt and is hidden from other workers until
// now+lease, so a worker that dies mid-send leaves it to be retried. The
// claim is a conditional update, so two workers (or processes) never
// claim the same row.
func (s *Store) Claim(ctx context.Context, channel string, now time.Time, lease time.Duration, limit int) ([]domain.Job, error) {
	var jobs []domain.Job
	err := s.InTx(ctx, func(ctx context.Context) error {
		type due struct {
			id   string
			next int64
		}
		rows, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT id, next_attempt_at FROM deliveries
			WHERE channel = $1 AND status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3`,
			[]any{channel, us(now), limit}, func(sc sqldb.Scanner) (due, error) {
				var d due
				return d, sc.Scan(&d.id, &d.next)
			})
		if err != nil {
			return err
		}
		for _, r := range rows {
			n, err := s.exec(ctx, "claim delivery "+r.id, `UPDATE deliveries SET attempts = attempts + 1,
				next_attempt_at = $2, updated_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at = $4`,
				r.id, us(now.Add(lease)), us(now), r.next)
			if err != nil {
				return err
			}
			if n == 0 {
				continue // another worker took it
			}
			var j domain.Job
			c := &j.Content
			j.Delivery, err = scanDelivery(s.q(ctx).QueryRowContext(ctx, `SELECT `+deliveryColumns+`,
				n.lang, n.title, n.subject, n.body_text, n.body_html, n.link, n.critical
				FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE d.id = $1`, r.id),
				&c.Lang, &c.Title, &c.Subject, &c.Text, &c.HTML, &c.Link, &j.Critical)
			if err != nil {
				return fmt.Errorf("read claimed delivery %s: %w", r.id, sqldb.Classify(err))
			}
			jobs = append(jobs, j)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim %s deliveries: %w", channel, err)
	}
	return jobs, nil
}

// Finish gives a delivery its final status (sent, failed or skipped) with
// a reason; false when it was no longer pending.
func (s *Store) Finish(ctx context.Context, id, status, reason string, at time.Time) (bool, error) {
	n, err := s.exec(ctx, "finish delivery "+id, `UPDATE deliveries SET status = $2, reason = $3, updated_at = $4
		WHERE id = $1 AND status = 'pending'`, id, status, reason, us(at))
	return n == 1, err
}

// Retry keeps a delivery pending for another attempt at next.
func (s *Store) Retry(ctx context.Context, id, reason string, next, at time.Time) error {
	_, err := s.exec(ctx, "reschedule delivery "+id, `UPDATE deliveries SET reason = $2, next_attempt_at = $3,
		updated_at = $4 WHERE id = $1 AND status = 'pending'`, id, reason, us(next), us(at))
	return err
}

// Deliveries lists a user's deliveries (every user's when userID is ""),
// newest first, after the cursor id (exclusive) when not "".
func (s *Store) Deliveries(ctx context.Context, userID, after string, limit int) ([]domain.Delivery, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+deliveryColumns+` FROM deliveries d
		WHERE ($1 = '' OR d.user_id = $1) AND ($2 = '' OR d.id < $2)
		ORDER BY d.id DESC LIMIT $3`, []any{userID, after, limit},
		func(sc sqldb.Scanner) (domain.Delivery, error) { return scanDelivery(sc) })
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	return out, nil
}

// PendingCount counts the pending deliveries of a channel (for metrics and
// tests).
func (s *Store) PendingCount(ctx context.Context, channel string) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries WHERE channel = $1 AND status = $2`,
		channel, notifyapi.StatusPending).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pending deliveries: %w", sqldb.Classify(err))
	}
	return n, nil
}
