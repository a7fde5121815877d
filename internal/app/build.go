package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/sporthub/sporthub/internal/gateway"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
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
			deps.Limiter = ratelimit.NewRedis(client, a.cfg.Redis.KeyPrefix+"ratelimit:", rule, ratelimit.WithCallTimeout(a.cfg.Redis.LimitTimeout))
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
		d, err := openBlobs(a.cfg)
		if err != nil {
			return nil, err
		}
		a.blobs = d
	}
	return a.blobs, nil
}

// openBlobs opens the blob store the configuration names.
func openBlobs(cfg Config) (blob.Store, error) {
	return blob.NewDir(filepath.Join(cfg.DataDir, "blobs"))
}

// authVerifier returns the access-token verifier: against authn.jwks_url
// when set, else against the auth service's JWKS -- in-process when auth
// runs here, through its upstream when the gateway proxies to one -- or nil
// when there is no auth service to trust (then only anonymous routes work).
// It refuses tokens the revocation list names.
func (a *App) authVerifier() (*authn.Verifier, error) {
	if a.verifier != nil {
		return a.verifier, nil
	}
	cfg := a.cfg.Authn
	client := &http.Client{}
	switch {
	case cfg.JWKSURL != "":
	case a.localRoute(auth.Name, "GET "+authapi.JWKSPath) != nil:
		cfg.JWKSURL = "http://auth.local" + authapi.JWKSPath
		client.Transport = web.HandlerTransport{Handler: a.localRoute(auth.Name, "GET "+authapi.JWKSPath)}
	case len(a.cfg.Gateway.Upstreams[auth.Name]) > 0:
		cfg.JWKSURL = strings.TrimRight(a.cfg.Gateway.Upstreams[auth.Name][0], "/") + authapi.JWKSPath
	default:
		return nil, nil
	}
	v, err := authn.NewVerifier(cfg, client, a.logger)
	if err != nil {
		return nil, fmt.Errorf("authn: %w", err)
	}
	if a.revocations != nil {
		v.SetRevocations(a.revocations)
	}
	a.verifier = v
	return v, nil
}

// localRoute returns the handler of a route of a service built in this
// process, or nil.
func (a *App) localRoute(service, pattern string) http.Handler {
	for _, r := range a.routes[service] {
		if r.Pattern == pattern {
			return r.Handler
		}
	}
	return nil
}

func buildRevocations(ctx context.Context, a *App) (lifecycle.Service, error) {
	a.revocations = authapi.NewRevocationList()
	if a.verifier != nil { // built earlier for a service that checks tokens itself
		a.verifier.SetRevocations(a.revocations)
	}
	tail, err := a.revocations.Tail(a.bus, a.logger)
	if err != nil {
		return nil, err
	}
	return lifecycle.Func{ServiceName: modRevocations, RunFunc: tail.Run}, nil
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
