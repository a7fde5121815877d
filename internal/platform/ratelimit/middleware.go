package ratelimit

import (
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// Response headers (draft-ietf-httpapi-ratelimit-headers), in canonical form.
const (
	HeaderLimit     = "Ratelimit-Limit"
	HeaderRemaining = "Ratelimit-Remaining"
)

// failOpenLogEvery spaces the warnings logged while the limiter fails, so an
// outage logs a line now and then, not one per request.
const failOpenLogEvery = 10 * time.Second

// Middleware limits requests per key(r). It sets RateLimit-Limit and
// RateLimit-Remaining; a denied request gets 429 problem+json (code
// "rate_limited") with Retry-After in whole seconds. A request whose key is
// "" is not limited. When the limiter fails (its Redis is down) the request
// goes through: the limiter's outage must not become the API's.
func Middleware(l Limiter, key func(*http.Request) string, logger *slog.Logger) func(http.Handler) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var lastWarn atomic.Int64 // unix ns of the last fail-open warning
	var suppressed atomic.Int64
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			k := key(r)
			if k == "" {
				next.ServeHTTP(w, r)
				return
			}
			res, err := l.Allow(r.Context(), k)
			if err != nil {
				now := time.Now().UnixNano()
				last := lastWarn.Load()
				if now-last >= int64(failOpenLogEvery) && lastWarn.CompareAndSwap(last, now) {
					logger.WarnContext(r.Context(), "rate limiter failed; letting requests through",
						"err", err, "suppressed", suppressed.Swap(0))
				} else {
					suppressed.Add(1)
				}
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Set(HeaderLimit, strconv.Itoa(res.Limit))
			h.Set(HeaderRemaining, strconv.Itoa(res.Remaining))
			if !res.Allowed {
				secs := retryAfterSeconds(res.RetryAfter)
				h.Set("Retry-After", strconv.Itoa(secs))
				web.WriteError(w, r, apperr.New(apperr.TooMany, "rate_limited",
					fmt.Sprintf("too many requests; retry in %d s", secs)))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// retryAfterSeconds rounds d up to whole seconds, at least 1.
func retryAfterSeconds(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
