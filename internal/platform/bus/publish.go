package bus

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/observability"
)

// Publish sends one event straight to JetStream and waits for the
// acknowledgement (the event is then stored, fsynced on the embedded server).
// Use it only for events that record no state change of the caller's own,
// e.g. notifications of something observed; an event about a state change
// goes through AddToOutbox so the two commit together. The event id is the
// Nats-Msg-Id, so publishing the same event twice stores it once.
func (b *Bus) Publish(ctx context.Context, ev Event) error {
	if err := ev.Validate(); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("publish %s: %w", ev.Type, err)
	}
	msg := &nats.Msg{Subject: b.Subject(ev.Type), Data: body, Header: nats.Header{}}
	observability.InjectHeaders(ctx, msg.Header)
	if _, err := b.js.PublishMsg(ctx, msg, jetstream.WithMsgID(ev.ID)); err != nil {
		return fmt.Errorf("publish %s %s: %w", ev.Type, ev.ID, err)
	}
	return nil
}

// newMsg builds the message for a stored event body and its trace headers.
func (b *Bus) newMsg(typ string, body []byte, headers map[string][]string) *nats.Msg {
	msg := &nats.Msg{Subject: b.Subject(typ), Data: body, Header: nats.Header{}}
	for k, v := range headers {
		msg.Header[k] = v
	}
	return msg
}
