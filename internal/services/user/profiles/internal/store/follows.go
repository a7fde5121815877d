package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Follow implements domain.Repository.
func (s *Store) Follow(ctx context.Context, followerID, followeeID string) (*domain.Follow, error) {
	f := domain.Follow{FollowerID: followerID, FolloweeID: followeeID}
	err := s.q(ctx).QueryRowContext(ctx, `SELECT status, requested_at, since FROM follows
		WHERE follower_id = $1 AND followee_id = $2`, followerID, followeeID).Scan(&f.Status, &f.RequestedAt, &f.Since)
	if sqldb.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read follow %s->%s: %w", followerID, followeeID, sqldb.Classify(err))
	}
	f.RequestedAt, f.Since = f.RequestedAt.UTC(), f.Since.UTC()
	return &f, nil
}

// InsertFollow implements domain.Repository.
func (s *Store) InsertFollow(ctx context.Context, f domain.Follow) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO follows (follower_id, followee_id, status, requested_at, since)
		VALUES ($1, $2, $3, $4, $5)`, f.FollowerID, f.FolloweeID, string(f.Status), dbTime(f.RequestedAt), dbTime(f.Since))
	if err != nil {
		return fmt.Errorf("insert follow %s->%s: %w", f.FollowerID, f.FolloweeID, sqldb.Classify(err))
	}
	return nil
}

// ActivateFollow implements domain.Repository.
func (s *Store) ActivateFollow(ctx context.Context, followerID, followeeID string, at time.Time) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE follows SET status = 'active', since = $3
		WHERE follower_id = $1 AND followee_id = $2 AND status = 'pending'`, followerID, followeeID, dbTime(at))
	if err != nil {
		return false, fmt.Errorf("accept follow %s->%s: %w", followerID, followeeID, sqldb.Classify(err))
	}
	return affected(res)
}

// ActivateAllPending implements domain.Repository.
func (s *Store) ActivateAllPending(ctx context.Context, followeeID string, at time.Time) ([]string, error) {
	ids, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT follower_id FROM follows
		WHERE followee_id = $1 AND status = 'pending' ORDER BY requested_at, follower_id`, []any{followeeID},
		func(sc sqldb.Scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		})
	if err != nil || len(ids) == 0 {
		return ids, err
	}
	_, err = s.q(ctx).ExecContext(ctx, `UPDATE follows SET status = 'active', since = $2
		WHERE followee_id = $1 AND status = 'pending'`, followeeID, dbTime(at))
	if err != nil {
		return nil, fmt.Errorf("accept requests to %s: %w", followeeID, sqldb.Classify(err))
	}
	return ids, nil
}

// DeleteFollow implements domain.Repository.
func (s *Store) DeleteFollow(ctx context.Context, followerID, followeeID string) (*domain.Follow, error) {
	f, err := s.Follow(ctx, followerID, followeeID)
	if err != nil || f == nil {
		return nil, err
	}
	_, err = s.q(ctx).ExecContext(ctx, `DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`, followerID, followeeID)
	if err != nil {
		return nil, fmt.Errorf("delete follow %s->%s: %w", followerID, followeeID, sqldb.Classify(err))
	}
	return f, nil
}

func scanRef(sc sqldb.Scanner) (domain.UserRef, error) {
	var r domain.UserRef
	err := sc.Scan(&r.UserID, &r.DisplayName, &r.Avatar, &r.At)
	r.At = r.At.UTC()
	return r, err
}

// FollowRequests implements domain.Repository.
func (s *Store) FollowRequests(ctx context.Context, followeeID string, limit int) ([]domain.UserRef, error) {
	refs, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT f.follower_id, p.display_name, p.avatar, f.requested_at
		FROM follows f JOIN profiles p ON p.user_id = f.follower_id
		WHERE f.followee_id = $1 AND f.status = 'pending'
		ORDER BY f.requested_at DESC, f.follower_id DESC LIMIT $2`, []any{followeeID, limit}, scanRef)
	if err != nil {
		return nil, fmt.Errorf("list follow requests to %s: %w", followeeID, err)
	}
	return refs, nil
}

// Followers implements domain.Repository.
func (s *Store) Followers(ctx context.Context, userID string, p domain.Page) ([]domain.UserRef, error) {
	return s.followList(ctx, "follower_id", "followee_id", userID, p)
}

// Following implements domain.Repository.
func (s *Store) Following(ctx context.Context, userID string, p domain.Page) ([]domain.UserRef, error) {
	return s.followList(ctx, "followee_id", "follower_id", userID, p)
}

// followList lists the other side (col) of the user's (by) active follows,
// newest first, continuing after p's position.
func (s *Store) followList(ctx context.Context, col, by, userID string, p domain.Page) ([]domain.UserRef, error) {
	args := []any{userID, p.Limit}
	after := ""
	if p.ID != "" {
		args = append(args, dbTime(p.At), p.ID)
		after = ` AND (f.since < $3 OR (f.since = $3 AND f.` + col + ` < $4))`
	}
	refs, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT f.`+col+`, p.display_name, p.avatar, f.since
		FROM follows f JOIN profiles p ON p.user_id = f.`+col+`
		WHERE f.`+by+` = $1 AND f.status = 'active'`+after+`
		ORDER BY f.since DESC, f.`+col+` DESC LIMIT $2`, args, scanRef)
	if err != nil {
		return nil, fmt.Errorf("list follows of %s: %w", userID, err)
	}
	return refs, nil
}
