package devices_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/integrations/devices"
)

func TestConfigValidate(t *testing.T) {
	if err := devices.DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	c := devices.DefaultConfig()
	c.PairingTTL = time.Second
	c.Ingest.GroupWait = 0
	c.Ingest.MaxBatchSamples = 5000
	c.Imports.MaxFiles = 0
	c.MQTT.URL = "not a url"
	c.MQTT.TopicPrefix = "sporthub/#"
	err := c.Validate()
	for _, want := range []string{"pairing_ttl", "group_wait", "max_batch_samples", "imports", "mqtt.url", "mqtt.topic_prefix"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("no complaint about %s in %v", want, err)
		}
	}
}
