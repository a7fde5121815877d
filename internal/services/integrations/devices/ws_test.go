package devices_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

func (f *fixture) dialWS(t *testing.T) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(f.URL, "http")+base+"/ingest/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.CloseNow() })
	return ws
}

func readWS(t *testing.T, ws *websocket.Conn) devicesapi.WSMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var m devicesapi.WSMessage
	if err := wsjson.Read(ctx, ws, &m); err != nil {
		t.Fatalf("read: %v", err)
	}
	return m
}

func writeWS(t *testing.T, ws *websocket.Conn, v any) {
	t.Helper()
	if err := wsjson.Write(context.Background(), ws, v); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// TestIngestOverWebSocket: after a device or access token, pipelined
// batches are each answered with their seq: ack once durable, error for
// bad input; a bad first message ends the connection.
func TestIngestOverWebSocket(t *testing.T) {
	t.Parallel()
	f := start(t)
	dev := f.pairDevice(t, alice, devicesapi.KindPhone, "Phone")

	t.Run("device token, pipelined batches", func(t *testing.T) {
		ws := f.dialWS(t)
		writeWS(t, ws, map[string]any{"type": "auth", "device_token": dev.Token})
		if m := readWS(t, ws); m.Type != "ready" || m.UserID != alice || m.DeviceID != dev.DeviceID {
			t.Fatalf("ready: %+v", m)
		}
		t0 := nowMS() - 60_000
		for seq := int64(1); seq <= 3; seq++ {
			writeWS(t, ws, map[string]any{"type": "batch", "seq": seq, "batch_id": "ws-" + string(rune('0'+seq)),
				"samples": []map[string]any{sample(t0+seq*1000, 150)}})
		}
		writeWS(t, ws, map[string]any{"type": "batch", "seq": 4, "samples": []map[string]any{{"t": t0, "hr": 999}}})
		writeWS(t, ws, map[string]any{"type": "batch", "seq": 5, "samples": "nope"})
		got := map[int64]devicesapi.WSMessage{}
		for range 5 {
			m := readWS(t, ws)
			got[m.Seq] = m
		}
		for seq := int64(1); seq <= 3; seq++ {
			m := got[seq]
			if m.Type != "ack" || m.IngestResult == nil || !m.Durable || m.AcceptedSamples != 1 {
				t.Fatalf("answer %d: %+v", seq, m)
			}
			if b := f.batch(t, m.BatchID); b.DeviceID != dev.DeviceID || b.UserID != alice {
				t.Fatalf("batch %+v", b)
			}
		}
		if m := got[4]; m.Type != "error" || m.Problem == nil || m.Problem.Status != 422 || !hasField(*m.Problem, "samples[0].hr") {
			t.Fatalf("answer to a bad batch: %+v", m)
		}
		if m := got[5]; m.Type != "error" || m.Problem == nil || m.Problem.Status != 400 {
			t.Fatalf("answer to a malformed batch: %+v", m)
		}
	})

	t.Run("access token", func(t *testing.T) {
		ws := f.dialWS(t)
		writeWS(t, ws, map[string]any{"type": "auth", "access_token": f.Issuer.Mint(t, bob)})
		if m := readWS(t, ws); m.Type != "ready" || m.UserID != bob || m.DeviceID != "" {
			t.Fatalf("ready: %+v", m)
		}
		writeWS(t, ws, map[string]any{"seq": 7, "samples": []map[string]any{sample(nowMS(), 120)}})
		m := readWS(t, ws)
		if m.Type != "ack" || m.Seq != 7 {
			t.Fatalf("ack: %+v", m)
		}
		if b := f.batch(t, m.BatchID); b.UserID != bob {
			t.Fatalf("batch %+v", b)
		}
		// Another identity cannot take over the connection.
		writeWS(t, ws, map[string]any{"type": "auth", "device_token": dev.Token})
		if m := readWS(t, ws); m.Type != "error" || m.Problem.Code != "caller_changed" {
			t.Fatalf("re-auth as another caller: %+v", m)
		}
	})

	for name, first := range map[string]any{
		"bad device token":  map[string]any{"type": "auth", "device_token": "shd_forged"},
		"bad access token":  map[string]any{"type": "auth", "access_token": "eyJhbGciOiJub25lIn0.e30."},
		"batch before auth": map[string]any{"type": "batch", "seq": 1, "samples": []map[string]any{sample(nowMS(), 120)}},
	} {
		t.Run(name, func(t *testing.T) {
			ws := f.dialWS(t)
			writeWS(t, ws, first)
			if m := readWS(t, ws); m.Type != "error" || m.Problem == nil || m.Problem.Status != 401 {
				t.Fatalf("answer: %+v", m)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if _, _, err := ws.Read(ctx); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
				t.Fatalf("connection not closed for policy: %v", err)
			}
		})
	}
	if r := f.do(t, "GET", base+"/ingest/ws", cred{}, nil); r.Status != 400 || r.problem(t).Code != "websocket_required" {
		t.Fatalf("plain GET: %d %s", r.Status, r.Body)
	}
}
