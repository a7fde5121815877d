package tracker

import (
	"errors"
	"time"
)

// Config is the tracker service's configuration.
type Config struct {
	AbandonAfter   time.Duration `yaml:"abandon_after" doc:"a live session without a sample for this long is finished (or discarded when empty) by itself"`
	SweepInterval  time.Duration `yaml:"sweep_interval" doc:"how often safety alerts and abandoned sessions are checked"`
	AutoPauseAfter time.Duration `yaml:"auto_pause_after" doc:"how long an athlete must stand still before the session shows as auto-paused"`
	Live           LiveConfig    `yaml:"live"`
	Shares         SharesConfig  `yaml:"shares"`
	Safety         SafetyConfig  `yaml:"safety"`
}

// LiveConfig tunes the live view WebSockets.
type LiveConfig struct {
	MaxViewersPerSession int           `yaml:"max_viewers_per_session" doc:"viewers one live session may have on one process"`
	QueueSize            int           `yaml:"queue_size" doc:"updates a viewer may fall behind before it is dropped as too slow"`
	PingInterval         time.Duration `yaml:"ping_interval" doc:"how often idle live view connections are pinged"`
	WriteTimeout         time.Duration `yaml:"write_timeout" doc:"time limit of one write to a viewer; a slower viewer is dropped"`
	TicketTTL            time.Duration `yaml:"ticket_ttl" doc:"how long a watch ticket may wait to be used"`
	AllowedOrigins       []string      `yaml:"allowed_origins" doc:"browser origins (host patterns) besides the API's own host that may open a live view"`
}

// SharesConfig limits share links.
type SharesConfig struct {
	MaxTTL    time.Duration `yaml:"max_ttl" doc:"longest lifetime of a share link of a live session"`
	MaxActive int           `yaml:"max_active" doc:"unexpired share links one session may have"`
}

// SafetyConfig holds the safety defaults.
type SafetyConfig struct {
	StopAlertAfter time.Duration `yaml:"stop_alert_after" doc:"default time without movement before safety contacts are alerted (a user chooses 60-3600 s)"`
	ShareTTL       time.Duration `yaml:"share_ttl" doc:"lifetime of the share link a safety alert or SOS sends to the contacts"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		AbandonAfter:   6 * time.Hour,
		SweepInterval:  15 * time.Second,
		AutoPauseAfter: 5 * time.Second,
		Live: LiveConfig{MaxViewersPerSession: 10000, QueueSize: 64, PingInterval: 30 * time.Second,
			WriteTimeout: 10 * time.Second, TicketTTL: time.Minute},
		Shares: SharesConfig{MaxTTL: 48 * time.Hour, MaxActive: 20},
		Safety: SafetyConfig{StopAlertAfter: 5 * time.Minute, ShareTTL: 24 * time.Hour},
	}
}

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error {
	var errs []error
	if c.AbandonAfter < time.Minute {
		errs = append(errs, errors.New("abandon_after: at least 1m"))
	}
	if c.SweepInterval <= 0 || c.AutoPauseAfter <= 0 {
		errs = append(errs, errors.New("sweep_interval and auto_pause_after must be positive"))
	}
	l := c.Live
	if l.MaxViewersPerSession < 1 || l.QueueSize < 1 || l.PingInterval <= 0 || l.WriteTimeout <= 0 || l.TicketTTL <= 0 {
		errs = append(errs, errors.New("live: max_viewers_per_session, queue_size, ping_interval, write_timeout and ticket_ttl must be positive"))
	}
	if c.Shares.MaxTTL < time.Minute || c.Shares.MaxActive < 1 {
		errs = append(errs, errors.New("shares: max_ttl at least 1m, max_active at least 1"))
	}
	if c.Safety.StopAlertAfter < time.Minute || c.Safety.StopAlertAfter > time.Hour {
		errs = append(errs, errors.New("safety.stop_alert_after: between 1m and 1h"))
	}
	if c.Safety.ShareTTL < time.Minute {
		errs = append(errs, errors.New("safety.share_ttl: at least 1m"))
	}
	return errors.Join(errs...)
}
