package bus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Event is a domain event in a CloudEvents-style envelope. On the wire it is
// the JSON object
//
//	{"specversion":"1.0","id":"...","type":"commerce.catalog.product_created.v1",
//	 "source":"catalog","subject":"<entity id>","time":"2026-01-02T15:04:05.999Z",
//	 "datacontenttype":"application/json","data":{...}}
//
// and Type is also the NATS subject it travels on.
type Event struct {
	// ID is unique per event and time-ordered (a UUIDv7); JetStream drops a
	// republished event with the same ID, consumers' inboxes skip it.
	ID string
	// Type is <domain>.<service>.<event>.v<N>.
	Type string
	// Source is the service that emitted the event, e.g. "catalog".
	Source string
	// Subject is the id of the entity the event is about.
	Subject string
	// Time is when the event happened (UTC).
	Time time.Time
	// Data is the event payload, a JSON value of the type's versioned struct.
	Data json.RawMessage
}

// NewEvent builds an event with a fresh time-ordered id, the current time and
// data marshalled as JSON.
func NewEvent(typ, source, subject string, data any) (Event, error) {
	if err := ValidateType(typ); err != nil {
		return Event{}, fmt.Errorf("new event: %w", err)
	}
	if source == "" {
		return Event{}, fmt.Errorf("new event %s: source is required", typ)
	}
	id, err := uuid.NewV7()
	if err != nil {
		return Event{}, fmt.Errorf("new event %s: id: %w", typ, err)
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return Event{}, fmt.Errorf("new event %s: marshal data: %w", typ, err)
	}
	return Event{ID: id.String(), Type: typ, Source: source, Subject: subject, Time: time.Now().UTC(), Data: raw}, nil
}

// Validate reports whether the event can be published.
func (e Event) Validate() error {
	if e.ID == "" {
		return fmt.Errorf("event %s: id is required", e.Type)
	}
	if err := ValidateType(e.Type); err != nil {
		return err
	}
	if e.Source == "" {
		return fmt.Errorf("event %s %s: source is required", e.Type, e.ID)
	}
	if len(e.Data) > 0 && !json.Valid(e.Data) {
		return fmt.Errorf("event %s %s: data is not valid JSON", e.Type, e.ID)
	}
	return nil
}

// Decode unmarshals the event's data into v.
func (e Event) Decode(v any) error {
	if err := json.Unmarshal(e.Data, v); err != nil {
		return fmt.Errorf("decode event %s %s: %w", e.Type, e.ID, err)
	}
	return nil
}

// envelope is the wire form of Event.
type envelope struct {
	SpecVersion     string          `json:"specversion"`
	ID              string          `json:"id"`
	Type            string          `json:"type"`
	Source          string          `json:"source"`
	Subject         string          `json:"subject,omitempty"`
	Time            time.Time       `json:"time"`
	DataContentType string          `json:"datacontenttype,omitempty"`
	Data            json.RawMessage `json:"data,omitempty"`
}

const specVersion = "1.0"

// MarshalJSON writes the CloudEvents envelope.
func (e Event) MarshalJSON() ([]byte, error) {
	env := envelope{SpecVersion: specVersion, ID: e.ID, Type: e.Type, Source: e.Source,
		Subject: e.Subject, Time: e.Time.UTC(), Data: e.Data}
	if len(e.Data) > 0 {
		env.DataContentType = "application/json"
	}
	return json.Marshal(env)
}

// UnmarshalJSON reads the CloudEvents envelope.
func (e *Event) UnmarshalJSON(b []byte) error {
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.SpecVersion != specVersion {
		return fmt.Errorf("envelope specversion %q: want %q", env.SpecVersion, specVersion)
	}
	if env.ID == "" || env.Type == "" {
		return errors.New("envelope without id or type")
	}
	if env.DataContentType != "" && env.DataContentType != "application/json" {
		return fmt.Errorf("envelope datacontenttype %q: want application/json", env.DataContentType)
	}
	*e = Event{ID: env.ID, Type: env.Type, Source: env.Source, Subject: env.Subject, Time: env.Time,
		Data: bytes.Clone(env.Data)}
	return nil
}

// decodeEvent parses a message body, checking that the envelope's type
// matches the subject it arrived on.
func decodeEvent(body []byte, typ string) (Event, error) {
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		return Event{}, fmt.Errorf("decode envelope on %s: %w", typ, err)
	}
	if ev.Type != typ {
		return Event{}, fmt.Errorf("decode envelope: type %q arrived on subject %q", ev.Type, typ)
	}
	return ev, nil
}
