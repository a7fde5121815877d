package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
)

// Run migrates the database, makes sure a signing key exists, and runs the
// outbox relay, the consumer of access's events and the housekeeping loop
// (key rotation, expiry) until ctx is cancelled; then it stops them all.
func (s *Service) Run(ctx context.Context, ready func()) error {
	if s.relay == nil {
		return errors.New("auth: running needs the bus")
	}
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	if err := s.app.RotateKeys(ctx); err != nil {
		return err
	}
	keeper := lifecycle.Func{ServiceName: "auth-housekeeping", RunFunc: s.housekeep}
	return runAll(ctx, ready, s.relay, s.consumer, keeper)
}

// housekeep rotates keys and sweeps expired records every minute.
func (s *Service) housekeep(ctx context.Context, ready func()) error {
	ready()
	t := time.NewTicker(housekeeping)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		if err := s.app.RotateKeys(ctx); err != nil && ctx.Err() == nil {
			s.logger.Error("rotate signing keys", "err", err)
		}
		if err := s.app.Housekeep(ctx); err != nil && ctx.Err() == nil {
			s.logger.Error("auth housekeeping", "err", err)
		}
	}
}

// runAll runs parts together: ready once every part is, and when one
// returns early (a failure) the others are stopped and its error returned.
// When ctx is cancelled every part stops and runAll returns after the last.
func runAll(ctx context.Context, ready func(), parts ...lifecycle.Service) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	readyc := make(chan struct{}, len(parts))
	errc := make(chan error, len(parts))
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Go(func() {
			var once sync.Once
			err := p.Run(ctx, func() { once.Do(func() { readyc <- struct{}{} }) })
			if ctx.Err() == nil {
				if err == nil {
					err = errors.New("returned early")
				}
				err = fmt.Errorf("%s: %w", p.Name(), err)
			}
			errc <- err
		})
	}
	var failed error
	started := 0
	for started < len(parts) {
		select {
		case <-readyc:
			started++
			continue
		case failed = <-errc: // a part ended before all were ready: stop
		}
		break
	}
	if started == len(parts) {
		ready()
		select {
		case <-ctx.Done():
		case failed = <-errc:
		}
	}
	cancel()
	wg.Wait()
	return failed
}
