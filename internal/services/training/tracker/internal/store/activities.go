package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/textsearch"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
)

const activityColumns = `id, user_id, sport, name, description, visibility, gear_id, source, import_id, session_id,
	device_id, started_at, ended_at, time_zone, has_route, has_hr, analysis, route, masked_route, masked_hash,
	streams_key, archive_key, original_key, created_at, updated_at`

func scanActivity(r sqldb.Scanner) (domain.Activity, error) {
	var (
		a                                domain.Activity
		gear, importID, sessionID        sql.NullString
		maskedRoute, maskedHash          sql.NullString
		started, ended, created, updated int64
		analysisJSON, routeJSON          string
	)
	if err := r.Scan(&a.ID, &a.UserID, &a.Sport, &a.Name, &a.Description, &a.Visibility, &gear, &a.Source, &importID,
		&sessionID, &a.DeviceID, &started, &ended, &a.TimeZone, &a.HasRoute, &a.HasHR, &analysisJSON, &routeJSON,
		&maskedRoute, &maskedHash, &a.StreamsKey, &a.ArchiveKey, &a.OriginalKey, &created, &updated); err != nil {
		return a, err
	}
	a.GearID = strPtr(gear)
	a.ImportID, a.SessionID = importID.String, sessionID.String
	a.StartedAt, a.EndedAt, a.CreatedAt, a.UpdatedAt = fromMS(started), fromMS(ended), fromMS(created), fromMS(updated)
	if err := json.Unmarshal([]byte(analysisJSON), &a.Analysis); err != nil {
		return a, fmt.Errorf("decode analysis of %s: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(routeJSON), &a.Route); err != nil {
		return a, fmt.Errorf("decode route of %s: %w", a.ID, err)
	}
	if maskedHash.Valid && maskedRoute.Valid {
		var m domain.Route
		if err := json.Unmarshal([]byte(maskedRoute.String), &m); err != nil {
			return a, fmt.Errorf("decode masked route of %s: %w", a.ID, err)
		}
		a.MaskedRoute, a.MaskedZonesHash = &m, maskedHash.String
	}
	return a, nil
}

// searchDocument is what the activity list's q matches: the stemmed words
// of name and description, space-separated with a leading and trailing
// space so every word can be matched as a prefix (" term%").
func searchDocument(a domain.Activity) string {
	return " " + textsearch.Document(a.Name, a.Description) + " "
}

// ErrActivityExists is returned by InsertActivity when the import or the
// session it comes from is stored already.
var ErrActivityExists = apperr.New(apperr.Conflict, "activity_exists", "the activity is stored already")

// InsertActivity stores a new activity.
func (s *Store) InsertActivity(ctx context.Context, a domain.Activity) error {
	an, err := json.Marshal(a.Analysis)
	if err != nil {
		return err
	}
	rt, err := json.Marshal(a.Route)
	if err != nil {
		return err
	}
	n, err := s.exec(ctx, "insert activity", `INSERT INTO activities (id, user_id, sport, name, description, visibility,
		gear_id, source, import_id, session_id, device_id, started_at, ended_at, time_zone, distance_m, elapsed_s,
		moving_s, elev_gain_m, has_route, has_hr, analysis, route, streams_key, archive_key, original_key, search,
		created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27, $28) ON CONFLICT DO NOTHING`,
		a.ID, a.UserID, a.Sport, a.Name, a.Description, a.Visibility, nullStr(a.GearID), a.Source,
		emptyNull(a.ImportID), emptyNull(a.SessionID), a.DeviceID, ms(a.StartedAt), ms(a.EndedAt), a.TimeZone,
		a.Analysis.DistanceM, a.Analysis.ElapsedS, a.Analysis.MovingS, a.Analysis.ElevGainM, a.HasRoute, a.HasHR,
		string(an), string(rt), a.StreamsKey, a.ArchiveKey, a.OriginalKey, searchDocument(a),
		ms(a.CreatedAt), ms(a.UpdatedAt))
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrActivityExists
	}
	return nil
}

// UpdateActivity saves an activity's editable fields and analysis.
func (s *Store) UpdateActivity(ctx context.Context, a domain.Activity) error {
	an, err := json.Marshal(a.Analysis)
	if err != nil {
		return err
	}
	n, err := s.exec(ctx, "update activity", `UPDATE activities SET sport = $2, name = $3, description = $4,
		visibility = $5, gear_id = $6, distance_m = $7, elapsed_s = $8, moving_s = $9, elev_gain_m = $10,
		analysis = $11, search = $12, updated_at = $13 WHERE id = $1`,
		a.ID, a.Sport, a.Name, a.Description, a.Visibility, nullStr(a.GearID), a.Analysis.DistanceM,
		a.Analysis.ElapsedS, a.Analysis.MovingS, a.Analysis.ElevGainM, string(an), searchDocument(a), ms(a.UpdatedAt))
	if err == nil && n == 0 {
		err = domain.ErrActivityNotFound
	}
	return err
}

// SetMaskedRoute caches the route others see, computed under the zones
// identified by hash.
func (s *Store) SetMaskedRoute(ctx context.Context, id, hash string, r domain.Route) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, "cache masked route", `UPDATE activities SET masked_route = $2, masked_hash = $3 WHERE id = $1`,
		id, string(b), hash)
	return err
}

// Activity returns an activity; domain.ErrActivityNotFound when absent.
func (s *Store) Activity(ctx context.Context, id string) (domain.Activity, error) {
	return s.activity(ctx, id, "")
}

// ActivityForUpdate returns an activity locked for a change.
func (s *Store) ActivityForUpdate(ctx context.Context, id string) (domain.Activity, error) {
	return s.activity(ctx, id, s.forUpdate())
}

func (s *Store) activity(ctx context.Context, id, lock string) (domain.Activity, error) {
	a, err := scanActivity(s.q(ctx).QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities WHERE id = $1`+lock, id))
	if sqldb.IsNoRows(err) {
		return a, domain.ErrActivityNotFound
	}
	if err != nil {
		return a, fmt.Errorf("get activity: %w", sqldb.Classify(err))
	}
	return a, nil
}

// DeleteActivity removes an activity, reporting whether it was there.
func (s *Store) DeleteActivity(ctx context.Context, id string) (bool, error) {
	n, err := s.exec(ctx, "delete activity", `DELETE FROM activities WHERE id = $1`, id)
	return n == 1, err
}

// ActivityFilter selects activities of one user.
type ActivityFilter struct {
	UserID string
	// Visibilities, when set, keeps only activities with one of them.
	Visibilities []string
	Sport        string
	From, To     *time.Time // started_at within [From, To)
	Query        string     // words of the name or description
	// After continues after the activity (StartedAt, ID) of a cursor.
	AfterAt time.Time
	AfterID string
	Limit   int
}

// ListActivities returns a user's activities newest first.
func (s *Store) ListActivities(ctx context.Context, f ActivityFilter) ([]domain.Activity, error) {
	where := []string{"user_id = $1"}
	args := []any{f.UserID}
	// add appends a condition on one parameter, written as "$%d".
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if len(f.Visibilities) > 0 {
		where = append(where, "visibility IN ("+inList(len(args), len(f.Visibilities))+")")
		for _, v := range f.Visibilities {
			args = append(args, v)
		}
	}
	if f.Sport != "" {
		add("sport = $%d", f.Sport)
	}
	if f.From != nil {
		add("started_at >= $%d", ms(*f.From))
	}
	if f.To != nil {
		add("started_at < $%d", ms(*f.To))
	}
	for _, term := range textsearch.Query(f.Query) {
		add("search LIKE $%d", "% "+escapeLike(term)+"%")
	}
	if f.AfterID != "" {
		n := len(args)
		where = append(where, fmt.Sprintf("(started_at < $%d OR (started_at = $%d AND id < $%d))", n+1, n+1, n+2))
		args = append(args, ms(f.AfterAt), f.AfterID)
	}
	args = append(args, f.Limit)
	q := `SELECT ` + activityColumns + ` FROM activities WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf(` ORDER BY started_at DESC, id DESC LIMIT $%d`, len(args))
	out, err := sqldb.QueryAll(ctx, s.q(ctx), q, args, scanActivity)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return out, nil
}

// escapeLike keeps LIKE wildcards in a term literal. Terms are stemmed
// words (letters and digits), so none should occur; the guard is cheap.
func escapeLike(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}

// ActivitiesStartingNear returns the user's activities starting within
// window of start.
func (s *Store) ActivitiesStartingNear(ctx context.Context, userID string, start time.Time, window time.Duration) ([]domain.Activity, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+activityColumns+` FROM activities
		WHERE user_id = $1 AND started_at BETWEEN $2 AND $3 ORDER BY started_at`,
		[]any{userID, ms(start.Add(-window)), ms(start.Add(window))}, scanActivity)
	if err != nil {
		return nil, fmt.Errorf("find activities near a start: %w", err)
	}
	return out, nil
}

// ActivityByImport returns the activity stored from an import.
func (s *Store) ActivityByImport(ctx context.Context, importID string) (domain.Activity, error) {
	a, err := scanActivity(s.q(ctx).QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities WHERE import_id = $1`, importID))
	if sqldb.IsNoRows(err) {
		return a, domain.ErrActivityNotFound
	}
	if err != nil {
		return a, fmt.Errorf("get activity by import: %w", sqldb.Classify(err))
	}
	return a, nil
}

// Volume sums the user's activities starting within [from, to).
func (s *Store) Volume(ctx context.Context, userID string, from, to time.Time) (count int, distanceM, movingS float64, err error) {
	err = s.q(ctx).QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(distance_m), 0), COALESCE(sum(moving_s), 0)
		FROM activities WHERE user_id = $1 AND started_at >= $2 AND started_at < $3`, userID, ms(from), ms(to)).
		Scan(&count, &distanceM, &movingS)
	if err != nil {
		err = fmt.Errorf("sum activities: %w", sqldb.Classify(err))
	}
	return count, distanceM, movingS, err
}

// StartTimes returns the start times of the user's activities since from,
// newest first.
func (s *Store) StartTimes(ctx context.Context, userID string, from time.Time) ([]time.Time, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT started_at FROM activities WHERE user_id = $1 AND started_at >= $2
		ORDER BY started_at DESC`, []any{userID, ms(from)}, func(r sqldb.Scanner) (time.Time, error) {
		var v int64
		err := r.Scan(&v)
		return fromMS(v), err
	})
	if err != nil {
		return nil, fmt.Errorf("activity start times: %w", err)
	}
	return out, nil
}

// UserBlobKeys returns the blob keys of every activity of the user.
func (s *Store) UserBlobKeys(ctx context.Context, userID string) ([]string, error) {
	rows, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT streams_key, archive_key FROM activities WHERE user_id = $1`,
		[]any{userID}, func(r sqldb.Scanner) ([2]string, error) {
			var k [2]string
			err := r.Scan(&k[0], &k[1])
			return k, err
		})
	if err != nil {
		return nil, fmt.Errorf("list blob keys: %w", err)
	}
	var out []string
	for _, k := range rows {
		for _, v := range k {
			if v != "" {
				out = append(out, v)
			}
		}
	}
	return out, nil
}
