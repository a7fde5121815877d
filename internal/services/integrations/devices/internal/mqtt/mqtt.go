// Package mqtt is the devices service's second live path: devices publish
// batches to <prefix>/devices/<device_id>/samples (QoS 1) and the service,
// one member of the shared subscription $share/sporthub-devices/... per
// process, ingests them exactly as the HTTP path does. A message is
// acknowledged to the broker (PUBACK, sent by hand) only once its batch is
// durable, or once it is refused as bad input (it would never get better);
// the outcome is published to <prefix>/devices/<device_id>/acks (QoS 1).
// While the bus cannot take a batch the message is retried and stays
// unacknowledged, so if the process stops the broker hands it to another
// member or redelivers it on reconnect (the session is persistent).
package mqtt

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
)

// ShareGroup is the shared subscription group every process joins, so each
// message reaches one of them.
const ShareGroup = "sporthub-devices"

// Config says where the broker is.
type Config struct {
	URL         string
	TopicPrefix string
	ClientID    string
	// ConnectWait is how long Run waits for the first subscription before
	// it reports ready anyway (and keeps trying): a broker that is down
	// must not stop the rest of the platform.
	ConnectWait time.Duration
}

// Ingester is what the subscriber needs of the application layer.
type Ingester interface {
	DeviceCaller(ctx context.Context, token string) (app.Caller, error)
	Ingest(ctx context.Context, c app.Caller, in devicesapi.IngestRequest, path string) (devicesapi.IngestResult, error)
}

// Subscriber is the MQTT path, a lifecycle.Service.
type Subscriber struct {
	cfg    Config
	app    Ingester
	logger *slog.Logger

	client     paho.Client
	subscribed chan struct{}
	once       sync.Once
	ctx        context.Context // cancelled when Run is stopping
	inflight   sync.WaitGroup
	mu         sync.Mutex // orders inflight.Add against the stop's Wait
	stopping   bool
}

// New returns the subscriber.
func New(cfg Config, a Ingester, logger *slog.Logger) *Subscriber {
	if cfg.ConnectWait <= 0 {
		cfg.ConnectWait = 5 * time.Second
	}
	return &Subscriber{cfg: cfg, app: a, logger: logger.With("component", "devices-mqtt"), subscribed: make(chan struct{})}
}

// Name implements lifecycle.Service.
func (s *Subscriber) Name() string { return "devices-mqtt" }

// SamplesTopic and AcksTopic are a device's topics.
func SamplesTopic(prefix, deviceID string) string {
	return prefix + "/devices/" + deviceID + "/samples"
}

// AcksTopic is where a device's acknowledgements go.
func AcksTopic(prefix, deviceID string) string { return prefix + "/devices/" + deviceID + "/acks" }

func (s *Subscriber) filter() string {
	return "$share/" + ShareGroup + "/" + SamplesTopic(s.cfg.TopicPrefix, "+")
}

// Run implements lifecycle.Service.
func (s *Subscriber) Run(ctx context.Context, ready func()) error {
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	s.ctx = runCtx
	opts := paho.NewClientOptions().AddBroker(s.cfg.URL).SetClientID(s.cfg.ClientID).
		SetCleanSession(false).SetAutoAckDisabled(true).SetOrderMatters(false).
		SetAutoReconnect(true).SetConnectRetry(true).SetConnectRetryInterval(time.Second).
		SetMaxReconnectInterval(10 * time.Second).SetKeepAlive(30 * time.Second)
	opts.SetOnConnectHandler(func(c paho.Client) {
		// Subscribe on every connect: a broker that lost the session
		// (restarted without persistence) gets the subscription back.
		tok := c.Subscribe(s.filter(), 1, s.handle)
		go func() {
			if !tok.WaitTimeout(30*time.Second) || tok.Error() != nil {
				s.logger.Warn("mqtt subscribe failed", "filter", s.filter(), "err", tok.Error())
				return
			}
			s.logger.Info("mqtt subscribed", "filter", s.filter())
			s.once.Do(func() { close(s.subscribed) })
		}()
	})
	opts.SetConnectionLostHandler(func(_ paho.Client, err error) {
		s.logger.Warn("mqtt connection lost; reconnecting", "err", err)
	})
	s.client = paho.NewClient(opts)
	s.client.Connect() // retries in the background (ConnectRetry)
	select {
	case <-s.subscribed:
	case <-time.After(s.cfg.ConnectWait):
		s.logger.Warn("mqtt broker not reachable yet; live ingest over MQTT starts once it is", "url", s.cfg.URL)
	case <-ctx.Done():
	}
	ready()
	<-ctx.Done()
	// Stop taking messages, let those in flight settle, then leave.
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
	if s.client.IsConnectionOpen() {
		s.client.Unsubscribe(s.filter()).WaitTimeout(2 * time.Second)
	}
	done := make(chan struct{})
	go func() { s.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.logger.Warn("mqtt: batches still in flight at stop; the broker redelivers them")
	}
	cancel()
	s.client.Disconnect(250)
	return nil
}

// handle runs in its own goroutine per message (OrderMatters false), so
// many messages share one group commit.
func (s *Subscriber) handle(_ paho.Client, msg paho.Message) {
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return // unacknowledged: the broker redelivers it
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()
	ctx := s.ctx
	deviceID, ok := deviceOf(s.cfg.TopicPrefix, msg.Topic())
	if !ok {
		msg.Ack()
		return
	}
	refuse := func(batchID string, err error) {
		msg.Ack()
		p := web.ProblemFor(nil, err)
		s.publishAck(deviceID, devicesapi.MQTTAck{BatchID: batchID, Problem: &p})
	}
	if len(msg.Payload()) > devicesapi.MaxIngestBody {
		refuse("", apperr.New(apperr.TooLarge, "body_too_large", fmt.Sprintf("a message may have at most %d bytes", devicesapi.MaxIngestBody)))
		return
	}
	var m devicesapi.MQTTMessage
	if err := app.DecodeStrict(msg.Payload(), &m); err != nil {
		refuse("", err)
		return
	}
	c, err := s.app.DeviceCaller(ctx, m.Token)
	if err != nil {
		refuse(m.BatchID, err)
		return
	}
	if c.DeviceID != deviceID {
		refuse(m.BatchID, apperr.New(apperr.Forbidden, "wrong_device_topic", "a device publishes only to its own topic"))
		return
	}
	delay := 100 * time.Millisecond
	for {
		res, err := s.app.Ingest(ctx, c, m.IngestRequest, app.PathMQTT)
		if err == nil {
			msg.Ack()
			s.publishAck(deviceID, devicesapi.MQTTAck{BatchID: res.BatchID, AcceptedSamples: res.AcceptedSamples,
				AcceptedFrames: res.AcceptedFrames, Durable: true})
			return
		}
		if k := apperr.KindOf(err); k != apperr.Unavailable && k != apperr.Internal {
			refuse(m.BatchID, err)
			return
		}
		s.logger.Warn("mqtt batch not durable yet; retrying", "device_id", deviceID, "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return // unacknowledged: redelivered after the reconnect
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

func (s *Subscriber) publishAck(deviceID string, a devicesapi.MQTTAck) {
	b, err := json.Marshal(a)
	if err != nil {
		return
	}
	tok := s.client.Publish(AcksTopic(s.cfg.TopicPrefix, deviceID), 1, false, b)
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		s.logger.Warn("mqtt ack publish failed", "device_id", deviceID, "err", tok.Error())
	}
}

// deviceOf returns the device id of a samples topic.
func deviceOf(prefix, topic string) (string, bool) {
	rest, ok := strings.CutPrefix(topic, prefix+"/devices/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/samples")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// ValidPrefix reports whether a topic prefix is usable: topic levels
// without wildcards, not starting with $ or /.
func ValidPrefix(p string) bool {
	if p == "" || strings.HasPrefix(p, "$") || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
		return false
	}
	return !strings.ContainsAny(p, "+#\x00")
}
