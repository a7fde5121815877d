package upstream

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultTimeout         = 10 * time.Second
	DefaultHealthPath      = "/healthz"
	DefaultHealthInterval  = 2 * time.Second
	DefaultMaxAttempts     = 3
	DefaultBreakerFailures = 5
	DefaultBreakerCooldown = 5 * time.Second
)

// MaxRetryBody is the largest request body buffered so that an idempotent
// request can be replayed on another instance. Larger bodies are streamed
// and only retried when the connection to the first instance was never made.
const MaxRetryBody = 1 << 20

// Config describes one remote service's instances and how the pool treats them.
// Zero fields take the Default... values.
type Config struct {
	// URLs are the instances' base URLs, scheme://host:port with no path:
	// requests are forwarded with their path and query unchanged.
	URLs []string
	// Timeout bounds one attempt until the response headers arrive: the
	// connect and the wait for the instance's answer. Bodies may stream for
	// longer (downloads, WebSockets).
	Timeout time.Duration
	// HealthPath is fetched with GET by the active health checks; 2xx is healthy.
	HealthPath string
	// HealthInterval is the time between two rounds of active health checks.
	HealthInterval time.Duration
	// MaxAttempts caps the attempts per request, the first one included;
	// each retry goes to an instance not tried yet for the request.
	MaxAttempts int
	// BreakerFailures consecutive failures open an instance's circuit.
	BreakerFailures int
	// BreakerCooldown is how long an open circuit rejects requests before it
	// lets one trial request through.
	BreakerCooldown time.Duration
}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.HealthPath == "" {
		c.HealthPath = DefaultHealthPath
	}
	if c.HealthInterval == 0 {
		c.HealthInterval = DefaultHealthInterval
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.BreakerFailures == 0 {
		c.BreakerFailures = DefaultBreakerFailures
	}
	if c.BreakerCooldown == 0 {
		c.BreakerCooldown = DefaultBreakerCooldown
	}
	return c
}

// Validate reports every problem with c. Zero fields are valid: they mean
// the default.
func (c Config) Validate() error {
	var errs []error
	if len(c.URLs) == 0 {
		errs = append(errs, errors.New("upstream: at least one URL is required"))
	}
	seen := make(map[string]bool, len(c.URLs))
	for _, raw := range c.URLs {
		u, err := parseInstanceURL(raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[u.String()] {
			errs = append(errs, fmt.Errorf("upstream: duplicate URL %q", raw))
		}
		seen[u.String()] = true
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("upstream: timeout %s must not be negative", c.Timeout))
	}
	if c.HealthPath != "" && c.HealthPath[0] != '/' {
		errs = append(errs, fmt.Errorf("upstream: health path %q must start with /", c.HealthPath))
	}
	if c.HealthInterval < 0 {
		errs = append(errs, fmt.Errorf("upstream: health interval %s must not be negative", c.HealthInterval))
	}
	if c.MaxAttempts < 0 {
		errs = append(errs, fmt.Errorf("upstream: max attempts %d must not be negative", c.MaxAttempts))
	}
	if c.BreakerFailures < 0 {
		errs = append(errs, fmt.Errorf("upstream: breaker failures %d must not be negative", c.BreakerFailures))
	}
	if c.BreakerCooldown < 0 {
		errs = append(errs, fmt.Errorf("upstream: breaker cooldown %s must not be negative", c.BreakerCooldown))
	}
	return errors.Join(errs...)
}

// parseInstanceURL accepts http(s)://host[:port] with an empty or "/" path.
func parseInstanceURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("upstream: parse URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("upstream: URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("upstream: URL %q: host is missing", raw)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("upstream: URL %q: only scheme://host:port is allowed (paths are forwarded unchanged)", raw)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}
