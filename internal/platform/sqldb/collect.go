package sqldb

import (
	"context"
	"fmt"
)

// Scanner is what a row offers to a scan function (*sql.Rows and *sql.Row).
type Scanner interface {
	Scan(dest ...any) error
}

// QueryAll runs query and scans every row with scan, closing the rows and
// classifying driver errors. It saves every list query the same ten lines.
func QueryAll[T any](ctx context.Context, q Querier, query string, args []any, scan func(Scanner) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, Classify(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("scan row: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, Classify(err)
	}
	return out, nil
}
