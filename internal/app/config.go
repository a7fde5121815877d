package app

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/gateway"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/training/progress"
	"github.com/sporthub/sporthub/internal/services/training/tracker"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/profiles"
	"github.com/sporthub/sporthub/internal/services/user/settings"
)

// Config is the whole configuration of a SportHub process. Every key can
// come from the YAML file, a SPORTHUB_... environment variable or a flag
// (see internal/platform/config and docs/configuration.md).
type Config struct {
	Target   []string                  `yaml:"target" doc:"what this process runs: all, domain groups (commerce, platform, ...) or services (gateway, catalog), comma-separated"`
	DataDir  string                    `yaml:"data_dir" doc:"where embedded SQLite files, the embedded NATS store and local blobs live"`
	HTTP     HTTPConfig                `yaml:"http"`
	Database DatabaseConfig            `yaml:"database"`
	Bus      bus.Config                `yaml:"bus"`
	Redis    RedisConfig               `yaml:"redis"`
	Log      observability.LogConfig   `yaml:"log"`
	Tracing  observability.TraceConfig `yaml:"tracing"`
	Authn    authn.Config              `yaml:"authn"`
	Gateway  gateway.Config            `yaml:"gateway"`
	Auth     auth.Config               `yaml:"auth"`
	Profiles profiles.Config           `yaml:"profiles"`
	Settings settings.Config           `yaml:"settings"`
	Access   access.Config             `yaml:"access"`
	Notify   notify.Config             `yaml:"notify"`
	Catalog  catalog.Config            `yaml:"catalog"`
	Devices  devices.Config            `yaml:"devices"`
	Tracker  tracker.Config            `yaml:"tracker"`
	Progress progress.Config           `yaml:"progress"`
	Demo     DemoConfig                `yaml:"demo"`
}

// HTTPConfig is the process's HTTP server.
type HTTPConfig struct {
	Addr              string        `yaml:"addr" doc:"address the HTTP server listens on"`
	RequestTimeout    time.Duration `yaml:"request_timeout" doc:"time limit of one API request (WebSockets excepted)"`
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout" doc:"time limit for a client to send the request headers"`
	IdleTimeout       time.Duration `yaml:"idle_timeout" doc:"how long an idle keep-alive connection stays open"`
	ShutdownTimeout   time.Duration `yaml:"shutdown_timeout" doc:"how long SIGTERM waits for in-flight requests to finish"`
	MaxBodyBytes      int64         `yaml:"max_body_bytes" doc:"largest request body accepted"`
}

// DatabaseConfig says where each service's SQL database lives.
type DatabaseConfig struct {
	DSN          string            `yaml:"dsn" secret:"url" doc:"empty: a SQLite file per service under data_dir/db; or postgres://user:pass@host:5432/db (a schema per service)"`
	Services     map[string]string `yaml:"services" secret:"url" doc:"per-service DSN overrides, e.g. catalog=postgres://..."`
	MaxOpenConns int               `yaml:"max_open_conns" doc:"connection pool size per service (0: 8 on SQLite, 16 on PostgreSQL)"`
}

// DSNFor returns the DSN of one service's database.
func (d DatabaseConfig) DSNFor(service string) string {
	if dsn, ok := d.Services[service]; ok {
		return dsn
	}
	return d.DSN
}

// RedisConfig points at Redis for shared rate limits and caches.
type RedisConfig struct {
	URL       string `yaml:"url" secret:"url" doc:"redis://[:password@]host:6379/0; empty keeps limits and caches in memory"`
	KeyPrefix string `yaml:"key_prefix" doc:"prefix of every key SportHub writes, so installations can share a Redis"`
	// LimitTimeout bounds one rate-limit call; past it the limit fails open.
	LimitTimeout time.Duration `yaml:"limit_timeout" doc:"time limit of one rate-limit call to Redis; a slower Redis lets requests through"`
}

// DefaultConfig returns the embedded defaults: everything in one process,
// SQLite and an embedded NATS under ./data, the web app on :8080.
func DefaultConfig() Config {
	return Config{
		Target:  []string{"all"},
		DataDir: "./data",
		HTTP: HTTPConfig{
			Addr: ":8080", RequestTimeout: 30 * time.Second, ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout: 2 * time.Minute, ShutdownTimeout: 20 * time.Second, MaxBodyBytes: 1 << 20,
		},
		Redis:    RedisConfig{KeyPrefix: "sporthub:", LimitTimeout: 100 * time.Millisecond},
		Log:      observability.LogConfig{Level: "info", Format: "json"},
		Tracing:  observability.TraceConfig{ServiceName: "sporthub", SampleRatio: 1},
		Authn:    authn.Config{Issuer: "sporthub", Audience: "sporthub-api"},
		Gateway:  gateway.DefaultConfig(),
		Auth:     auth.DefaultConfig(),
		Profiles: profiles.DefaultConfig(),
		Settings: settings.DefaultConfig(),
		Access:   access.DefaultConfig(),
		Notify:   notify.DefaultConfig(),
		Catalog:  catalog.DefaultConfig(),
		Devices:  devices.DefaultConfig(),
		Tracker:  tracker.DefaultConfig(),
		Progress: progress.DefaultConfig(),
		Demo:     DefaultDemoConfig(),
	}
}

// Validate reports every problem with the configuration at once.
func (c *Config) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(c.Target) == 0 {
		add(errors.New("target: give at least one target (all, a group or a service)"))
	}
	if c.DataDir == "" {
		add(errors.New("data_dir: must not be empty"))
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		add(fmt.Errorf("http.addr: %q is not host:port (e.g. :8080)", c.HTTP.Addr))
	}
	if c.HTTP.MaxBodyBytes <= 0 {
		add(errors.New("http.max_body_bytes: must be positive"))
	}
	if c.HTTP.ShutdownTimeout <= 0 || c.HTTP.RequestTimeout <= 0 {
		add(errors.New("http.shutdown_timeout and http.request_timeout: must be positive"))
	}
	for svc, dsn := range c.Database.Services {
		if dsn != "" && !sqldb.IsPostgresDSN(dsn) && !strings.HasPrefix(dsn, "sqlite") {
			add(fmt.Errorf("database.services.%s: want sqlite, sqlite:/path or postgres://...", svc))
		}
	}
	if d := c.Database.DSN; d != "" && !sqldb.IsPostgresDSN(d) && !strings.HasPrefix(d, "sqlite") {
		add(errors.New("database.dsn: want empty (SQLite per service), sqlite:/path or postgres://..."))
	}
	if c.Redis.LimitTimeout <= 0 {
		add(errors.New("redis.limit_timeout: must be positive"))
	}
	if c.Redis.URL != "" && !strings.HasPrefix(c.Redis.URL, "redis://") && !strings.HasPrefix(c.Redis.URL, "rediss://") {
		add(errors.New("redis.url: want redis://host:6379/0 or rediss://..."))
	}
	if err := c.Bus.Validate(); err != nil {
		add(fmt.Errorf("bus: %w", err))
	}
	if err := c.Log.Validate(); err != nil {
		add(fmt.Errorf("log: %w", err))
	}
	if err := c.Tracing.Validate(); err != nil {
		add(fmt.Errorf("tracing: %w", err))
	}
	if c.Authn.JWKSURL != "" {
		if err := c.Authn.Validate(); err != nil {
			add(fmt.Errorf("authn: %w", err))
		}
	}
	add(c.Gateway.Validate())
	for _, v := range []struct {
		key string
		err error
	}{
		{"auth", c.Auth.Validate()}, {"profiles", c.Profiles.Validate()}, {"settings", c.Settings.Validate()},
		{"access", c.Access.Validate()}, {"notify", c.Notify.Validate()},
		{"devices", c.Devices.Validate()}, {"tracker", c.Tracker.Validate()}, {"progress", c.Progress.Validate()},
	} {
		if v.err != nil {
			add(fmt.Errorf("%s: %w", v.key, v.err))
		}
	}
	add(c.Catalog.Validate())
	if c.Demo.Athletes && (c.Demo.Weeks < 1 || c.Demo.Weeks > 52 || len(c.Demo.Password) < 8) {
		add(errors.New("demo: weeks must be 1..52 and password at least 8 characters when demo athletes are on"))
	}
	return errors.Join(errs...)
}
