package authn

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Defaults applied by NewVerifier to zero Config durations.
const (
	DefaultLeeway             = 30 * time.Second
	DefaultRefreshInterval    = 10 * time.Minute
	DefaultMinRefreshInterval = 10 * time.Second
	DefaultFetchTimeout       = 5 * time.Second
)

// Config configures a Verifier. Zero durations take the defaults above.
type Config struct {
	// JWKSURL is where the auth service publishes its public keys.
	JWKSURL string `yaml:"jwks_url" doc:"URL of the auth service JWKS; empty: no tokens are accepted, only anonymous routes work"`
	// Issuer must equal the token's "iss".
	Issuer string `yaml:"issuer" doc:"required iss of access tokens"`
	// Audience must be one of the token's "aud" values.
	Audience string `yaml:"audience" doc:"required aud of access tokens"`
	// Leeway tolerates clock skew on exp, nbf and iat (default 30s).
	Leeway time.Duration `yaml:"leeway" doc:"clock skew tolerated on exp, nbf and iat (0: 30s)"`
	// RefreshInterval is how old the cached key set may grow before it is
	// fetched again (default 10m).
	RefreshInterval time.Duration `yaml:"refresh_interval" doc:"how old the cached key set may grow (0: 10m)"`
	// MinRefreshInterval bounds on-demand fetches: unknown key ids trigger at
	// most one refetch per interval, and a failed fetch is not retried sooner,
	// so forged kids cannot make us hammer the JWKS endpoint (default 10s).
	MinRefreshInterval time.Duration `yaml:"min_refresh_interval" doc:"at most one on-demand JWKS fetch per interval (0: 10s)"`
	// FetchTimeout bounds one JWKS request (default 5s).
	FetchTimeout time.Duration `yaml:"fetch_timeout" doc:"time limit of one JWKS request (0: 5s)"`
	// Clock returns the current time; nil means time.Now. Tests set it to
	// move time without sleeping.
	Clock func() time.Time `yaml:"-"`
}

// Validate reports every problem with the configuration. Zero durations are
// valid (they mean "default").
func (c Config) Validate() error {
	var errs []error
	if c.JWKSURL == "" {
		errs = append(errs, errors.New("jwks url is required"))
	} else if u, err := url.Parse(c.JWKSURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("jwks url %q must be an absolute http(s) url", c.JWKSURL))
	}
	if c.Issuer == "" {
		errs = append(errs, errors.New("issuer is required"))
	}
	if c.Audience == "" {
		errs = append(errs, errors.New("audience is required"))
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"leeway", c.Leeway}, {"refresh interval", c.RefreshInterval},
		{"min refresh interval", c.MinRefreshInterval}, {"fetch timeout", c.FetchTimeout},
	} {
		if d.v < 0 {
			errs = append(errs, fmt.Errorf("%s must not be negative, got %s", d.name, d.v))
		}
	}
	d := c.withDefaults()
	if d.MinRefreshInterval > d.RefreshInterval {
		errs = append(errs, fmt.Errorf("min refresh interval %s exceeds refresh interval %s",
			d.MinRefreshInterval, d.RefreshInterval))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("authn config: %w", err)
	}
	return nil
}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Leeway == 0 {
		c.Leeway = DefaultLeeway
	}
	if c.RefreshInterval == 0 {
		c.RefreshInterval = DefaultRefreshInterval
	}
	if c.MinRefreshInterval == 0 {
		c.MinRefreshInterval = DefaultMinRefreshInterval
	}
	if c.FetchTimeout == 0 {
		c.FetchTimeout = DefaultFetchTimeout
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	return c
}
