package upstream_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/gateway/upstream"
)

func TestWebSocketPassesThrough(t *testing.T) {
	ws := newBackendFunc(t, "ws", func(b *backend, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			return
		}
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		for {
			typ, msg, err := conn.Read(r.Context())
			if err != nil {
				return
			}
			reply := fmt.Sprintf("%s %s: %s", r.URL.RequestURI(), r.Header.Get("Authorization"), msg)
			if err := conn.Write(r.Context(), typ, []byte(reply)); err != nil {
				return
			}
		}
	})
	_, url, _ := gateway(t, upstream.Config{URLs: []string{deadURL(t), ws.URL()}})

	for range 2 { // one of the two starts on the refused instance and is retried
		conn, res, err := websocket.Dial(t.Context(), "ws"+strings.TrimPrefix(url, "http")+"/api/v1/live/ws?session=7",
			&websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"Bearer tok"}}})
		if err != nil {
			t.Fatalf("dial through the pool: %v", err)
		}
		if res.StatusCode != http.StatusSwitchingProtocols {
			t.Fatalf("handshake status %d", res.StatusCode)
		}
		for i := range 3 {
			msg := fmt.Sprintf("ping %d", i)
			if err := conn.Write(t.Context(), websocket.MessageText, []byte(msg)); err != nil {
				t.Fatalf("write: %v", err)
			}
			_, got, err := conn.Read(t.Context())
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if want := "/api/v1/live/ws?session=7 Bearer tok: " + msg; string(got) != want {
				t.Fatalf("echo = %q, want %q", got, want)
			}
		}
		if err := conn.Close(websocket.StatusNormalClosure, "bye"); err != nil {
			t.Fatalf("close: %v", err)
		}
	}
}
