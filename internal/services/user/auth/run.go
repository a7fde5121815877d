package auth

import (
	"context"
	"errors"
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
	return lifecycle.RunAll(ctx, ready, s.logger, s.relay, s.consumer, keeper)
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
