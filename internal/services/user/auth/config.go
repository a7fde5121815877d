package auth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
)

// Config is the auth service's own configuration.
type Config struct {
	PublicURL        string        `yaml:"public_url" doc:"address of the web app; email links (verify, reset, unlock) point there"`
	Issuer           string        `yaml:"issuer" doc:"iss of the access tokens it mints (empty: authn.issuer)"`
	Audience         string        `yaml:"audience" doc:"aud of the access tokens it mints (empty: authn.audience)"`
	AccessTTL        time.Duration `yaml:"access_ttl" doc:"lifetime of an access token"`
	SessionIdle      time.Duration `yaml:"session_idle" doc:"a session not refreshed for this long ends"`
	SessionMax       time.Duration `yaml:"session_max" doc:"a session ends this long after sign-in, however active"`
	KeyRotation      time.Duration `yaml:"key_rotation" doc:"how long one signing key signs before the next takes over"`
	KeyPublishLead   time.Duration `yaml:"key_publish_lead" doc:"how long a new signing key is published before it signs (at least authn.refresh_interval)"`
	KeyEncryptionKey string        `yaml:"key_encryption_key" secret:"true" doc:"base64 of 32 random bytes; encrypts signing keys and TOTP secrets in the database (empty: stored in the clear)"`
	ArgonMemoryKiB   int           `yaml:"argon2_memory_kib" doc:"argon2id memory per password hash, KiB"`
	ArgonTime        int           `yaml:"argon2_time" doc:"argon2id passes"`
	ArgonThreads     int           `yaml:"argon2_threads" doc:"argon2id lanes"`
	HashConcurrency  int           `yaml:"hash_concurrency" doc:"password hashes computed at once (0: one per CPU but one, at least one)"`
	HashWait         time.Duration `yaml:"hash_wait" doc:"how long a request waits for a hashing slot before it is answered 503 busy"`
	LockoutThreshold int           `yaml:"lockout_threshold" doc:"consecutive failed sign-ins that lock an account"`
	LockoutDuration  time.Duration `yaml:"lockout_duration" doc:"how long a lockout lasts (or until its emailed link is used)"`
	IPRate           float64       `yaml:"ip_rate" doc:"requests per minute one address may make to sign-up, sign-in and recovery routes"`
	IPBurst          int           `yaml:"ip_burst" doc:"sign-up, sign-in and recovery requests one address may make at once"`
	TrustedProxies   []string      `yaml:"trusted_proxies" doc:"addresses or CIDRs of proxies whose X-Forwarded-For names the client (session IPs, throttling)"`
}

// DefaultConfig returns the defaults: OWASP's argon2id minimum, 10-minute
// access tokens, sessions of 30 idle and 90 days at most, a new signing
// key every 30 days, a lockout after 10 failures for an hour.
func DefaultConfig() Config {
	return Config{
		PublicURL:        "http://localhost:8080",
		AccessTTL:        10 * time.Minute,
		SessionIdle:      30 * 24 * time.Hour,
		SessionMax:       90 * 24 * time.Hour,
		KeyRotation:      30 * 24 * time.Hour,
		KeyPublishLead:   10 * time.Minute,
		ArgonMemoryKiB:   int(password.DefaultParams.MemoryKiB),
		ArgonTime:        int(password.DefaultParams.Time),
		ArgonThreads:     int(password.DefaultParams.Threads),
		HashWait:         2 * time.Second,
		LockoutThreshold: 10,
		LockoutDuration:  time.Hour,
		IPRate:           30,
		IPBurst:          20,
	}
}

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("public_url %q: want an absolute http(s) URL", c.PublicURL))
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"access_ttl", c.AccessTTL}, {"session_idle", c.SessionIdle}, {"session_max", c.SessionMax},
		{"key_rotation", c.KeyRotation}, {"hash_wait", c.HashWait}, {"lockout_duration", c.LockoutDuration}} {
		if d.v <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive", d.name))
		}
	}
	if c.AccessTTL > authapi.MaxAccessTTL {
		// Every process keeps revocations for a window sized to the
		// longest token (authapi.RevocationWindow).
		errs = append(errs, fmt.Errorf("access_ttl must be at most %s", authapi.MaxAccessTTL))
	}
	if c.KeyPublishLead < 0 || (c.KeyRotation > 0 && c.KeyPublishLead >= c.KeyRotation) {
		errs = append(errs, errors.New("key_publish_lead must be at least 0 and shorter than key_rotation"))
	}
	if c.SessionMax < c.SessionIdle {
		errs = append(errs, errors.New("session_max must not be shorter than session_idle"))
	}
	if _, err := c.kek(); err != nil {
		errs = append(errs, err)
	}
	if err := c.argon().Validate(); err != nil || c.ArgonThreads > 255 || c.ArgonMemoryKiB < 0 || c.ArgonTime < 0 {
		errs = append(errs, fmt.Errorf("argon2 parameters: %v", err))
	}
	if c.HashConcurrency < 0 {
		errs = append(errs, errors.New("hash_concurrency must not be negative"))
	}
	if c.LockoutThreshold < 1 {
		errs = append(errs, errors.New("lockout_threshold must be at least 1"))
	}
	if err := c.IPRule().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("ip_rate, ip_burst: %w", err))
	}
	if _, err := ratelimit.ParsePrefixes(c.TrustedProxies...); err != nil {
		errs = append(errs, fmt.Errorf("trusted_proxies: %w", err))
	}
	return errors.Join(errs...)
}

func (c Config) argon() password.Params {
	return password.Params{MemoryKiB: uint32(max(c.ArgonMemoryKiB, 0)), Time: uint32(max(c.ArgonTime, 0)), Threads: uint8(min(max(c.ArgonThreads, 0), 255))}
}

func (c Config) hashConcurrency() int {
	if c.HashConcurrency == 0 {
		// One hash per core but one: the core left over keeps every other
		// API responsive during a login storm (quality.md P9), and more
		// hashes in flight than cores would only add latency.
		return max(1, runtime.NumCPU()-1)
	}
	return c.HashConcurrency
}

// IPRule is the per-address throttle of the anonymous routes (for a
// limiter built outside the service, in Redis).
func (c Config) IPRule() ratelimit.Rule { return ratelimit.Rule{Rate: c.IPRate / 60, Burst: c.IPBurst} }

// kek decodes the key-encryption key (nil when none is configured).
func (c Config) kek() ([]byte, error) {
	if c.KeyEncryptionKey == "" {
		return nil, nil
	}
	k, err := base64.StdEncoding.DecodeString(c.KeyEncryptionKey)
	if err != nil || len(k) != 32 {
		return nil, errors.New("key_encryption_key: want the base64 of 32 random bytes (openssl rand -base64 32)")
	}
	return k, nil
}
