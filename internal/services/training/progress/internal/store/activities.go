package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

const activityColumns = `activity_id, user_id, sport, family, name, started_at, time_zone, day, distance_m,
	moving_s, elapsed_s, elev_gain_m, load, start_lat, start_lng, end_lat, end_lng, polyline`

// activityFromRow rebuilds an activity (without efforts) from its row.
func activityFromRow(sc sqldb.Scanner) (domain.Activity, error) {
	var (
		a                      domain.Activity
		sLat, sLng, eLat, eLng sql.NullFloat64
	)
	err := sc.Scan(&a.ID, &a.UserID, &a.Sport, &a.Family, &a.Name, &a.StartedAt, &a.TimeZone, &a.Day, &a.DistanceM,
		&a.MovingS, &a.ElapsedS, &a.ElevGainM, &a.Load, &sLat, &sLng, &eLat, &eLng, &a.Polyline)
	if err != nil {
		return a, err
	}
	a.StartedAt = a.StartedAt.UTC()
	if sLat.Valid && sLng.Valid {
		a.Start = &domain.LatLng{Lat: sLat.Float64, Lng: sLng.Float64}
	}
	if eLat.Valid && eLng.Valid {
		a.End = &domain.LatLng{Lat: eLat.Float64, Lng: eLng.Float64}
	}
	return a, nil
}

func latLng(p *domain.LatLng) (lat, lng any) {
	if p == nil {
		return nil, nil
	}
	return p.Lat, p.Lng
}

// Stored implements domain.Repository.
func (s *Store) Stored(ctx context.Context, id string) (domain.StoredActivity, error) {
	st := domain.StoredActivity{Exists: true}
	err := s.q(ctx).QueryRowContext(ctx, `SELECT user_id, day, deleted FROM activities WHERE activity_id = $1`, id).
		Scan(&st.UserID, &st.Day, &st.Deleted)
	if sqldb.IsNoRows(err) {
		return domain.StoredActivity{}, nil
	}
	if err != nil {
		return st, fmt.Errorf("read activity %s: %w", id, sqldb.Classify(err))
	}
	return st, nil
}

// PutActivity implements domain.Repository: a conditional upsert keeps the
// later version, then the efforts are replaced.
func (s *Store) PutActivity(ctx context.Context, a domain.Activity, version time.Time) (bool, error) {
	sLat, sLng := latLng(a.Start)
	eLat, eLng := latLng(a.End)
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO activities (`+activityColumns+`, deleted, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, FALSE, $19)
		ON CONFLICT (activity_id) DO UPDATE SET user_id = excluded.user_id, sport = excluded.sport,
			family = excluded.family, name = excluded.name, started_at = excluded.started_at,
			time_zone = excluded.time_zone, day = excluded.day, distance_m = excluded.distance_m,
			moving_s = excluded.moving_s, elapsed_s = excluded.elapsed_s, elev_gain_m = excluded.elev_gain_m,
			load = excluded.load, start_lat = excluded.start_lat, start_lng = excluded.start_lng,
			end_lat = excluded.end_lat, end_lng = excluded.end_lng, polyline = excluded.polyline,
			deleted = FALSE, version = excluded.version
		WHERE activities.version < excluded.version
			OR (activities.version = excluded.version AND NOT activities.deleted)`,
		a.ID, a.UserID, a.Sport, a.Family, a.Name, dbTime(a.StartedAt), a.TimeZone, a.Day, a.DistanceM, a.MovingS,
		a.ElapsedS, a.ElevGainM, a.Load, sLat, sLng, eLat, eLng, a.Polyline, dbTime(version))
	if err != nil {
		return false, fmt.Errorf("put activity %s: %w", a.ID, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		return false, err
	}
	if err := s.replaceEfforts(ctx, a); err != nil {
		return false, err
	}
	return true, nil
}

func (s *Store) replaceEfforts(ctx context.Context, a domain.Activity) error {
	q := s.q(ctx)
	if _, err := q.ExecContext(ctx, `DELETE FROM efforts WHERE activity_id = $1`, a.ID); err != nil {
		return fmt.Errorf("replace efforts of %s: %w", a.ID, sqldb.Classify(err))
	}
	if len(a.Efforts) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO efforts (activity_id, effort, user_id, family, distance_m, elapsed_s, started_at) VALUES `)
	args := make([]any, 0, 7*len(a.Efforts))
	for i, e := range a.Efforts {
		if i > 0 {
			sb.WriteByte(',')
		}
		n := len(args)
		fmt.Fprintf(&sb, "($%d,$%d,$%d,$%d,$%d,$%d,$%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7)
		args = append(args, a.ID, e.Name, a.UserID, a.Family, e.DistanceM, e.ElapsedS, dbTime(a.StartedAt))
	}
	if _, err := q.ExecContext(ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("replace efforts of %s: %w", a.ID, sqldb.Classify(err))
	}
	return nil
}

// DeleteActivity implements domain.Repository.
func (s *Store) DeleteActivity(ctx context.Context, id, userID string, version time.Time) (bool, error) {
	v := dbTime(version)
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO activities (`+activityColumns+`, deleted, version)
		VALUES ($1, $2, '', '', '', $3, '', '', 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL, '', TRUE, $3)
		ON CONFLICT (activity_id) DO UPDATE SET deleted = TRUE, name = '', polyline = '', start_lat = NULL,
			start_lng = NULL, end_lat = NULL, end_lng = NULL, load = 0, version = excluded.version
		WHERE activities.version <= excluded.version`, id, userID, v)
	if err != nil {
		return false, fmt.Errorf("delete activity %s: %w", id, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		return false, err
	}
	if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM efforts WHERE activity_id = $1`, id); err != nil {
		return false, fmt.Errorf("delete efforts of %s: %w", id, sqldb.Classify(err))
	}
	return true, nil
}

// RecomputeDay implements domain.Repository.
func (s *Store) RecomputeDay(ctx context.Context, userID, day string) error {
	q := s.q(ctx)
	var (
		load sql.NullFloat64
		n    int
	)
	if err := q.QueryRowContext(ctx, `SELECT SUM(load), COUNT(*) FROM activities
		WHERE user_id = $1 AND day = $2 AND NOT deleted`, userID, day).Scan(&load, &n); err != nil {
		return fmt.Errorf("load of %s on %s: %w", userID, day, sqldb.Classify(err))
	}
	var err error
	if n == 0 {
		_, err = q.ExecContext(ctx, `DELETE FROM daily_loads WHERE user_id = $1 AND day = $2`, userID, day)
	} else {
		_, err = q.ExecContext(ctx, `INSERT INTO daily_loads (user_id, day, load) VALUES ($1, $2, $3)
			ON CONFLICT (user_id, day) DO UPDATE SET load = excluded.load`, userID, day, load.Float64)
	}
	if err != nil {
		return fmt.Errorf("store load of %s on %s: %w", userID, day, sqldb.Classify(err))
	}
	return nil
}

// Activity implements domain.Repository.
func (s *Store) Activity(ctx context.Context, userID, id string) (domain.Activity, error) {
	a, err := activityFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities
		WHERE activity_id = $1 AND user_id = $2 AND NOT deleted`, id, userID))
	if sqldb.IsNoRows(err) {
		return a, domain.ErrActivityNotFound
	}
	if err != nil {
		return a, fmt.Errorf("read activity %s: %w", id, sqldb.Classify(err))
	}
	rows, err := s.efforts(ctx, userID, "", time.Time{}, id)
	if err != nil {
		return a, err
	}
	for _, r := range rows {
		a.Efforts = append(a.Efforts, domain.Effort{Name: r.Effort, DistanceM: r.DistanceM, ElapsedS: r.ElapsedS})
	}
	return a, nil
}

// Activities implements domain.Repository.
func (s *Store) Activities(ctx context.Context, q domain.ActivityQuery) ([]domain.Activity, error) {
	where, args := []string{"user_id = $1", "NOT deleted"}, []any{q.UserID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if q.FromDay != "" {
		add("day >= $%d", q.FromDay)
	}
	if q.ToDay != "" {
		add("day <= $%d", q.ToDay)
	}
	if q.Sport != "" {
		add("sport = $%d", q.Sport)
	}
	if q.Family != "" {
		add("family = $%d", q.Family)
	}
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+activityColumns+` FROM activities WHERE `+
		strings.Join(where, " AND ")+` ORDER BY started_at, activity_id`, args, activityFromRow)
	if err != nil {
		return nil, fmt.Errorf("list activities of %s: %w", q.UserID, err)
	}
	return out, nil
}

// SameDistance implements domain.Repository.
func (s *Store) SameDistance(ctx context.Context, a domain.Activity, lo, hi float64, limit int) ([]domain.Activity, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+activityColumns+` FROM activities
		WHERE user_id = $1 AND family = $2 AND NOT deleted AND activity_id <> $3 AND started_at < $4
			AND distance_m >= $5 AND distance_m <= $6
		ORDER BY started_at DESC, activity_id LIMIT $7`,
		[]any{a.UserID, a.Family, a.ID, dbTime(a.StartedAt), lo, hi, limit}, activityFromRow)
	if err != nil {
		return nil, fmt.Errorf("same distance as %s: %w", a.ID, err)
	}
	return out, nil
}

// RouteCandidates implements domain.Repository.
func (s *Store) RouteCandidates(ctx context.Context, a domain.Activity, radiusDeg, lo, hi float64, limit int) ([]domain.Activity, error) {
	if a.Start == nil {
		return nil, nil
	}
	// A degree of longitude shrinks with the cosine of the latitude.
	lngRadius := radiusDeg / math.Max(math.Cos(a.Start.Lat*math.Pi/180), 0.01)
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+activityColumns+` FROM activities
		WHERE user_id = $1 AND family = $2 AND NOT deleted AND activity_id <> $3 AND started_at < $4
			AND polyline <> '' AND start_lat >= $5 AND start_lat <= $6 AND start_lng >= $7 AND start_lng <= $8
			AND distance_m >= $9 AND distance_m <= $10
		ORDER BY started_at DESC, activity_id LIMIT $11`,
		[]any{a.UserID, a.Family, a.ID, dbTime(a.StartedAt), a.Start.Lat - radiusDeg, a.Start.Lat + radiusDeg,
			a.Start.Lng - lngRadius, a.Start.Lng + lngRadius, lo, hi, limit}, activityFromRow)
	if err != nil {
		return nil, fmt.Errorf("route candidates of %s: %w", a.ID, err)
	}
	return out, nil
}

// LatestTimeZone implements domain.Repository.
func (s *Store) LatestTimeZone(ctx context.Context, userID string) (string, error) {
	var tz string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT time_zone FROM activities WHERE user_id = $1 AND NOT deleted
		ORDER BY started_at DESC LIMIT 1`, userID).Scan(&tz)
	if sqldb.IsNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("time zone of %s: %w", userID, sqldb.Classify(err))
	}
	return tz, nil
}

// DailyLoads implements domain.Repository.
func (s *Store) DailyLoads(ctx context.Context, userID, toDay string) ([]domain.DayLoad, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT day, load FROM daily_loads WHERE user_id = $1 AND day <= $2
		ORDER BY day`, []any{userID, toDay}, func(sc sqldb.Scanner) (d domain.DayLoad, err error) {
		err = sc.Scan(&d.Day, &d.Load)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("daily loads of %s: %w", userID, err)
	}
	return out, nil
}
