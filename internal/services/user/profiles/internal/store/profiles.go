package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

const profileColumns = `user_id, display_name, bio, birth_year, sex, height_cm, weight_kg, resting_hr, max_hr,
	threshold_pace, threshold_power, region, sports, avatar, visibility, map_visibility, hr_visibility,
	pace_visibility, version, created_at, updated_at, threshold_hr, hr_zones`

// sportJSON is a sport as the sports column stores it.
type sportJSON struct {
	Sport string `json:"sport"`
	Level string `json:"level"`
}

// profileFromRow rebuilds a profile from its stored row.
func profileFromRow(sc sqldb.Scanner) (domain.Profile, error) {
	var (
		p                                       domain.Profile
		birth, height, rest, max, pace, pw, thr sql.NullInt64
		weight                                  sql.NullFloat64
		sex, region                             sql.NullString
		sports, zones                           string
	)
	err := sc.Scan(&p.UserID, &p.DisplayName, &p.Bio, &birth, &sex, &height, &weight, &rest, &max, &pace, &pw,
		&region, &sports, &p.Avatar, &p.Privacy.Visibility, &p.Privacy.Activity.Map, &p.Privacy.Activity.HeartRate,
		&p.Privacy.Activity.Pace, &p.Version, &p.CreatedAt, &p.UpdatedAt, &thr, &zones)
	if sqldb.IsNoRows(err) {
		return p, domain.ErrProfileNotFound
	}
	if err != nil {
		return p, sqldb.Classify(err)
	}
	p.BirthYear, p.HeightCM, p.RestingHR, p.MaxHR = intPtr(birth), intPtr(height), intPtr(rest), intPtr(max)
	p.ThresholdPace, p.ThresholdPower, p.ThresholdHR = intPtr(pace), intPtr(pw), intPtr(thr)
	p.WeightKG, p.Sex, p.Region = floatPtr(weight), strPtr(sex), strPtr(region)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	var sj []sportJSON
	if err := json.Unmarshal([]byte(sports), &sj); err != nil {
		return p, fmt.Errorf("decode sports of %s: %w", p.UserID, err)
	}
	p.Sports = make([]domain.SportLevel, len(sj))
	for i, s := range sj {
		p.Sports[i] = domain.SportLevel{Sport: s.Sport, Level: s.Level}
	}
	if err := json.Unmarshal([]byte(zones), &p.HRZones); err != nil {
		return p, fmt.Errorf("decode heart-rate zones of %s: %w", p.UserID, err)
	}
	if p.HRZones == nil {
		p.HRZones = []int{}
	}
	return p, nil
}

// zonesColumn is the hr_zones column of a profile: a JSON array.
func zonesColumn(z []int) string {
	if len(z) == 0 {
		return "[]"
	}
	b, err := json.Marshal(z)
	if err != nil {
		panic(fmt.Sprintf("marshal zones: %v", err)) // integers always marshal
	}
	return string(b)
}

func sportsColumn(sports []domain.SportLevel) string {
	sj := make([]sportJSON, len(sports))
	for i, s := range sports {
		sj[i] = sportJSON{Sport: s.Sport, Level: s.Level}
	}
	b, err := json.Marshal(sj)
	if err != nil {
		panic(fmt.Sprintf("marshal sports: %v", err)) // plain strings always marshal
	}
	return string(b)
}

// profileArgs are the column values of p in profileColumns order.
func profileArgs(p domain.Profile) []any {
	return []any{p.UserID, p.DisplayName, p.Bio, nullable(p.BirthYear), nullable(p.Sex), nullable(p.HeightCM),
		nullable(p.WeightKG), nullable(p.RestingHR), nullable(p.MaxHR), nullable(p.ThresholdPace),
		nullable(p.ThresholdPower), nullable(p.Region), sportsColumn(p.Sports), p.Avatar, p.Privacy.Visibility,
		p.Privacy.Activity.Map, p.Privacy.Activity.HeartRate, p.Privacy.Activity.Pace, p.Version,
		dbTime(p.CreatedAt), dbTime(p.UpdatedAt), nullable(p.ThresholdHR), zonesColumn(p.HRZones)}
}

// Profile implements domain.Repository.
func (s *Store) Profile(ctx context.Context, userID string) (domain.Profile, error) {
	return profileFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+profileColumns+` FROM profiles WHERE user_id = $1`, userID))
}

// CreateProfile implements domain.Repository.
func (s *Store) CreateProfile(ctx context.Context, p domain.Profile) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO profiles (`+profileColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
		ON CONFLICT (user_id) DO NOTHING`, profileArgs(p)...)
	if err != nil {
		return false, fmt.Errorf("create profile %s: %w", p.UserID, sqldb.Classify(err))
	}
	return affected(res)
}

// LockProfile implements domain.Repository: a no-op UPDATE takes the row
// lock on PostgreSQL; SQLite transactions hold the database's write lock.
func (s *Store) LockProfile(ctx context.Context, userID string) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE profiles SET version = version WHERE user_id = $1`, userID)
	if err != nil {
		return fmt.Errorf("lock profile %s: %w", userID, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		if err == nil {
			err = domain.ErrProfileNotFound
		}
		return err
	}
	return nil
}

// UpdateProfile implements domain.Repository.
func (s *Store) UpdateProfile(ctx context.Context, userID string, fn func(p *domain.Profile) error) (domain.Profile, error) {
	var out domain.Profile
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.LockProfile(ctx, userID); err != nil {
			return err
		}
		p, err := s.Profile(ctx, userID)
		if err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		p.Version++
		// profileArgs without created_at ($20), which never changes.
		args := profileArgs(p)
		args = append(args[:19], args[20:]...)
		_, err = s.q(ctx).ExecContext(ctx, `UPDATE profiles SET display_name = $2, bio = $3, birth_year = $4,
			sex = $5, height_cm = $6, weight_kg = $7, resting_hr = $8, max_hr = $9, threshold_pace = $10,
			threshold_power = $11, region = $12, sports = $13, avatar = $14, visibility = $15,
			map_visibility = $16, hr_visibility = $17, pace_visibility = $18, version = $19, updated_at = $20,
			threshold_hr = $21, hr_zones = $22
			WHERE user_id = $1`, args...)
		if err != nil {
			return fmt.Errorf("update profile %s: %w", userID, sqldb.Classify(err))
		}
		out = p
		return nil
	})
	return out, err
}

// Counts implements domain.Repository.
func (s *Store) Counts(ctx context.Context, userID string) (followers, following int, err error) {
	err = s.q(ctx).QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM follows WHERE followee_id = $1 AND status = 'active'),
		(SELECT COUNT(*) FROM follows WHERE follower_id = $1 AND status = 'active')`, userID).Scan(&followers, &following)
	if err != nil {
		return 0, 0, fmt.Errorf("count follows of %s: %w", userID, sqldb.Classify(err))
	}
	return followers, following, nil
}
