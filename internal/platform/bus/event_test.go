package bus_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
)

func TestValidateType(t *testing.T) {
	t.Parallel()
	for typ, ok := range map[string]bool{
		"commerce.catalog.product_created.v1":     true,
		"training.tracker.activity_completed.v12": true,
		"platform.notify.sent.v1":                 true,
		"commerce.catalog.product_created":        false, // no version
		"commerce.catalog.product_created.v0":     false,
		"commerce.catalog.ProductCreated.v1":      false,
		"commerce.catalog.product-created.v1":     false,
		"shop.catalog.product_created.v1":         false, // unknown domain
		"dlq.catalog.product_created.v1":          false,
		"commerce.*.product_created.v1":           false,
		"commerce.catalog.product__created.v1":    false,
		"commerce.catalog.v1":                     false,
	} {
		if err := bus.ValidateType(typ); (err == nil) != ok {
			t.Errorf("ValidateType(%q) = %v, want ok=%v", typ, err, ok)
		}
	}
}

func TestNewEventEnvelope(t *testing.T) {
	t.Parallel()
	before := time.Now()
	ev, err := bus.NewEvent("commerce.catalog.product_created.v1", "catalog", "p-1", map[string]any{"sku": "X1"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Time.Before(before.Add(-time.Second)) || ev.Time.Location() != time.UTC {
		t.Fatalf("time = %v, want now in UTC", ev.Time)
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var wire map[string]any
	if err := json.Unmarshal(raw, &wire); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{
		"specversion": "1.0", "id": ev.ID, "type": "commerce.catalog.product_created.v1",
		"source": "catalog", "subject": "p-1", "datacontenttype": "application/json",
	} {
		if wire[k] != want {
			t.Errorf("%s = %v, want %v (%s)", k, wire[k], want, raw)
		}
	}
	if d, _ := wire["data"].(map[string]any); d["sku"] != "X1" {
		t.Errorf("data = %v", wire["data"])
	}
	var back bus.Event
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.ID != ev.ID || back.Type != ev.Type || back.Source != ev.Source || back.Subject != ev.Subject ||
		!back.Time.Equal(ev.Time) || string(back.Data) != string(ev.Data) {
		t.Fatalf("round trip: got %+v, want %+v", back, ev)
	}
	var payload struct{ SKU string }
	if err := back.Decode(&payload); err != nil || payload.SKU != "X1" {
		t.Fatalf("decode = %+v, %v", payload, err)
	}
}

func TestEventIDsAreUniqueAndTimeOrdered(t *testing.T) {
	t.Parallel()
	prev := ""
	seen := map[string]bool{}
	for i := range 2000 {
		ev, err := bus.NewEvent("user.auth.user_registered.v1", "auth", fmt.Sprint(i), nil)
		if err != nil {
			t.Fatal(err)
		}
		if seen[ev.ID] || ev.ID <= prev {
			t.Fatalf("id %d %q not unique or not after %q", i, ev.ID, prev)
		}
		seen[ev.ID], prev = true, ev.ID
	}
}

func TestNewEventRejectsBadInput(t *testing.T) {
	t.Parallel()
	if _, err := bus.NewEvent("bad", "catalog", "", nil); err == nil {
		t.Error("bad type accepted")
	}
	if _, err := bus.NewEvent("commerce.catalog.product_created.v1", "", "", nil); err == nil {
		t.Error("missing source accepted")
	}
	if _, err := bus.NewEvent("commerce.catalog.product_created.v1", "catalog", "", func() {}); err == nil {
		t.Error("unmarshalable data accepted")
	}
	var ev bus.Event
	for _, raw := range []string{
		`{"specversion":"0.3","id":"1","type":"commerce.catalog.x.v1"}`,
		`{"specversion":"1.0","type":"commerce.catalog.x.v1"}`,
		`{"specversion":"1.0","id":"1","type":"commerce.catalog.x.v1","datacontenttype":"text/xml"}`,
	} {
		if err := json.Unmarshal([]byte(raw), &ev); err == nil {
			t.Errorf("envelope %s accepted", raw)
		}
	}
}

func TestPermanent(t *testing.T) {
	t.Parallel()
	if bus.Permanent(nil) != nil {
		t.Error("Permanent(nil) != nil")
	}
	base := errors.New("bad payload")
	p := fmt.Errorf("handle: %w", bus.Permanent(base))
	if !bus.IsPermanent(p) || !errors.Is(p, base) {
		t.Errorf("wrapped permanent error not recognised or lost its cause: %v", p)
	}
	if !bus.IsPermanent(apperr.New(apperr.Invalid, "bad", "bad")) {
		t.Error("apperr Invalid is not permanent")
	}
	if bus.IsPermanent(apperr.New(apperr.Unavailable, "down", "down")) || bus.IsPermanent(base) {
		t.Error("a transient error is permanent")
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	c := bus.Config{DataDir: t.TempDir()}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.StreamPrefix != "SPORTHUB" || c.Replicas != 1 || c.DuplicateWindow != 10*time.Minute {
		t.Fatalf("defaults not filled: %+v", c)
	}
	for name, c := range map[string]bus.Config{
		"embedded without data dir": {},
		"bad stream prefix":         {DataDir: "x", StreamPrefix: "A.B"},
		"bad subject prefix":        {DataDir: "x", SubjectPrefix: "a.*"},
		"embedded replicas":         {DataDir: "x", Replicas: 3},
		"tiny duplicate window":     {URL: "nats://h:4222", DuplicateWindow: time.Millisecond},
		"bad listen address":        {DataDir: "x", ListenAddr: "4222"},
	} {
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "bus config") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
