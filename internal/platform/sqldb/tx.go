package sqldb

import (
	"context"
	"database/sql"
	"fmt"
)

// Querier is what both *sql.DB and *sql.Tx offer; stores run their SQL on
// the one Q returns so the same code works inside and outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type txKey struct{ db *DB }

// Q returns the transaction InTx put in ctx for this database, or the pool.
// On SQLite a statement the pool runs with ExecContext is a write and goes
// through InTx like any other (see group commit below).
func (db *DB) Q(ctx context.Context) Querier {
	if tx, ok := ctx.Value(txKey{db}).(*sql.Tx); ok {
		return tx
	}
	if db.Dialect == SQLite {
		return sqliteWrites{db}
	}
	return db.SQL
}

// sqliteWrites is the SQLite pool with every ExecContext run as a
// one-statement transaction, so it queues and group-commits with the rest.
type sqliteWrites struct{ db *DB }

func (s sqliteWrites) ExecContext(ctx context.Context, query string, args ...any) (res sql.Result, err error) {
	err = s.db.InTx(ctx, func(ctx context.Context) error {
		res, err = s.db.Q(ctx).ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

func (s sqliteWrites) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.SQL.QueryContext(ctx, query, args...)
}

func (s sqliteWrites) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return s.db.SQL.QueryRowContext(ctx, query, args...)
}

// InTx runs fn in a transaction: committed when fn returns nil, rolled back
// otherwise (and on panic, which is re-raised). Within fn, db.Q(ctx) is the
// transaction. A nested InTx joins the outer transaction.
//
// On SQLite, transactions are group-committed (see groupTx): InTx returns
// nil only once fn's changes are durable, and an error from fn undoes only
// fn's own changes.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(txKey{db}).(*sql.Tx); ok {
		return fn(ctx)
	}
	if db.Dialect == SQLite {
		return db.groupTx(ctx, fn)
	}
	return db.plainTx(ctx, fn)
}

func (db *DB) plainTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", Classify(err))
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(context.WithValue(ctx, txKey{db}, tx)); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", Classify(err))
	}
	return nil
}
