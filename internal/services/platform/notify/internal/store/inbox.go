package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// InsertItem adds an item to a user's inbox.
func (s *Store) InsertItem(ctx context.Context, it domain.InboxItem) error {
	_, err := s.exec(ctx, "insert inbox item "+it.ID,
		`INSERT INTO inbox_items (id, user_id, notification_id, type, title, body, link, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		it.ID, it.UserID, it.NotificationID, it.Type, it.Title, it.Body, it.Link, us(it.CreatedAt))
	return err
}

func scanItem(sc sqldb.Scanner) (domain.InboxItem, error) {
	var it domain.InboxItem
	var created int64
	var read sql.NullInt64
	if err := sc.Scan(&it.ID, &it.UserID, &it.NotificationID, &it.Type, &it.Title, &it.Body, &it.Link, &created, &read); err != nil {
		return it, err
	}
	it.CreatedAt = fromUS(created)
	if read.Valid {
		t := fromUS(read.Int64)
		it.ReadAt = &t
	}
	return it, nil
}

// Items lists a user's inbox newest first, only unread items when asked,
// after the cursor id (exclusive) when not "".
func (s *Store) Items(ctx context.Context, userID string, unreadOnly bool, after string, limit int) ([]domain.InboxItem, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT id, user_id, notification_id, type, title, body, link,
		created_at, read_at FROM inbox_items
		WHERE user_id = $1 AND ($2 = FALSE OR read_at IS NULL) AND ($3 = '' OR id < $3)
		ORDER BY id DESC LIMIT $4`, []any{userID, unreadOnly, after, limit}, scanItem)
	if err != nil {
		return nil, fmt.Errorf("list inbox of %s: %w", userID, err)
	}
	return out, nil
}

// Unread counts a user's unread items.
func (s *Store) Unread(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox_items WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread of %s: %w", userID, sqldb.Classify(err))
	}
	return n, nil
}

// MarkRead marks one of the user's items read (reading it again changes
// nothing). An item of another user is ErrItemNotFound, like a missing one.
func (s *Store) MarkRead(ctx context.Context, userID, id string, at time.Time) error {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox_items WHERE id = $1 AND user_id = $2`, id, userID).Scan(&n)
	if err != nil {
		return fmt.Errorf("find inbox item %s: %w", id, sqldb.Classify(err))
	}
	if n == 0 {
		return domain.ErrItemNotFound
	}
	_, err = s.exec(ctx, "mark item "+id+" read", `UPDATE inbox_items SET read_at = $3
		WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, id, userID, us(at))
	return err
}

// MarkAllRead marks every unread item of the user read and says how many.
func (s *Store) MarkAllRead(ctx context.Context, userID string, at time.Time) (int64, error) {
	return s.exec(ctx, "mark inbox of "+userID+" read",
		`UPDATE inbox_items SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, userID, us(at))
}
