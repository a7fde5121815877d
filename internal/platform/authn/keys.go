package authn

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// key returns the verification key for kid. The key set is fetched on first
// use, refreshed when older than RefreshInterval, and refetched when kid is
// unknown (the issuer may have rotated), with the on-demand fetches rate
// limited by MinRefreshInterval. Fetches caused by a request outlive its
// cancellation (bounded by FetchTimeout) so one impatient client cannot
// leave the cache empty for everyone.
func (v *Verifier) key(ctx context.Context, kid string) (ed25519.PublicKey, error) {
	loaded := v.keys.Load()
	ks := loaded
	if ks == nil {
		var err error
		if ks, err = v.initialKeys(context.WithoutCancel(ctx)); err != nil {
			return nil, err
		}
	} else if !v.static && v.cfg.Clock().Sub(ks.fetchedAt) >= v.cfg.RefreshInterval {
		ks = v.refreshStale(context.WithoutCancel(ctx), ks)
	}
	if k, ok := ks.keys[kid]; ok {
		return k, nil
	}
	// A set that changed during this call is as fresh as a refetch would be.
	if v.static || ks != loaded {
		return nil, fmt.Errorf("unknown kid %q", kid)
	}
	return v.refetchFor(context.WithoutCancel(ctx), kid, ks)
}

// initialKeys fetches the first key set. Without any key nothing can be
// verified, so failure is Unavailable; a failed attempt is not repeated
// within MinRefreshInterval.
func (v *Verifier) initialKeys(ctx context.Context) (*keySet, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if ks := v.keys.Load(); ks != nil {
		return ks, nil // another request fetched it while we waited
	}
	if v.recentFailure() {
		return nil, apperr.New(apperr.Unavailable, "jwks_unavailable", "the token signing keys are unavailable")
	}
	ks, err := v.fetchLocked(ctx)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.Unavailable, "jwks_unavailable", "the token signing keys are unavailable")
	}
	return ks, nil
}

// refreshStale refetches an old key set. It never waits for a fetch already
// in flight and falls back to the keys it has on any failure.
func (v *Verifier) refreshStale(ctx context.Context, ks *keySet) *keySet {
	if !v.mu.TryLock() {
		return ks
	}
	defer v.mu.Unlock()
	if cur := v.keys.Load(); cur != ks {
		return cur
	}
	if v.recentFailure() {
		return ks
	}
	fresh, err := v.fetchLocked(ctx)
	if err != nil {
		v.logger.WarnContext(ctx, "jwks refresh failed; keeping cached keys", "url", v.cfg.JWKSURL,
			"keys", len(ks.keys), "age", v.cfg.Clock().Sub(ks.fetchedAt).String(), "err", err)
		return ks
	}
	return fresh
}

// refetchFor fetches the key set again because kid was not in seen, at most
// once per MinRefreshInterval however many unknown kids arrive.
func (v *Verifier) refetchFor(ctx context.Context, kid string, seen *keySet) (ed25519.PublicKey, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if cur := v.keys.Load(); cur != seen {
		if k, ok := cur.keys[kid]; ok {
			return k, nil // fetched by another request while we waited
		}
	}
	now := v.cfg.Clock()
	if !v.lastRefetch.IsZero() && now.Sub(v.lastRefetch) < v.cfg.MinRefreshInterval {
		return nil, fmt.Errorf("unknown kid %q (refetch rate limited)", kid)
	}
	v.lastRefetch = now
	fresh, err := v.fetchLocked(ctx)
	if err != nil {
		v.logger.WarnContext(ctx, "jwks refetch for unknown kid failed; keeping cached keys",
			"url", v.cfg.JWKSURL, "kid", kid, "err", err)
		return nil, fmt.Errorf("unknown kid %q (refetch failed)", kid)
	}
	if k, ok := fresh.keys[kid]; ok {
		return k, nil
	}
	return nil, fmt.Errorf("unknown kid %q", kid)
}

// recentFailure reports whether a fetch failed less than MinRefreshInterval
// ago. The caller holds v.mu.
func (v *Verifier) recentFailure() bool {
	return !v.lastFailure.IsZero() && v.cfg.Clock().Sub(v.lastFailure) < v.cfg.MinRefreshInterval
}

// fetchLocked downloads the key set and installs it; on failure the cached
// keys stay. The caller holds v.mu.
func (v *Verifier) fetchLocked(ctx context.Context) (*keySet, error) {
	ctx, cancel := context.WithTimeout(ctx, v.cfg.FetchTimeout)
	defer cancel()
	keys, skipped, err := fetchJWKS(ctx, v.client, v.cfg.JWKSURL)
	now := v.cfg.Clock()
	if err != nil {
		v.lastFailure = now
		return nil, err
	}
	for _, s := range skipped {
		v.logger.DebugContext(ctx, "jwks key skipped", "url", v.cfg.JWKSURL, "reason", s)
	}
	v.lastFailure = time.Time{}
	ks := &keySet{keys: keys, fetchedAt: now}
	v.keys.Store(ks)
	return ks, nil
}

// Refresh fetches the key set now, regardless of rate limits. On failure the
// cached keys stay in use and the error is returned. Static verifiers do
// nothing.
func (v *Verifier) Refresh(ctx context.Context) error {
	if v.static {
		return nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if _, err := v.fetchLocked(ctx); err != nil {
		return fmt.Errorf("refresh jwks: %w", err)
	}
	return nil
}

// Run keeps the key set warm: it fetches at once and then every
// RefreshInterval until ctx ends, logging failures (the cached keys stay in
// use). It returns nil when ctx is done. Running it is optional; without it
// keys are fetched on first use and refreshed on access when stale.
func (v *Verifier) Run(ctx context.Context) error {
	if v.static {
		<-ctx.Done()
		return nil
	}
	t := time.NewTicker(v.cfg.RefreshInterval)
	defer t.Stop()
	for {
		if err := v.Refresh(ctx); err != nil && ctx.Err() == nil {
			v.logger.WarnContext(ctx, "jwks refresh failed; keeping cached keys", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
