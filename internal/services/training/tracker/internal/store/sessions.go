package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
)

const sessionColumns = `id, user_id, sport, device_id, status, started_at, ended_at, paused_at, live,
	last_moving_at, stop_alerted, late_samples, activity_id, updated_at`

func scanSession(r sqldb.Scanner) (domain.Session, error) {
	var (
		s                domain.Session
		started, updated int64
		lastMoving       int64
		ended, pausedAt  sql.NullInt64
		live             string
		activityID       sql.NullString
	)
	if err := r.Scan(&s.ID, &s.UserID, &s.Sport, &s.DeviceID, &s.Status, &started, &ended, &pausedAt, &live,
		&lastMoving, &s.StopAlerted, &s.LateSamples, &activityID, &updated); err != nil {
		return s, err
	}
	s.StartedAt, s.UpdatedAt = fromMS(started), fromMS(updated)
	s.EndedAt, s.PausedAt = msPtr(ended), msPtr(pausedAt)
	if err := json.Unmarshal([]byte(live), &s.Live); err != nil {
		return s, fmt.Errorf("decode live state of %s: %w", s.ID, err)
	}
	s.Live.LastMovingT = lastMoving
	if activityID.Valid {
		s.ActivityID = activityID.String
	}
	return s, nil
}

// InsertSession stores a new open session unless the user has one open
// already; it reports whether it stored it.
func (s *Store) InsertSession(ctx context.Context, x domain.Session) (bool, error) {
	live, err := json.Marshal(x.Live)
	if err != nil {
		return false, err
	}
	n, err := s.exec(ctx, "insert session", `INSERT INTO sessions (id, user_id, sport, device_id, status, started_at,
		live, last_sample_at, last_moving_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
		x.ID, x.UserID, x.Sport, x.DeviceID, x.Status, ms(x.StartedAt), string(live), ms(x.StartedAt),
		x.Live.LastMovingT, ms(x.UpdatedAt))
	return n == 1, err
}

// Session returns a session; domain.ErrSessionNotFound when absent.
func (s *Store) Session(ctx context.Context, id string) (domain.Session, error) {
	return s.session(ctx, `WHERE id = $1`, id, "")
}

// SessionForUpdate returns a session locked for a change.
func (s *Store) SessionForUpdate(ctx context.Context, id string) (domain.Session, error) {
	return s.session(ctx, `WHERE id = $1`, id, s.forUpdate())
}

// SessionsForUpdate returns the sessions with the given ids that exist,
// by id, their rows locked: one query for a whole group commit.
func (s *Store) SessionsForUpdate(ctx context.Context, ids []string) (map[string]domain.Session, error) {
	list, err := s.sessionsIn(ctx, "id", ids, "")
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Session, len(list))
	for _, x := range list {
		out[x.ID] = x
	}
	return out, nil
}

// OpenSessionsForUpdate returns the open sessions of the given users, by
// user, their rows locked.
func (s *Store) OpenSessionsForUpdate(ctx context.Context, userIDs []string) (map[string]domain.Session, error) {
	list, err := s.sessionsIn(ctx, "user_id", userIDs, ` AND status IN ('active', 'paused')`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Session, len(list))
	for _, x := range list {
		out[x.UserID] = x
	}
	return out, nil
}

// sessionsIn selects the sessions whose column is one of values (locked),
// in chunks that keep statements small.
func (s *Store) sessionsIn(ctx context.Context, column string, values []string, and string) ([]domain.Session, error) {
	var out []domain.Session
	for start := 0; start < len(values); start += sampleChunk {
		chunk := values[start:min(start+sampleChunk, len(values))]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		list, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+sessionColumns+` FROM sessions WHERE `+column+
			` IN (`+inList(0, len(args))+`)`+and+s.forUpdate(), args, scanSession)
		if err != nil {
			return nil, fmt.Errorf("get sessions: %w", sqldb.Classify(err))
		}
		out = append(out, list...)
	}
	return out, nil
}

// OpenSession returns the user's open (active or paused) session;
// domain.ErrSessionNotFound when there is none.
func (s *Store) OpenSession(ctx context.Context, userID string) (domain.Session, error) {
	return s.session(ctx, `WHERE user_id = $1 AND status IN ('active', 'paused')`, userID, "")
}

// OpenSessionForUpdate is OpenSession with the row locked.
func (s *Store) OpenSessionForUpdate(ctx context.Context, userID string) (domain.Session, error) {
	return s.session(ctx, `WHERE user_id = $1 AND status IN ('active', 'paused')`, userID, s.forUpdate())
}

// LastEndedSession returns the user's most recently ended session;
// domain.ErrSessionNotFound when there is none.
func (s *Store) LastEndedSession(ctx context.Context, userID string) (domain.Session, error) {
	return s.session(ctx, `WHERE user_id = $1 AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 1`, userID, "")
}

func (s *Store) session(ctx context.Context, where, arg, lock string) (domain.Session, error) {
	x, err := scanSession(s.q(ctx).QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions `+where+lock, arg))
	if sqldb.IsNoRows(err) {
		return x, domain.ErrSessionNotFound
	}
	if err != nil {
		return x, fmt.Errorf("get session: %w", sqldb.Classify(err))
	}
	return x, nil
}

// SaveSession writes a session's mutable state.
func (s *Store) SaveSession(ctx context.Context, x domain.Session) error {
	live, err := json.Marshal(x.Live)
	if err != nil {
		return err
	}
	// The last sign of life: a sample, the start, or the athlete's own
	// action (pause, resume) or the arrival of data (updated_at).
	lastSample := max(x.Live.LastT, ms(x.StartedAt), ms(x.UpdatedAt))
	if x.PausedAt != nil {
		lastSample = max(lastSample, ms(*x.PausedAt))
	}
	_, err = s.exec(ctx, "save session", `UPDATE sessions SET sport = $2, status = $3, ended_at = $4, paused_at = $5,
		live = $6, last_sample_at = $7, last_moving_at = $8, stop_alerted = $9, activity_id = $10, updated_at = $11
		WHERE id = $1`,
		x.ID, x.Sport, x.Status, nullMS(x.EndedAt), nullMS(x.PausedAt), string(live), lastSample,
		x.Live.LastMovingT, x.StopAlerted, emptyNull(x.ActivityID), ms(x.UpdatedAt))
	return err
}

// AddLateSamples counts samples that arrived after the session ended.
func (s *Store) AddLateSamples(ctx context.Context, id string, n int) error {
	_, err := s.exec(ctx, "count late samples", `UPDATE sessions SET late_samples = late_samples + $2 WHERE id = $1`, id, n)
	return err
}

// Sessions returns the user's sessions, newest first (for erasure and tests).
func (s *Store) Sessions(ctx context.Context, userID string) ([]domain.Session, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+sessionColumns+` FROM sessions WHERE user_id = $1
		ORDER BY started_at DESC`, []any{userID}, scanSession)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	return out, nil
}

// StoppedSessions returns active sessions whose owner turned safety
// alerts on and has not moved for their chosen time as of now, not
// alerted yet.
func (s *Store) StoppedSessions(ctx context.Context, now time.Time, limit int) ([]domain.Session, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+prefixed(sessionColumns, "s.")+` FROM sessions s
		JOIN safety f ON f.user_id = s.user_id
		WHERE s.status = 'active' AND f.enabled AND s.stop_alerted = FALSE
		  AND s.last_moving_at + f.stop_alert_after_s * 1000 <= $1
		ORDER BY s.last_moving_at LIMIT $2`, []any{ms(now), limit}, scanSession)
	if err != nil {
		return nil, fmt.Errorf("find stopped sessions: %w", err)
	}
	return out, nil
}

// MarkStopAlerted flags the session's current stop as alerted, reporting
// whether this call did it (so only one process sends the alert).
func (s *Store) MarkStopAlerted(ctx context.Context, id string, lastMovingAt int64) (bool, error) {
	n, err := s.exec(ctx, "mark stop alerted", `UPDATE sessions SET stop_alerted = TRUE
		WHERE id = $1 AND status = 'active' AND stop_alerted = FALSE AND last_moving_at = $2`, id, lastMovingAt)
	return n == 1, err
}

// AbandonedSessions returns open sessions that have had no sample (nor
// start or pause) since before.
func (s *Store) AbandonedSessions(ctx context.Context, before time.Time, limit int) ([]domain.Session, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+sessionColumns+` FROM sessions
		WHERE status IN ('active', 'paused') AND last_sample_at < $1 ORDER BY last_sample_at LIMIT $2`,
		[]any{ms(before), limit}, scanSession)
	if err != nil {
		return nil, fmt.Errorf("find abandoned sessions: %w", err)
	}
	return out, nil
}

// StartPause records the beginning of a pause.
func (s *Store) StartPause(ctx context.Context, sessionID string, from time.Time) error {
	_, err := s.exec(ctx, "start pause", `INSERT INTO session_pauses (session_id, from_t) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, sessionID, ms(from))
	return err
}

// EndPauses ends the session's pause in progress.
func (s *Store) EndPauses(ctx context.Context, sessionID string, to time.Time) error {
	_, err := s.exec(ctx, "end pause", `UPDATE session_pauses SET to_t = $2 WHERE session_id = $1 AND to_t IS NULL`,
		sessionID, ms(to))
	return err
}

// Pauses returns the session's pauses in time order.
func (s *Store) Pauses(ctx context.Context, sessionID string) ([]domain.Pause, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT from_t, to_t FROM session_pauses WHERE session_id = $1
		ORDER BY from_t`, []any{sessionID}, func(r sqldb.Scanner) (domain.Pause, error) {
		var p domain.Pause
		var to sql.NullInt64
		err := r.Scan(&p.From, &to)
		p.To = to.Int64
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("list pauses: %w", err)
	}
	return out, nil
}

// sampleChunk caps the rows of one multi-row upsert (13 parameters each)
// and the ids of one IN list.
const sampleChunk = 256

// UpsertSamples stores samples of one session (sorted and merged by time,
// see domain.SortSamples): a sample whose time is stored already merges
// into it, its non-null channels replacing the stored ones.
func (s *Store) UpsertSamples(ctx context.Context, sessionID string, samples []domain.Sample) error {
	return s.UpsertSessionSamples(ctx, []SessionSamples{{SessionID: sessionID, Samples: samples}})
}

// SessionSamples are samples of one session.
type SessionSamples struct {
	SessionID string
	Samples   []domain.Sample
}

// UpsertSessionSamples is UpsertSamples for the samples of many sessions
// at once (a group commit of many devices), in statements of sampleChunk
// rows whatever session they belong to.
func (s *Store) UpsertSessionSamples(ctx context.Context, sets []SessionSamples) error {
	type row struct {
		session string
		x       *domain.Sample
	}
	var rows []row
	for _, set := range sets {
		for i := range set.Samples {
			rows = append(rows, row{set.SessionID, &set.Samples[i]})
		}
	}
	for start := 0; start < len(rows); start += sampleChunk {
		chunk := rows[start:min(start+sampleChunk, len(rows))]
		var sb strings.Builder
		sb.WriteString(`INSERT INTO samples (session_id, t, lat, lon, alt, dist, speed, hr, cad, power, temp, acc, rr) VALUES `)
		args := make([]any, 0, 13*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				sb.WriteByte(',')
			}
			s.placeholders(&sb, len(args), 13)
			x := r.x
			var rr any
			if len(x.RR) > 0 {
				b, err := json.Marshal(x.RR)
				if err != nil {
					return err
				}
				rr = string(b)
			}
			args = append(args, r.session, x.T, num(x.Lat), num(x.Lon), num(x.Alt), num(x.Dist), num(x.Speed),
				num(x.HR), num(x.Cad), num(x.Power), num(x.Temp), num(x.Acc), rr)
		}
		sb.WriteString(` ON CONFLICT (session_id, t) DO UPDATE SET
			lat = COALESCE(excluded.lat, samples.lat), lon = COALESCE(excluded.lon, samples.lon),
			alt = COALESCE(excluded.alt, samples.alt), dist = COALESCE(excluded.dist, samples.dist),
			speed = COALESCE(excluded.speed, samples.speed), hr = COALESCE(excluded.hr, samples.hr),
			cad = COALESCE(excluded.cad, samples.cad), power = COALESCE(excluded.power, samples.power),
			temp = COALESCE(excluded.temp, samples.temp), acc = COALESCE(excluded.acc, samples.acc),
			rr = COALESCE(excluded.rr, samples.rr)`)
		if _, err := s.exec(ctx, "upsert samples", sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// frameChunk caps the rows of one multi-row insert (5 parameters each).
const frameChunk = 1000

// InsertFrames stores raw frames; a frame already stored (same session,
// sensor, sensor id and time) is kept as it is.
func (s *Store) InsertFrames(ctx context.Context, sessionID string, frames []domain.Frame) error {
	for start := 0; start < len(frames); start += frameChunk {
		chunk := frames[start:min(start+frameChunk, len(frames))]
		var sb strings.Builder
		sb.WriteString(`INSERT INTO frames (session_id, sensor, sensor_id, t, data) VALUES `)
		args := make([]any, 0, 5*len(chunk))
		for i, f := range chunk {
			if i > 0 {
				sb.WriteByte(',')
			}
			s.placeholders(&sb, len(args), 5)
			data := f.Data
			if data == nil {
				data = []byte{}
			}
			args = append(args, sessionID, f.Sensor, f.SensorID, f.T, data)
		}
		sb.WriteString(` ON CONFLICT DO NOTHING`)
		if _, err := s.exec(ctx, "insert frames", sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Samples returns the session's samples in time order.
func (s *Store) Samples(ctx context.Context, sessionID string) ([]domain.Sample, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT t, lat, lon, alt, dist, speed, hr, cad, power, temp, acc, rr
		FROM samples WHERE session_id = $1 ORDER BY t`, []any{sessionID}, func(r sqldb.Scanner) (domain.Sample, error) {
		var (
			x                                                     domain.Sample
			lat, lon, alt, dist, speed, hr, cad, power, temp, acc sql.NullFloat64
			rr                                                    sql.NullString
		)
		if err := r.Scan(&x.T, &lat, &lon, &alt, &dist, &speed, &hr, &cad, &power, &temp, &acc, &rr); err != nil {
			return x, err
		}
		x.Point = domain.Point{T: x.T, Lat: val(lat), Lon: val(lon), Alt: val(alt), Dist: val(dist), Speed: val(speed),
			HR: val(hr), Cad: val(cad), Power: val(power), Temp: val(temp)}
		x.Acc = val(acc)
		if rr.Valid {
			if err := json.Unmarshal([]byte(rr.String), &x.RR); err != nil {
				return x, err
			}
		}
		return x, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list samples: %w", err)
	}
	return out, nil
}

// SampleStats returns how many samples the session has and the latest time.
func (s *Store) SampleStats(ctx context.Context, sessionID string) (n int64, lastT int64, err error) {
	var last sql.NullInt64
	err = s.q(ctx).QueryRowContext(ctx, `SELECT count(*), max(t) FROM samples WHERE session_id = $1`, sessionID).
		Scan(&n, &last)
	if err != nil {
		return 0, 0, fmt.Errorf("sample stats: %w", sqldb.Classify(err))
	}
	return n, last.Int64, nil
}

// Frames returns the session's raw frames in time order.
func (s *Store) Frames(ctx context.Context, sessionID string) ([]domain.Frame, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT t, sensor, sensor_id, data FROM frames WHERE session_id = $1
		ORDER BY t, sensor, sensor_id`, []any{sessionID}, func(r sqldb.Scanner) (domain.Frame, error) {
		var f domain.Frame
		err := r.Scan(&f.T, &f.Sensor, &f.SensorID, &f.Data)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("list frames: %w", err)
	}
	return out, nil
}

// DeleteSessionData removes the session's samples, frames and pauses (once
// archived or discarded).
func (s *Store) DeleteSessionData(ctx context.Context, sessionID string) error {
	for _, q := range []string{`DELETE FROM samples WHERE session_id = $1`, `DELETE FROM frames WHERE session_id = $1`,
		`DELETE FROM session_pauses WHERE session_id = $1`} {
		if _, err := s.exec(ctx, "delete session data", q, sessionID); err != nil {
			return err
		}
	}
	return nil
}
