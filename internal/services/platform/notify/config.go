package notify

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// Config is the notify service's configuration.
type Config struct {
	AppURL   string             `yaml:"app_url" doc:"base URL of the web app, for links in notifications"`
	SMTP     channel.SMTPConfig `yaml:"smtp"`
	Push     channel.PushConfig `yaml:"push"`
	SMS      channel.SMSConfig  `yaml:"sms"`
	Delivery DeliveryConfig     `yaml:"delivery"`
	Live     LiveConfig         `yaml:"live"`
}

// DeliveryConfig tunes the delivery pipeline.
type DeliveryConfig struct {
	MaxAttempts  int           `yaml:"max_attempts" doc:"sends of one notification on one channel before it counts as failed"`
	RetryBase    time.Duration `yaml:"retry_base" doc:"wait after the first failed send; doubles after each further failure"`
	RetryMax     time.Duration `yaml:"retry_max" doc:"longest wait between two sends"`
	PollInterval time.Duration `yaml:"poll_interval" doc:"how often delivery workers look for due sends (they are also woken at once)"`
	Concurrency  int           `yaml:"concurrency" doc:"sends in flight per channel and process"`
	Lease        time.Duration `yaml:"lease" doc:"how long a send in progress is hidden from other workers; after a crash it is retried then"`
	ContactWait  time.Duration `yaml:"contact_wait" doc:"how long a request for an unknown recipient waits for their account's events"`
}

// LiveConfig tunes the live inbox WebSocket.
type LiveConfig struct {
	AllowedOrigins []string      `yaml:"allowed_origins" doc:"browser origins (host patterns) besides the API's own host that may open the live inbox"`
	PingInterval   time.Duration `yaml:"ping_interval" doc:"how often idle live connections are pinged"`
	MaxPerUser     int           `yaml:"max_per_user" doc:"live connections one user may hold per process"`
	TicketTTL      time.Duration `yaml:"ticket_ttl" doc:"how long a live ticket may wait to be used"`
}

// DefaultConfig returns the defaults: emails into files under
// data_dir/mail, a generated VAPID key pair, no SMS.
func DefaultConfig() Config {
	return Config{
		AppURL: "http://localhost:8080",
		SMTP:   channel.SMTPConfig{From: "SportHub <no-reply@sporthub.local>", TLS: channel.TLSStartTLS, Timeout: 30 * time.Second},
		Push: channel.PushConfig{Subject: "mailto:no-reply@sporthub.local", TTL: 24 * time.Hour, Timeout: 10 * time.Second,
			EndpointHosts: domain.DefaultPushHosts, MaxSubscriptions: 10},
		SMS: channel.SMSConfig{Timeout: 10 * time.Second},
		Delivery: DeliveryConfig{MaxAttempts: 8, RetryBase: 30 * time.Second, RetryMax: time.Hour, PollInterval: time.Second,
			Concurrency: 4, Lease: 5 * time.Minute, ContactWait: 30 * time.Second},
		Live: LiveConfig{PingInterval: 30 * time.Second, MaxPerUser: 10, TicketTTL: time.Minute},
	}
}

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.AppURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("app_url %q: want an http(s) URL", c.AppURL))
	}
	for _, err := range []error{c.SMTP.Validate(), c.Push.Validate(), c.SMS.Validate()} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	d := c.Delivery
	if d.MaxAttempts < 1 || d.Concurrency < 1 || d.RetryBase <= 0 || d.RetryMax < d.RetryBase ||
		d.PollInterval <= 0 || d.ContactWait < 0 {
		errs = append(errs, errors.New("delivery: max_attempts, concurrency, retry_base, poll_interval must be positive, retry_max at least retry_base"))
	}
	if d.Lease <= c.SMTP.Timeout || d.Lease <= c.SMS.Timeout || d.Lease <= c.Push.Timeout {
		errs = append(errs, errors.New("delivery.lease: must be longer than the smtp, sms and push timeouts"))
	}
	if c.Live.PingInterval <= 0 || c.Live.MaxPerUser < 1 || c.Live.TicketTTL <= 0 {
		errs = append(errs, errors.New("live: ping_interval, max_per_user and ticket_ttl must be positive"))
	}
	return errors.Join(errs...)
}
