package upstream

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Run checks every instance's health now and then every HealthInterval until
// ctx is done, then returns nil. An instance whose check fails (an error or a
// non-2xx answer to GET HealthPath) gets no requests until a check passes.
func (p *Pool) Run(ctx context.Context) error {
	ticker := time.NewTicker(p.cfg.HealthInterval)
	defer ticker.Stop()
	for {
		p.checkAll(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// checkAll checks all instances concurrently and waits for the results.
func (p *Pool) checkAll(ctx context.Context) {
	var wg sync.WaitGroup
	for _, inst := range p.instances {
		wg.Go(func() {
			err := p.check(ctx, inst)
			if ctx.Err() != nil {
				return // stopping: the check says nothing about the instance
			}
			p.setHealthy(inst, err)
		})
	}
	wg.Wait()
}

// check performs one health check; nil means healthy.
func (p *Pool) check(ctx context.Context, inst *instance) error {
	ctx, cancel := context.WithTimeout(ctx, min(p.cfg.Timeout, p.cfg.HealthInterval))
	defer cancel()
	u := *inst.url
	u.Path = p.cfg.HealthPath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fmt.Errorf("health check %s: %w", inst.name, err)
	}
	req.Header.Set("User-Agent", "sporthub-gateway-health")
	res, err := p.transport.RoundTrip(req)
	if err != nil {
		return fmt.Errorf("health check %s: %w", inst.name, err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // lets the connection be reused
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("health check %s: status %d", inst.name, res.StatusCode)
	}
	return nil
}

// setHealthy records a check's result and logs changes.
func (p *Pool) setHealthy(inst *instance, err error) {
	healthy := err == nil
	if inst.healthy.Swap(healthy) == healthy {
		return
	}
	if healthy {
		inst.m.healthy.Set(1)
		p.log.Info("upstream instance is healthy", "instance", inst.name)
		return
	}
	inst.m.healthy.Set(0)
	p.log.Warn("upstream instance is unhealthy", "instance", inst.name, "err", err)
}
