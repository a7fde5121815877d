package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/gateway"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
)

func buildBus(ctx context.Context, a *App) (lifecycle.Service, error) {
	var reg = a.registerer()
	b, err := bus.Open(ctx, a.cfg.Bus, a.logger, reg)
	if err != nil {
		return nil, err
	}
	a.bus = b
	return b.Service(), nil
}

func buildCatalog(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, catalog.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := catalog.New(a.cfg.Catalog, catalog.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[catalog.Name] = svc.Routes()
	return svc, nil
}

func buildGateway(ctx context.Context, a *App) (lifecycle.Service, error) {
	v, err := a.authVerifier()
	if err != nil {
		return nil, err
	}
	deps := gateway.Deps{Local: a.routes, Verifier: v, Logger: a.logger, Registerer: a.registerer()}
	if a.cfg.Gateway.RateLimit > 0 {
		rule := ratelimit.Rule{Rate: a.cfg.Gateway.RateLimit, Burst: a.cfg.Gateway.RateBurst}
		if err := rule.Validate(); err != nil {
			return nil, fmt.Errorf("gateway rate limit: %w", err)
		}
		if client, err := a.redisClient(); err != nil {
			return nil, err
		} else if client != nil {
			deps.Limiter = ratelimit.NewRedis(client, a.cfg.Redis.KeyPrefix+"ratelimit:", rule)
		} else {
			deps.Limiter = ratelimit.NewMemory(rule)
		}
	}
	g, err := gateway.New(a.cfg.Gateway, deps)
	if err != nil {
		return nil, err
	}
	a.gateway = g.Handler()
	return g, nil
}

func buildServer(ctx context.Context, a *App) (lifecycle.Service, error) {
	v, err := a.authVerifier()
	if err != nil {
		return nil, err
	}
	s, err := newServer(a, v)
	if err != nil {
		return nil, err
	}
	a.server = s
	return s, nil
}

// blobStore returns the process's blob store (a local directory).
func (a *App) blobStore() (blob.Store, error) {
	if a.blobs == nil {
		d, err := blob.NewDir(filepath.Join(a.cfg.DataDir, "blobs"))
		if err != nil {
			return nil, err
		}
		a.blobs = d
	}
	return a.blobs, nil
}

// authVerifier returns the access-token verifier, or nil when no JWKS URL
// is configured (then only anonymous routes can be used).
func (a *App) authVerifier() (*authn.Verifier, error) {
	if a.verifier != nil || a.cfg.Authn.JWKSURL == "" {
		return a.verifier, nil
	}
	v, err := authn.NewVerifier(a.cfg.Authn, &http.Client{}, a.logger)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	a.verifier = v
	return v, nil
}

// redisClient returns the shared Redis client, or nil when none is configured.
func (a *App) redisClient() (*redis.Client, error) {
	if a.redis != nil || a.cfg.Redis.URL == "" {
		return a.redis, nil
	}
	opt, err := redis.ParseURL(a.cfg.Redis.URL)
	if err != nil {
		return nil, fmt.Errorf("redis.url: %w", err)
	}
	opt.ContextTimeoutEnabled = true
	a.redis = redis.NewClient(opt)
	a.closers = append(a.closers, a.redis.Close)
	return a.redis, nil
}
