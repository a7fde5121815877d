package upstream

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// Problem codes of the errors the pool answers itself.
const (
	codeUnavailable = "upstream_unavailable"
	codeTimeout     = "upstream_timeout"
)

// ServeHTTP forwards r to the next usable instance, retrying on others where
// that is safe, and answers 503 problem+json when no instance can serve it.
func (p *Pool) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !printable(r.Header.Get("Upgrade")) {
		// ReverseProxy would refuse it through the error hook, which must only
		// see the instances' failures.
		web.WriteError(w, r, apperr.New(apperr.Invalid, "invalid_upgrade", "the Upgrade header is malformed"))
		return
	}
	st := &attempt{in: r, idempotent: isIdempotent(r)}
	st.tried = st.triedArr[:0]
	if err := st.body.prepare(r, st.idempotent); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			web.WriteError(w, r, apperr.New(apperr.TooLarge, "body_too_large", fmt.Sprintf("the request body exceeds %d bytes", tooLarge.Limit)))
			return
		}
		web.WriteError(w, r, apperr.Wrap(err, apperr.Invalid, "body_unreadable", "the request body could not be read"))
		return
	}
	st.out = r.WithContext(context.WithValue(r.Context(), attemptKey{}, st))
	for {
		inst, trial := p.pick(st)
		if inst == nil {
			p.writeFailure(w, st)
			return
		}
		if st.n > 0 {
			p.retries.Inc()
		}
		if !p.forward(w, st, inst, trial) {
			return
		}
	}
}

// forward makes one attempt on inst and reports whether to retry.
func (p *Pool) forward(w http.ResponseWriter, st *attempt, inst *instance, trial bool) bool {
	st.n++
	st.tried = append(st.tried, inst.idx)
	st.inst, st.trial, st.resolved, st.retry = inst, trial, false, false
	st.body.apply(st.out)
	defer p.abandon(st) // no-op unless the attempt ended without a verdict, e.g. a panic
	inst.proxy.ServeHTTP(w, st.out)
	return st.retry
}

// succeed, fail and abandon record the current attempt's outcome, once.
func (p *Pool) succeed(st *attempt) {
	if !st.resolved {
		st.resolved = true
		st.inst.breaker.success(st.trial)
		st.inst.m.ok.Inc()
	}
}

func (p *Pool) fail(st *attempt, kind failKind, err error) {
	if !st.resolved {
		st.resolved = true
		st.lastKind, st.lastErr = kind, err
		st.inst.breaker.failure(st.trial)
		st.inst.m.failed.Inc()
	}
}

// abandon ends an attempt without a verdict on the instance (the client
// left, its body broke), freeing a half-open breaker's trial slot.
func (p *Pool) abandon(st *attempt) {
	if !st.resolved {
		st.resolved = true
		st.inst.breaker.release(st.trial)
		st.inst.m.canceled.Inc()
	}
}

// modifyResponse sees every instance answer before the client does: a
// 502/503/504 that can be retried is swallowed here, before any byte of it
// is written.
func (p *Pool) modifyResponse(res *http.Response) error {
	st, _ := res.Request.Context().Value(attemptKey{}).(*attempt)
	if st == nil {
		return nil
	}
	switch res.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		err := fmt.Errorf("instance answered %d", res.StatusCode)
		p.fail(st, failStatus, err)
		if st.canRetry(failStatus, p.cfg.MaxAttempts) && p.hasCandidate(st) {
			st.retry = true
			p.log.Debug("upstream attempt failed, retrying", "instance", st.inst.name, "attempt", st.n, "err", err)
			return errRetry
		}
	default:
		p.succeed(st)
	}
	return nil
}

// errorHandler receives the transport's failures (and errRetry from
// modifyResponse). Nothing was written to the client when it runs, except
// after a failed protocol switch.
func (p *Pool) errorHandler(w http.ResponseWriter, out *http.Request, err error) {
	st, _ := out.Context().Value(attemptKey{}).(*attempt)
	switch {
	case st == nil:
		w.WriteHeader(http.StatusBadGateway) // not ours: cannot happen
		return
	case st.retry:
		return
	case st.resolved:
		// The instance answered but passing the answer on failed (a refused
		// protocol switch); the client sees a 503.
		p.log.Warn("upstream answer could not be forwarded", "instance", st.inst.name, "path", st.in.URL.Path, "err", err)
		p.writeFailure(w, st)
		return
	}
	if ctxErr := st.in.Context().Err(); ctxErr != nil {
		// The client left or the request's own deadline passed: not the
		// instance's fault.
		p.abandon(st)
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			st.lastKind = failTimeout
			p.writeFailure(w, st)
		}
		return
	}
	if clientErr := st.body.clientErr(); clientErr != nil {
		p.abandon(st)
		web.WriteError(w, st.in, apperr.Wrap(clientErr, apperr.Invalid, "body_unreadable", "the request body could not be read"))
		return
	}
	kind := classify(err)
	p.fail(st, kind, err)
	if st.canRetry(kind, p.cfg.MaxAttempts) && p.hasCandidate(st) {
		st.retry = true
		p.log.Debug("upstream attempt failed, retrying", "instance", st.inst.name, "attempt", st.n, "err", err)
		return
	}
	p.log.Warn("upstream request failed", "instance", st.inst.name, "method", st.in.Method,
		"path", st.in.URL.Path, "attempts", st.n, "err", err)
	p.writeFailure(w, st)
}

// writeFailure answers the client with 503 problem+json and a Retry-After.
func (p *Pool) writeFailure(w http.ResponseWriter, st *attempt) {
	code := codeUnavailable
	msg := fmt.Sprintf("the %s service is unavailable; retry later", p.name)
	counter := p.rejectedUnavailable
	if st.lastKind == failTimeout {
		code, counter = codeTimeout, p.rejectedTimeout
		msg = fmt.Sprintf("the %s service did not answer in time", p.name)
	}
	counter.Inc()
	w.Header().Set("Retry-After", strconv.Itoa(p.retryAfterSeconds()))
	web.WriteError(w, st.in, apperr.Wrap(st.lastErr, apperr.Unavailable, code, msg))
}

// retryAfterSeconds is when an instance may take requests again: the
// soonest end of an open circuit's cooldown, else the next health check.
func (p *Pool) retryAfterSeconds() int {
	var wait time.Duration
	for _, inst := range p.instances {
		if d := inst.breaker.reopensIn(); d > 0 && inst.healthy.Load() && (wait == 0 || d < wait) {
			wait = d
		}
	}
	if wait == 0 {
		wait = p.cfg.HealthInterval
	}
	return max(1, int(math.Ceil(wait.Seconds())))
}

// printable reports whether s holds only printable ASCII.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}
