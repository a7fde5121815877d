package devices_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// TestIngestOverMQTT runs against the test broker (SPORTHUB_TEST_MQTT_URL):
// a device's batch is acknowledged on its acks topic once durable; a
// message on another device's topic or a malformed one is answered with a
// problem; while JetStream cannot store, the message waits unacknowledged
// and goes through once it can.
func TestIngestOverMQTT(t *testing.T) {
	t.Parallel()
	url := testkit.External(t, testkit.EnvMQTTURL)
	prefix := testkit.UniqueName("t")
	f := start(t, func(c *devices.Config) {
		c.MQTT.URL, c.MQTT.TopicPrefix, c.MQTT.ClientID = url, prefix, prefix+"-server"
	})
	dev := f.pairDevice(t, alice, devicesapi.KindBikeComputer, "Edge")
	other := f.pairDevice(t, bob, devicesapi.KindBikeComputer, "Edge")

	opts := paho.NewClientOptions().AddBroker(url).SetClientID(prefix + "-device").SetCleanSession(true)
	client := paho.NewClient(opts)
	if tok := client.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("connect: %v", tok.Error())
	}
	t.Cleanup(func() { client.Disconnect(100) })
	acks := make(chan devicesapi.MQTTAck, 16)
	tok := client.Subscribe(prefix+"/devices/+/acks", 1, func(_ paho.Client, m paho.Message) {
		var a devicesapi.MQTTAck
		if err := json.Unmarshal(m.Payload(), &a); err != nil {
			t.Errorf("ack %s: %v", m.Payload(), err)
		}
		acks <- a
	})
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe: %v", tok.Error())
	}
	publish := func(deviceID string, payload any) {
		t.Helper()
		b, _ := json.Marshal(payload)
		if tok := client.Publish(prefix+"/devices/"+deviceID+"/samples", 1, false, b); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			t.Fatalf("publish: %v", tok.Error())
		}
	}
	next := func(within time.Duration) (devicesapi.MQTTAck, bool) {
		select {
		case a := <-acks:
			return a, true
		case <-time.After(within):
			return devicesapi.MQTTAck{}, false
		}
	}

	publish(dev.DeviceID, map[string]any{"token": dev.Token, "batch_id": "mqtt-1", "samples": []any{sample(nowMS(), 133), sample(nowMS()-1000, 134)}})
	a, ok := next(10 * time.Second)
	if !ok || a.BatchID != "mqtt-1" || a.AcceptedSamples != 2 || !a.Durable || a.Problem != nil {
		t.Fatalf("ack: %+v %v", a, ok)
	}
	if b := f.batch(t, "mqtt-1"); b.UserID != alice || b.DeviceID != dev.DeviceID {
		t.Fatalf("batch %+v", b)
	}

	publish(other.DeviceID, map[string]any{"token": dev.Token, "batch_id": "mqtt-2", "samples": []any{sample(nowMS(), 133)}})
	if a, ok := next(10 * time.Second); !ok || a.Problem == nil || a.Problem.Code != "wrong_device_topic" || a.Durable {
		t.Fatalf("another device's topic: %+v %v", a, ok)
	}
	publish(dev.DeviceID, map[string]any{"token": dev.Token, "batch_id": "mqtt-3", "samples": []any{map[string]any{"t": nowMS(), "hr": 400}}})
	if a, ok := next(10 * time.Second); !ok || a.Problem == nil || a.Problem.Status != 422 || a.BatchID != "mqtt-3" {
		t.Fatalf("bad batch: %+v %v", a, ok)
	}

	// JetStream loses the stream: the batch is not acknowledged...
	ctx := context.Background()
	stream := f.Bus.StreamName("integrations")
	if err := f.Bus.JetStream().DeleteStream(ctx, stream); err != nil {
		t.Fatal(err)
	}
	publish(dev.DeviceID, map[string]any{"token": dev.Token, "batch_id": "mqtt-4", "samples": []any{sample(nowMS(), 140)}})
	if a, ok := next(700 * time.Millisecond); ok {
		t.Fatalf("acknowledged while nothing could store it: %+v", a)
	}
	// ...until it can be stored.
	if _, err := f.Bus.JetStream().CreateStream(ctx, jetstream.StreamConfig{Name: stream,
		Subjects: []string{f.Bus.Subject("integrations.>")}, Storage: jetstream.FileStorage}); err != nil {
		t.Fatal(err)
	}
	if a, ok := next(15 * time.Second); !ok || a.BatchID != "mqtt-4" || !a.Durable {
		t.Fatalf("ack after recovery: %+v %v", a, ok)
	}
	if b := f.batch(t, "mqtt-4"); b.UserID != alice {
		t.Fatalf("batch %+v", b)
	}
}
