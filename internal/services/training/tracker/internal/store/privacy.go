package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Privacy returns the user's privacy projection, the profiles defaults
// when the tracker has heard nothing of the user.
func (s *Store) Privacy(ctx context.Context, userID string) (domain.Privacy, error) {
	p := domain.DefaultPrivacy(userID)
	var zones, athlete string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT profile_visibility, map, heart_rate, pace, zones, zones_hash,
		display_name, athlete FROM privacy WHERE user_id = $1`, userID).
		Scan(&p.ProfileVisibility, &p.Map, &p.HeartRate, &p.Pace, &zones, &p.ZonesHash, &p.DisplayName, &athlete)
	if sqldb.IsNoRows(err) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("get privacy: %w", sqldb.Classify(err))
	}
	if err := json.Unmarshal([]byte(zones), &p.Zones); err != nil {
		return p, fmt.Errorf("decode zones: %w", err)
	}
	if err := json.Unmarshal([]byte(athlete), &p.Athlete); err != nil {
		return p, fmt.Errorf("decode athlete: %w", err)
	}
	return p, nil
}

// upsertPrivacy writes some columns of the user's projection (set names
// them with parameters from $2), creating the row with the defaults first.
func (s *Store) upsertPrivacy(ctx context.Context, userID, set string, args ...any) error {
	d := domain.DefaultPrivacy(userID)
	now := ms(time.Now())
	if _, err := s.exec(ctx, "create privacy projection", `INSERT INTO privacy (user_id, profile_visibility, map,
		heart_rate, pace, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
		userID, d.ProfileVisibility, d.Map, d.HeartRate, d.Pace, now); err != nil {
		return err
	}
	all := append(append([]any{userID}, args...), now)
	_, err := s.exec(ctx, "update privacy projection",
		fmt.Sprintf(`UPDATE privacy SET %s, updated_at = $%d WHERE user_id = $1`, set, len(all)), all...)
	return err
}

// SetPrivacy records a privacy_changed event.
func (s *Store) SetPrivacy(ctx context.Context, userID, visibility, mapV, hr, pace string) error {
	return s.upsertPrivacy(ctx, userID, `profile_visibility = $2, map = $3, heart_rate = $4, pace = $5`,
		visibility, mapV, hr, pace)
}

// SetProfile records a profile_updated event (display name, visibility).
func (s *Store) SetProfile(ctx context.Context, userID, displayName, visibility string) error {
	return s.upsertPrivacy(ctx, userID, `display_name = $2, profile_visibility = $3`, displayName, visibility)
}

// SetZones records a privacy_zones_changed event.
func (s *Store) SetZones(ctx context.Context, userID string, zones []route.Zone) error {
	if zones == nil {
		zones = []route.Zone{}
	}
	b, err := json.Marshal(zones)
	if err != nil {
		return err
	}
	return s.upsertPrivacy(ctx, userID, `zones = $2, zones_hash = $3`, string(b), domain.HashZones(zones))
}

// SetAthlete records an athlete_changed event.
func (s *Store) SetAthlete(ctx context.Context, userID string, a analysis.Athlete) error {
	b, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.upsertPrivacy(ctx, userID, `athlete = $2`, string(b))
}

// Follow records an active follow.
func (s *Store) Follow(ctx context.Context, followerID, followeeID string) error {
	_, err := s.exec(ctx, "follow", `INSERT INTO follows (followee_id, follower_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		followeeID, followerID)
	return err
}

// Unfollow records the end of a follow.
func (s *Store) Unfollow(ctx context.Context, followerID, followeeID string) error {
	_, err := s.exec(ctx, "unfollow", `DELETE FROM follows WHERE followee_id = $1 AND follower_id = $2`, followeeID, followerID)
	return err
}

// Follows reports whether follower follows followee.
func (s *Store) Follows(ctx context.Context, followerID, followeeID string) (bool, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM follows WHERE followee_id = $1 AND follower_id = $2`,
		followeeID, followerID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check follow: %w", sqldb.Classify(err))
	}
	return n > 0, nil
}

// Erased returns which of the users were deleted.
func (s *Store) Erased(ctx context.Context, userIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(userIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(userIDs))
	for i, u := range userIDs {
		args[i] = u
	}
	ids, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT user_id FROM erased_users WHERE user_id IN (`+inList(0, len(args))+`)`,
		args, func(r sqldb.Scanner) (string, error) {
			var id string
			err := r.Scan(&id)
			return id, err
		})
	if err != nil {
		return nil, fmt.Errorf("check erased users: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// IsErased reports whether the user was deleted.
func (s *Store) IsErased(ctx context.Context, userID string) (bool, error) {
	m, err := s.Erased(ctx, []string{userID})
	return m[userID], err
}

// EraseUser deletes everything the tracker holds about the user and
// remembers that the user is gone. Blobs are the caller's to delete first
// (UserBlobKeys).
func (s *Store) EraseUser(ctx context.Context, userID string, now time.Time) error {
	sessionData := `(SELECT id FROM sessions WHERE user_id = $1)`
	for _, st := range []struct{ what, q string }{
		{"erase samples", `DELETE FROM samples WHERE session_id IN ` + sessionData},
		{"erase frames", `DELETE FROM frames WHERE session_id IN ` + sessionData},
		{"erase pauses", `DELETE FROM session_pauses WHERE session_id IN ` + sessionData},
		{"erase tickets", `DELETE FROM watch_tickets WHERE session_id IN ` + sessionData + ` OR viewer_id = $1`},
		{"erase shares", `DELETE FROM shares WHERE user_id = $1`},
		{"erase sessions", `DELETE FROM sessions WHERE user_id = $1`},
		{"erase activities", `DELETE FROM activities WHERE user_id = $1`},
		{"erase safety", `DELETE FROM safety WHERE user_id = $1`},
		{"erase privacy", `DELETE FROM privacy WHERE user_id = $1`},
		{"erase follows", `DELETE FROM follows WHERE followee_id = $1 OR follower_id = $1`},
	} {
		if _, err := s.exec(ctx, st.what, st.q, userID); err != nil {
			return err
		}
	}
	if err := s.RemoveContact(ctx, userID); err != nil {
		return err
	}
	_, err := s.exec(ctx, "remember erased user", `INSERT INTO erased_users (user_id, erased_at) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, userID, ms(now))
	return err
}
