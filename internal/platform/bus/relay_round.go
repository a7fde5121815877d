package bus

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// relayStallWait is how long a publish waits for room when the
// connection's async window is full (relays of many services share it).
const relayStallWait = 5 * time.Second

// outboxRow is one pending event as stored.
type outboxRow struct {
	seq       int64
	eventID   string
	typ       string
	payload   string
	headers   string
	createdAt int64
}

// round publishes one batch and deletes what JetStream acknowledged. It
// returns how many rows it read.
func (r *Relay) round(ctx context.Context, q sqldb.Querier) (int, error) {
	rows, err := readOutbox(ctx, q, r.batch)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	futures := make([]jetstream.PubAckFuture, 0, len(rows))
	var pubErr error
	for _, row := range rows {
		var hdr map[string][]string
		if row.headers != "" {
			// A row whose headers do not parse still goes out, untraced.
			_ = json.Unmarshal([]byte(row.headers), &hdr)
		}
		f, err := r.b.js.PublishMsgAsync(r.b.newMsg(row.typ, []byte(row.payload), hdr), jetstream.WithMsgID(row.eventID), jetstream.WithStallWait(relayStallWait))
		if err != nil {
			pubErr = fmt.Errorf("publish %s %s: %w", row.typ, row.eventID, err)
			break
		}
		futures = append(futures, f)
	}
	acked := make([]int64, 0, len(futures))
wait:
	for i, f := range futures {
		select {
		case <-f.Ok():
			acked = append(acked, rows[i].seq)
			r.latency.Observe(time.Since(time.UnixMicro(rows[i].createdAt)).Seconds())
		case err := <-f.Err():
			if pubErr == nil {
				pubErr = fmt.Errorf("publish %s %s: %w", rows[i].typ, rows[i].eventID, err)
			}
		case <-ctx.Done():
			if pubErr == nil {
				pubErr = fmt.Errorf("wait for publish acks: %w", ctx.Err())
			}
			break wait
		}
	}
	r.published.Add(float64(len(acked)))
	r.publishErrors.Add(float64(len(rows) - len(acked)))
	if err := deleteOutbox(ctx, q, acked); err != nil {
		return len(rows), err
	}
	return len(rows), pubErr
}

func readOutbox(ctx context.Context, q sqldb.Querier, limit int) ([]outboxRow, error) {
	rs, err := q.QueryContext(ctx,
		`SELECT seq, event_id, type, payload, headers, created_at FROM bus_outbox ORDER BY seq LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", sqldb.Classify(err))
	}
	defer rs.Close()
	var out []outboxRow
	for rs.Next() {
		var o outboxRow
		if err := rs.Scan(&o.seq, &o.eventID, &o.typ, &o.payload, &o.headers, &o.createdAt); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		out = append(out, o)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("read outbox: %w", sqldb.Classify(err))
	}
	return out, nil
}

// deleteOutbox removes the given rows with one statement. It names every
// seq rather than a range: on PostgreSQL a row with a lower seq may still be
// committing and must not be deleted unpublished.
func deleteOutbox(ctx context.Context, q sqldb.Querier, seqs []int64) error {
	if len(seqs) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString(`DELETE FROM bus_outbox WHERE seq IN (`)
	args := make([]any, len(seqs))
	for i, s := range seqs {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("$" + strconv.Itoa(i+1))
		args[i] = s
	}
	sb.WriteByte(')')
	if _, err := q.ExecContext(ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("delete published outbox rows: %w", sqldb.Classify(err))
	}
	return nil
}

// acquire returns where this relay runs its SQL, or nil when another
// replica holds the publishing lock (PostgreSQL).
func (r *Relay) acquire(ctx context.Context) (*relaySession, error) {
	if r.db.Dialect != sqldb.Postgres {
		return &relaySession{q: r.db.Q(ctx)}, nil
	}
	conn, err := r.db.SQL.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("relay lock connection: %w", sqldb.Classify(err))
	}
	sess := &relaySession{q: conn, conn: conn}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, r.lockKey()).Scan(&ok); err != nil {
		sess.release()
		return nil, fmt.Errorf("relay lock: %w", sqldb.Classify(err))
	}
	if !ok {
		// This session holds no lock: the connection can go back to the pool.
		_ = conn.Close()
		return nil, nil
	}
	r.logger.Info("outbox relay took the publishing lock")
	return sess, nil
}

// lockKey identifies this service's outbox in the advisory lock space.
func (r *Relay) lockKey() int64 {
	h := fnv.New64a()
	h.Write([]byte("sporthub.outbox." + r.db.Schema + "." + r.service))
	return int64(h.Sum64())
}

// release ends the session. On PostgreSQL the connection is closed, not
// returned to the pool, so the session's advisory lock goes with it. It is
// safe on a nil session.
func (s *relaySession) release() {
	if s == nil || s.conn == nil {
		return
	}
	_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = s.conn.Close()
}
