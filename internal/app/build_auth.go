package app

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/services/user/auth"
)

func buildAuth(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, auth.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	cfg := a.cfg.Auth
	// The tokens auth mints are the tokens every verifier checks.
	if cfg.Issuer == "" {
		cfg.Issuer = a.cfg.Authn.Issuer
	}
	if cfg.Audience == "" {
		cfg.Audience = a.cfg.Authn.Audience
	}
	deps := auth.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger}
	// With Redis, replicas share each address's throttle of sign-in and
	// recovery; without it each process keeps its own in memory.
	if client, err := a.redisClient(); err != nil {
		return nil, err
	} else if client != nil {
		rule := cfg.IPRule()
		if err := rule.Validate(); err != nil {
			return nil, fmt.Errorf("auth ip rate: %w", err)
		}
		deps.Limiter = ratelimit.NewRedis(client, a.cfg.Redis.KeyPrefix+"auth:ratelimit:", rule, ratelimit.WithCallTimeout(a.cfg.Redis.LimitTimeout))
	}
	svc, err := auth.New(cfg, deps)
	if err != nil {
		return nil, err
	}
	a.routes[auth.Name] = svc.Routes()
	return svc, nil
}
