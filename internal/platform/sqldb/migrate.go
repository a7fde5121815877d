package sqldb

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/pressly/goose/v3"
)

// Migrate applies the service's embedded goose migrations. fsys holds files
// named NNNN_name.sql; a file NNNN_name.<dialect>.sql (sqlite or postgres)
// replaces NNNN_name.sql on that engine, for the few statements that differ.
func (db *DB) Migrate(ctx context.Context, fsys fs.FS) error {
	files, err := dialectFiles(fsys, db.Dialect)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	gd := goose.DialectSQLite3
	if db.Dialect == Postgres {
		gd = goose.DialectPostgres
	}
	p, err := goose.NewProvider(gd, db.SQL, files)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", Classify(err))
	}
	return nil
}

// dialectFiles returns an FS holding one file per migration version: the
// dialect's override where it exists, else the portable file. (fstest.MapFS
// is simply a small in-memory fs.FS; nothing here is test-only.)
func dialectFiles(fsys fs.FS, d Dialect) (fs.FS, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	out := fstest.MapFS{}
	overrides := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(name, ".sql")
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			if Dialect(base[i+1:]) == d {
				overrides[base[:i]+".sql"] = b
			}
			continue
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	for name, b := range overrides {
		if _, ok := out[name]; !ok {
			return nil, fmt.Errorf("override for %s has no portable migration beside it", name)
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	return out, nil
}
