package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

const importColumns = `id, user_id, device_id, file_name, format, sha256, size_bytes, status, reason, detail, warnings,
	activity_id, duplicate_of, sport, started_at, elapsed_s, distance_m, blob_key, original_key, created_at, updated_at`

// liveStatuses are the statuses under which an import blocks the same file.
const liveStatuses = `('` + devicesapi.StatusProcessing + `', '` + devicesapi.StatusImported + `', '` + devicesapi.StatusDuplicate + `')`

// importFromRow rebuilds an import from its stored row.
func importFromRow(r sqldb.Scanner) (domain.Import, error) {
	var (
		im                        domain.Import
		warnings                  string
		started, created, updated int64
	)
	if err := r.Scan(&im.ID, &im.UserID, &im.DeviceID, &im.FileName, &im.Format, &im.SHA256, &im.SizeBytes, &im.Status,
		&im.Reason, &im.Detail, &warnings, &im.ActivityID, &im.DuplicateOf, &im.Sport, &started, &im.ElapsedS,
		&im.DistanceM, &im.BlobKey, &im.OriginalKey, &created, &updated); err != nil {
		return im, err
	}
	im.StartedAt, im.CreatedAt, im.UpdatedAt = fromMicros(started), fromMicros(created), fromMicros(updated)
	if err := json.Unmarshal([]byte(warnings), &im.Warnings); err != nil {
		return im, fmt.Errorf("decode warnings of import %s: %w", im.ID, err)
	}
	if im.Warnings == nil {
		im.Warnings = []string{}
	}
	return im, nil
}

// CreateImport implements domain.Repository. A live import of the same
// file for the user is ErrDuplicateImport.
func (s *Store) CreateImport(ctx context.Context, im domain.Import) error {
	warnings := im.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	w, err := json.Marshal(warnings)
	if err != nil {
		return fmt.Errorf("encode warnings: %w", err)
	}
	_, err = s.db.Q(ctx).ExecContext(ctx, `INSERT INTO imports (`+importColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
		im.ID, im.UserID, im.DeviceID, im.FileName, im.Format, im.SHA256, im.SizeBytes, im.Status, im.Reason, im.Detail,
		string(w), im.ActivityID, im.DuplicateOf, im.Sport, micros(im.StartedAt), im.ElapsedS, im.DistanceM,
		im.BlobKey, im.OriginalKey, micros(im.CreatedAt), micros(im.UpdatedAt))
	if sqldb.IsUniqueViolation(err) {
		return domain.ErrDuplicateImport
	}
	if err != nil {
		return fmt.Errorf("create import %s: %w", im.ID, sqldb.Classify(err))
	}
	return nil
}

func (s *Store) oneImport(ctx context.Context, what, where string, args ...any) (domain.Import, error) {
	im, err := importFromRow(s.db.Q(ctx).QueryRowContext(ctx, `SELECT `+importColumns+` FROM imports WHERE `+where, args...))
	if sqldb.IsNoRows(err) {
		return im, domain.ErrImportNotFound
	}
	if err != nil {
		return im, fmt.Errorf("%s: %w", what, sqldb.Classify(err))
	}
	return im, nil
}

// Import implements domain.Repository: another user's import is not found.
func (s *Store) Import(ctx context.Context, userID, id string) (domain.Import, error) {
	return s.oneImport(ctx, "import "+id, `id = $1 AND user_id = $2`, id, userID)
}

// ImportByID implements domain.Repository.
func (s *Store) ImportByID(ctx context.Context, id string) (domain.Import, error) {
	return s.oneImport(ctx, "import "+id, `id = $1`, id)
}

// ImportBySHA implements domain.Repository.
func (s *Store) ImportBySHA(ctx context.Context, userID, sha string) (domain.Import, error) {
	return s.oneImport(ctx, "import by hash", `user_id = $1 AND sha256 = $2 AND status IN `+liveStatuses, userID, sha)
}

// ImportsStartingBetween implements domain.Repository.
func (s *Store) ImportsStartingBetween(ctx context.Context, userID string, from, to time.Time) ([]domain.Import, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT `+importColumns+` FROM imports
		WHERE user_id = $1 AND started_at >= $2 AND started_at <= $3 AND status IN `+liveStatuses+`
		ORDER BY started_at, id`, []any{userID, micros(from), micros(to)}, importFromRow)
	if err != nil {
		return nil, fmt.Errorf("imports of %s near %s: %w", userID, from, err)
	}
	return out, nil
}

// Imports implements domain.Repository: newest first, after the cursor.
func (s *Store) Imports(ctx context.Context, userID string, after *domain.ImportCursor, limit int) ([]domain.Import, error) {
	query := `SELECT ` + importColumns + ` FROM imports WHERE user_id = $1`
	args := []any{userID}
	if after != nil {
		query += ` AND (created_at < $2 OR (created_at = $2 AND id < $3))`
		args = append(args, after.CreatedAt, after.ID)
	}
	query += fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT %d`, limit)
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), query, args, importFromRow)
	if err != nil {
		return nil, fmt.Errorf("imports of %s: %w", userID, err)
	}
	return out, nil
}

// SetImportStatus implements domain.Repository. A final status is set
// only on a processing import (a redelivered or late event changes
// nothing); deleted is set on any live one.
func (s *Store) SetImportStatus(ctx context.Context, id string, u domain.StatusUpdate) (bool, error) {
	from := `status = '` + devicesapi.StatusProcessing + `'`
	if u.Status == devicesapi.StatusDeleted {
		from = `status IN ` + liveStatuses
	}
	res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE imports SET status = $2, reason = $3, detail = $4,
		activity_id = CASE WHEN $5 = '' THEN activity_id ELSE $5 END, duplicate_of = $6, updated_at = $7
		WHERE id = $1 AND `+from, id, u.Status, u.Reason, u.Detail, u.ActivityID, u.DuplicateOf, micros(u.At))
	if err != nil {
		return false, fmt.Errorf("set status of import %s: %w", id, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ReleaseDuplicates implements domain.Repository.
func (s *Store) ReleaseDuplicates(ctx context.Context, userID, activityID string, at time.Time) (int, error) {
	res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE imports SET status = '`+devicesapi.StatusDeleted+`', updated_at = $3
		WHERE user_id = $1 AND duplicate_of = $2 AND status = '`+devicesapi.StatusDuplicate+`'`, userID, activityID, micros(at))
	if err != nil {
		return 0, fmt.Errorf("release duplicates of %s: %w", activityID, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// ImportKeys implements domain.Repository.
func (s *Store) ImportKeys(ctx context.Context, userID string) ([]string, error) {
	pairs, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT blob_key, original_key FROM imports WHERE user_id = $1`,
		[]any{userID}, func(r sqldb.Scanner) ([2]string, error) {
			var k [2]string
			err := r.Scan(&k[0], &k[1])
			return k, err
		})
	if err != nil {
		return nil, fmt.Errorf("import blobs of %s: %w", userID, err)
	}
	out := make([]string, 0, 2*len(pairs))
	for _, k := range pairs {
		out = append(out, k[0], k[1])
	}
	return out, nil
}

// EraseUser implements domain.Repository.
func (s *Store) EraseUser(ctx context.Context, userID string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, stmt := range []string{`DELETE FROM imports WHERE user_id = $1`, `DELETE FROM pairings WHERE user_id = $1`,
			`DELETE FROM devices WHERE user_id = $1`} {
			if _, err := s.db.Q(ctx).ExecContext(ctx, stmt, userID); err != nil {
				return fmt.Errorf("erase %s: %w", userID, sqldb.Classify(err))
			}
		}
		return nil
	})
}
