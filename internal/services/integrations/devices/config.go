package devices

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/mqtt"
)

// Config is the service's own configuration.
type Config struct {
	PairingTTL time.Duration `yaml:"pairing_ttl" doc:"how long a pairing code works (one use)"`
	Ingest     IngestConfig  `yaml:"ingest"`
	Imports    ImportsConfig `yaml:"imports"`
	MQTT       MQTTConfig    `yaml:"mqtt"`
}

// IngestConfig tunes live ingest and its group commit.
type IngestConfig struct {
	GroupWait       time.Duration `yaml:"group_wait" doc:"how long the first live batch waits for others so that one durable write acknowledges them all"`
	GroupMaxSamples int           `yaml:"group_max_samples" doc:"samples and frames that close a group commit before group_wait"`
	MaxBatchSamples int           `yaml:"max_batch_samples" doc:"samples one live batch may carry (at most 3600)"`
}

// ImportsConfig bounds file imports.
type ImportsConfig struct {
	MaxBodyBytes     int64         `yaml:"max_body_bytes" doc:"largest upload to the imports route (all its files together)"`
	MaxFiles         int           `yaml:"max_files" doc:"activity files one upload may hold, archives expanded"`
	MaxFileBytes     int64         `yaml:"max_file_bytes" doc:"largest single activity file, decompressed"`
	MaxExpandedBytes int64         `yaml:"max_expanded_bytes" doc:"largest total of one upload's files once archives are expanded (zip bomb guard)"`
	Timeout          time.Duration `yaml:"timeout" doc:"time limit of one upload's processing; may exceed http.request_timeout (bulk exports)"`
}

// MQTTConfig is the MQTT live path.
type MQTTConfig struct {
	URL         string `yaml:"url" doc:"MQTT broker for live ingest, e.g. tcp://127.0.0.1:1883; empty turns MQTT off" secret:"url"`
	TopicPrefix string `yaml:"topic_prefix" doc:"topics are <prefix>/devices/<device_id>/samples and .../acks"`
	ClientID    string `yaml:"client_id" doc:"MQTT client id, unique per process (empty: sporthub-devices-<hostname>)"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		PairingTTL: 10 * time.Minute,
		Ingest:     IngestConfig{GroupWait: 5 * time.Millisecond, GroupMaxSamples: 4000, MaxBatchSamples: devicesapi.MaxBatchSamples},
		Imports: ImportsConfig{MaxBodyBytes: devicesapi.DefaultMaxImportBody, MaxFiles: 5000, MaxFileBytes: 64 << 20,
			MaxExpandedBytes: 1 << 30, Timeout: 10 * time.Minute},
		MQTT: MQTTConfig{TopicPrefix: "sporthub"},
	}
}

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error {
	var errs []error
	if c.PairingTTL < time.Minute || c.PairingTTL > 24*time.Hour {
		errs = append(errs, fmt.Errorf("pairing_ttl %s: want 1m to 24h", c.PairingTTL))
	}
	in := c.Ingest
	if in.GroupWait <= 0 || in.GroupWait > time.Second {
		errs = append(errs, fmt.Errorf("ingest.group_wait %s: want more than 0, at most 1s", in.GroupWait))
	}
	if in.GroupMaxSamples < 1 {
		errs = append(errs, errors.New("ingest.group_max_samples: want at least 1"))
	}
	if in.MaxBatchSamples < 1 || in.MaxBatchSamples > devicesapi.MaxBatchSamples {
		errs = append(errs, fmt.Errorf("ingest.max_batch_samples %d: want 1 to %d", in.MaxBatchSamples, devicesapi.MaxBatchSamples))
	}
	im := c.Imports
	if im.MaxBodyBytes < 1<<20 || im.MaxFiles < 1 || im.MaxFileBytes < 1<<10 || im.MaxExpandedBytes < im.MaxFileBytes || im.Timeout <= 0 {
		errs = append(errs, errors.New("imports: max_body_bytes at least 1 MiB, max_files at least 1, max_file_bytes at least 1 KiB, max_expanded_bytes at least max_file_bytes, timeout positive"))
	}
	if c.MQTT.URL != "" {
		if u, err := url.Parse(c.MQTT.URL); err != nil || u.Host == "" {
			errs = append(errs, errors.New("mqtt.url: want a broker URL such as tcp://host:1883, ssl://host:8883 or ws://host/mqtt"))
		}
	}
	if !mqtt.ValidPrefix(c.MQTT.TopicPrefix) {
		errs = append(errs, fmt.Errorf("mqtt.topic_prefix %q: want topic levels without wildcards, not starting with $ or /", c.MQTT.TopicPrefix))
	}
	return errors.Join(errs...)
}

// clientID is the configured MQTT client id or one made from the host name.
func (c MQTTConfig) clientID() string {
	if c.ClientID != "" {
		return c.ClientID
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "local"
	}
	return "sporthub-devices-" + host
}
