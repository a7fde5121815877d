package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Group commit for SQLite.
//
// SQLite admits one writer at a time and, with synchronous=FULL, pays one
// fsync per commit (about 150 µs here), which caps a service at a few
// thousand transactions a second however many requests wait. Left to
// SQLite's busy handler, waiting writers also sleep and retry, and a writer
// that just committed retakes the lock within microseconds, so a steady
// stream of writers can starve another (the outbox relay) for seconds.
//
// So the writers of one database queue in Go for a single write slot, in
// arrival order, and share transactions: the first writer to find no open
// group begins one (the leader); every writer, the leader first, runs its
// function inside a SAVEPOINT of that transaction, released on success and
// rolled back on error, so one writer's failure never touches another's
// changes. When its function is done the leader queues for the slot again;
// by the time it has the slot, everyone who was waiting has run inside the
// group, and it commits once for all of them. Nobody's InTx returns before
// that commit, so a nil error still means "durable".

// group is one shared transaction.
type group struct {
	tx     *sql.Tx
	done   chan struct{} // closed after the commit
	err    error         // the commit's error, for every member
	broken error         // a savepoint could not be undone: roll everything back
}

// acquireWrite takes the write slot in arrival order (Go queues channel
// senders FIFO), or gives up when ctx ends.
func (db *DB) acquireWrite(ctx context.Context) error {
	select {
	case db.writeSlot <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (db *DB) releaseWrite() { <-db.writeSlot }

func (db *DB) groupTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if err := db.acquireWrite(ctx); err != nil {
		return err
	}
	g, leader := db.open, false
	if g == nil {
		// The transaction outlives the leader's request: it must not be
		// rolled back when that request's context ends.
		tx, err := db.SQL.BeginTx(context.WithoutCancel(ctx), nil)
		if err != nil {
			db.releaseWrite()
			return fmt.Errorf("begin transaction: %w", Classify(err))
		}
		g, leader = &group{tx: tx, done: make(chan struct{})}, true
		db.open = g
	}
	fnErr, broken, panicked := runMember(ctx, g.tx, context.WithValue(ctx, txKey{db}, g.tx), fn)
	if broken != nil && g.broken == nil {
		g.broken = broken
	}
	db.releaseWrite()
	if leader {
		_ = db.acquireWrite(context.Background()) // behind everyone waiting now: they join first
		db.open = nil
		if g.broken != nil {
			_ = g.tx.Rollback()
			g.err = fmt.Errorf("transaction rolled back: %w", g.broken)
		} else if err := g.tx.Commit(); err != nil {
			g.err = fmt.Errorf("commit transaction: %w", Classify(err))
		}
		db.releaseWrite()
		close(g.done)
	} else {
		<-g.done
	}
	if panicked != nil {
		panic(panicked)
	}
	if fnErr != nil {
		return fnErr
	}
	return g.err
}

// errPanicked stands for a member's panic until it is re-raised.
var errPanicked = errors.New("transaction function panicked")

// runMember runs fn inside a savepoint of tx: released when fn succeeds,
// rolled back (undoing only fn's changes) when it fails or panics. broken
// reports a savepoint that could not be closed: the transaction may then hold
// changes nobody vouches for, and must not be committed.
func runMember(ctx context.Context, tx *sql.Tx, fctx context.Context, fn func(ctx context.Context) error) (err, broken error, panicked any) {
	// The savepoint statements run without the caller's deadline: a member
	// whose request ended must still be able to undo its own changes.
	bg := context.WithoutCancel(ctx)
	if _, err := tx.ExecContext(bg, `SAVEPOINT member`); err != nil {
		err = fmt.Errorf("begin transaction: %w", Classify(err))
		return err, err, nil
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				panicked, err = p, errPanicked
			}
		}()
		err = fn(fctx)
	}()
	if err != nil {
		if _, rerr := tx.ExecContext(bg, `ROLLBACK TO member`); rerr != nil {
			broken = fmt.Errorf("roll back to savepoint: %w", rerr)
			return errors.Join(err, broken), broken, panicked
		}
	}
	if _, rerr := tx.ExecContext(bg, `RELEASE member`); rerr != nil {
		broken = fmt.Errorf("release savepoint: %w", Classify(rerr))
		if err == nil {
			err = broken
		}
	}
	return err, broken, panicked
}
