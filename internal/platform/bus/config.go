package bus

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Config says which NATS JetStream the bus talks to and how its streams look.
type Config struct {
	// URL of an external NATS JetStream server or cluster ("nats://host:4222,
	// nats://host2:4222"); "" runs an embedded server in-process.
	URL string `yaml:"url" doc:"external NATS URL(s), comma-separated; empty runs an embedded NATS JetStream server in-process" secret:"url"`
	// DataDir is the embedded server's JetStream store directory.
	DataDir string `yaml:"data_dir" doc:"embedded server store directory (default data_dir/nats)"`
	// ListenAddr opens a client port on the embedded server ("127.0.0.1:4222");
	// "" opens none and only the in-process connection reaches it.
	ListenAddr string `yaml:"listen_addr" doc:"open a client port on the embedded server (e.g. 127.0.0.1:4222); empty: in-process only"`
	// StreamPrefix starts every stream name (default "SPORTHUB"):
	// <StreamPrefix>_<DOMAIN> and <StreamPrefix>_DLQ.
	StreamPrefix string `yaml:"stream_prefix" doc:"prefix of stream names (<prefix>_<DOMAIN>, <prefix>_DLQ)"`
	// SubjectPrefix, when set, is prepended as "<SubjectPrefix>." to every wire
	// subject, so several installations (or test runs) can share one NATS.
	SubjectPrefix string `yaml:"subject_prefix" doc:"prefix of every wire subject, to share one NATS between installations"`
	// Replicas of every stream (default 1; 3 on a cluster).
	Replicas int `yaml:"replicas" doc:"replicas of every stream (3 on a cluster)"`
	// DuplicateWindow is how long JetStream remembers Nats-Msg-Id values to
	// drop republished events (default 10m). The outbox relay relies on it.
	DuplicateWindow time.Duration `yaml:"duplicate_window" doc:"how long JetStream drops republished event ids"`
	// MaxAge is how long the domain streams keep events (default 7 days); the
	// dead-letter stream keeps its messages until an operator removes them.
	MaxAge time.Duration `yaml:"max_age" doc:"how long domain streams keep events"`
}

// The defaults Validate fills in.
const (
	DefaultStreamPrefix    = "SPORTHUB"
	DefaultDuplicateWindow = 10 * time.Minute
	DefaultMaxAge          = 7 * 24 * time.Hour
)

var (
	streamPrefixRe  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
	subjectPrefixRe = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)
)

// Validate fills in defaults and reports what is wrong with cfg.
func (c *Config) Validate() error {
	if c.StreamPrefix == "" {
		c.StreamPrefix = DefaultStreamPrefix
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	if c.DuplicateWindow == 0 {
		c.DuplicateWindow = DefaultDuplicateWindow
	}
	if c.MaxAge == 0 {
		c.MaxAge = DefaultMaxAge
	}
	var errs []error
	if !streamPrefixRe.MatchString(c.StreamPrefix) {
		errs = append(errs, fmt.Errorf("stream prefix %q: want 1-32 letters, digits, _ or -", c.StreamPrefix))
	}
	if c.SubjectPrefix != "" && !subjectPrefixRe.MatchString(c.SubjectPrefix) {
		errs = append(errs, fmt.Errorf("subject prefix %q: want dot-separated tokens of letters, digits, _ or -", c.SubjectPrefix))
	}
	if c.Replicas < 1 || c.Replicas > 5 {
		errs = append(errs, fmt.Errorf("replicas %d: want 1 to 5", c.Replicas))
	}
	if c.DuplicateWindow < time.Second {
		errs = append(errs, fmt.Errorf("duplicate window %s: want at least 1s", c.DuplicateWindow))
	}
	if c.MaxAge < c.DuplicateWindow {
		errs = append(errs, fmt.Errorf("max age %s: want at least the duplicate window %s", c.MaxAge, c.DuplicateWindow))
	}
	if c.URL == "" {
		if c.DataDir == "" {
			errs = append(errs, errors.New("data dir is required for the embedded server"))
		}
		if c.ListenAddr != "" {
			if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
				errs = append(errs, fmt.Errorf("listen address %q: %w", c.ListenAddr, err))
			}
		}
		if c.Replicas != 1 {
			errs = append(errs, errors.New("the embedded server is a single node: replicas must be 1"))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bus config: %w", err)
	}
	return nil
}

// Embedded reports whether the bus runs its own in-process server.
func (c Config) Embedded() bool { return c.URL == "" }

// redact hides passwords in (comma-separated) server URLs for logs and errors.
func redact(urls string) string {
	parts := strings.Split(urls, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil {
			parts[i] = u.Redacted()
		}
	}
	return strings.Join(parts, ",")
}
