package bus

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// schemaVersionTable is the goose version table of the bus tables, apart
// from the service's own goose_db_version so the two never clash.
const schemaVersionTable = "bus_schema_version"

// migrateLockID is the PostgreSQL advisory lock goose holds while migrating
// the bus tables, so replicas starting together migrate one at a time.
const migrateLockID = 0x5350_4842_5553_0001 // "SPHBUS" 1

// Migrate creates or upgrades the outbox and inbox tables in a service's
// database. Call it next to the service's own db.Migrate.
func Migrate(ctx context.Context, db *sqldb.DB) error {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return fmt.Errorf("migrate bus tables: %w", err)
	}
	exclude, err := otherDialectFiles(sub, db.Dialect)
	if err != nil {
		return fmt.Errorf("migrate bus tables: %w", err)
	}
	opts := []goose.ProviderOption{goose.WithTableName(schemaVersionTable), goose.WithExcludeNames(exclude)}
	gd := goose.DialectSQLite3
	if db.Dialect == sqldb.Postgres {
		gd = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrateLockID))
		if err != nil {
			return fmt.Errorf("migrate bus tables: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gd, db.SQL, sub, opts...)
	if err != nil {
		return fmt.Errorf("migrate bus tables: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate bus tables: %w", sqldb.Classify(err))
	}
	return nil
}

// otherDialectFiles lists the files goose must skip on dialect d: overrides
// for other engines (NNNN_name.<dialect>.sql) and portable files that have
// an override for d - the same convention as sqldb.Migrate.
func otherDialectFiles(fsys fs.FS, d sqldb.Dialect) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var exclude []string
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".sql")
		if !ok {
			continue
		}
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			if sqldb.Dialect(base[i+1:]) == d {
				exclude = append(exclude, base[:i]+".sql")
			} else {
				exclude = append(exclude, e.Name())
			}
		}
	}
	return exclude, nil
}

// ErrNotInTx is returned by AddToOutbox called outside a transaction.
var ErrNotInTx = errors.New("outbox: not inside db.InTx (the event must commit with the state change)")

// outboxChunk caps the rows of one multi-row INSERT (5 parameters each).
const outboxChunk = 200

// AddToOutbox writes events to the service's outbox in the caller's
// transaction, so the state change and its events commit together or not at
// all. It must run inside db.InTx: it detects a missing transaction by
// db.Q(ctx) handing back the pool instead of a *sql.Tx, and returns
// ErrNotInTx. The trace context of ctx is stored with each row and travels
// as message headers. After InTx returns nil, call the service's
// Relay.Notify so the events go out at once instead of at the next poll.
func AddToOutbox(ctx context.Context, db *sqldb.DB, events ...Event) error {
	q := db.Q(ctx)
	if _, ok := q.(*sql.Tx); !ok {
		return ErrNotInTx
	}
	if len(events) == 0 {
		return nil
	}
	hdr := map[string][]string{}
	observability.InjectHeaders(ctx, hdr)
	headers := ""
	if len(hdr) > 0 {
		b, err := json.Marshal(hdr)
		if err != nil {
			return fmt.Errorf("add to outbox: headers: %w", err)
		}
		headers = string(b)
	}
	now := time.Now().UnixMicro()
	for start := 0; start < len(events); start += outboxChunk {
		chunk := events[start:min(start+outboxChunk, len(events))]
		var sb strings.Builder
		sb.WriteString(`INSERT INTO bus_outbox (event_id, type, payload, headers, created_at) VALUES `)
		args := make([]any, 0, 5*len(chunk))
		for i, ev := range chunk {
			if err := ev.Validate(); err != nil {
				return fmt.Errorf("add to outbox: %w", err)
			}
			body, err := json.Marshal(ev)
			if err != nil {
				return fmt.Errorf("add to outbox %s: %w", ev.Type, err)
			}
			if i > 0 {
				sb.WriteByte(',')
			}
			n := len(args)
			fmt.Fprintf(&sb, "($%d,$%d,$%d,$%d,$%d)", n+1, n+2, n+3, n+4, n+5)
			args = append(args, ev.ID, ev.Type, string(body), headers, now)
		}
		if _, err := q.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("add to outbox: %w", sqldb.Classify(err))
		}
	}
	return nil
}

// Outbox adds events to one service database's outbox; use cases take it
// as their event sink and call AddEvents inside db.InTx.
type Outbox struct{ DB *sqldb.DB }

// AddEvents calls AddToOutbox.
func (o Outbox) AddEvents(ctx context.Context, events ...Event) error {
	return AddToOutbox(ctx, o.DB, events...)
}
