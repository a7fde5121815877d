package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// bareJetStream is the baseline's server: a single-node NATS server with
// JetStream embedded in this process, file storage, and the default sync
// (JetStream's background flush, not an fsync per write), reached over an
// in-process connection.
type bareJetStream struct {
	srv *server.Server
	nc  *nats.Conn
	js  jetstream.JetStream
	st  jetstream.Stream
}

const (
	bareStream  = "BENCH_BARE"
	bareSubject = "bench.bare.samples"
	// bareMsgBytes is the size of every baseline message.
	bareMsgBytes = 200
)

func startBareJetStream(ctx context.Context, dir string) (*bareJetStream, error) {
	opts := &server.Options{
		ServerName: "bench-bare",
		JetStream:  true,
		StoreDir:   filepath.Join(dir, "jetstream"),
		DontListen: true,
		NoSigs:     true,
		NoLog:      true,
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("bare jetstream: %w", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(30 * time.Second) {
		srv.Shutdown()
		return nil, errors.New("bare jetstream: not ready after 30s")
	}
	b := &bareJetStream{srv: srv}
	b.nc, err = nats.Connect("", nats.InProcessServer(srv))
	if err != nil {
		b.close()
		return nil, fmt.Errorf("bare jetstream: connect: %w", err)
	}
	b.js, err = jetstream.New(b.nc, jetstream.WithPublishAsyncMaxPending(4096))
	if err != nil {
		b.close()
		return nil, fmt.Errorf("bare jetstream: %w", err)
	}
	b.st, err = b.js.CreateStream(ctx, jetstream.StreamConfig{
		Name: bareStream, Subjects: []string{"bench.bare.>"}, Storage: jetstream.FileStorage,
	})
	if err != nil {
		b.close()
		return nil, fmt.Errorf("bare jetstream: create stream: %w", err)
	}
	return b, nil
}

func (b *bareJetStream) close() {
	if b.nc != nil {
		b.nc.Close()
	}
	b.srv.Shutdown()
	b.srv.WaitForShutdown()
}

// publish sends 200-byte messages asynchronously for d, keeping window
// publishes in flight, and counts those acknowledged within d. The stream
// is purged afterwards so rounds do not grow the store.
func (b *bareJetStream) publish(ctx context.Context, window int, d time.Duration) (Rate, error) {
	msg := make([]byte, bareMsgBytes)
	for i := range msg {
		msg[i] = 'a' + byte(i%26)
	}
	inflight := make([]jetstream.PubAckFuture, 0, window)
	acked := 0
	wait := func(f jetstream.PubAckFuture) error {
		select {
		case <-f.Ok():
			acked++
			return nil
		case err := <-f.Err():
			return fmt.Errorf("bare async publish: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	start := time.Now()
	end := start.Add(d)
	for n := 0; ; n++ {
		if n%64 == 0 && !time.Now().Before(end) {
			break
		}
		if len(inflight) == window {
			if err := wait(inflight[0]); err != nil {
				return Rate{}, err
			}
			inflight = inflight[1:]
		}
		f, err := b.js.PublishAsync(bareSubject, msg)
		if err != nil {
			return Rate{}, fmt.Errorf("bare async publish: %w", err)
		}
		inflight = append(inflight, f)
	}
	elapsed := time.Since(start)
	counted := acked
	var rest []jetstream.PubAckFuture
	for _, f := range inflight {
		select {
		case <-f.Ok():
			counted++
		default:
			rest = append(rest, f)
		}
	}
	for _, f := range rest {
		if err := wait(f); err != nil {
			return Rate{}, err
		}
	}
	if err := b.st.Purge(ctx); err != nil {
		return Rate{}, fmt.Errorf("bare jetstream: purge: %w", err)
	}
	return Rate{Events: counted, Elapsed: elapsed}, nil
}
