package devices_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// TestThroughTheGateway runs the whole platform: a device pairs, ingests
// with X-Device-Token and over the WebSocket through the gateway, and an
// upload larger than the server's default body limit is imported and
// taken by the tracker.
func TestThroughTheGateway(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) { c.Demo.Athletes = false; c.Catalog.Demo = false })
	user := p.Issuer.Mint(t, alice)

	r := p.Do(t, "POST", base+"/me/pairings", user, devicesapi.PairingRequest{Kind: "phone", Name: "Phone"})
	var pairing devicesapi.Pairing
	r.JSON(t, &pairing)
	r = p.Do(t, "POST", base+"/pair", "", devicesapi.PairRequest{Code: pairing.Code})
	var dev devicesapi.PairResult
	r.JSON(t, &dev)
	if r.Status != 201 {
		t.Fatalf("pair through the gateway: %d %s", r.Status, r.Body)
	}

	req, _ := http.NewRequest("POST", p.URL+base+"/ingest", strings.NewReader(fmt.Sprintf(`{"batch_id":"gw-1","samples":[{"t":%d,"hr":120}]}`, nowMS())))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(devicesapi.DeviceTokenHeader, dev.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"durable":true`) {
		t.Fatalf("ingest through the gateway: %d %s", resp.StatusCode, body)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(p.URL, "http")+base+"/ingest/ws", nil)
	if err != nil {
		t.Fatalf("websocket through the gateway: %v", err)
	}
	defer ws.CloseNow()
	writeWS(t, ws, map[string]any{"type": "auth", "access_token": user})
	if m := readWS(t, ws); m.Type != "ready" || m.UserID != alice {
		t.Fatalf("ready: %+v", m)
	}
	writeWS(t, ws, map[string]any{"seq": 1, "samples": []map[string]any{sample(nowMS()-1000, 121)}})
	if m := readWS(t, ws); m.Type != "ack" || !m.Durable {
		t.Fatalf("ack: %+v", m)
	}

	// Over 1 MiB (http.max_body_bytes): the imports route has its own limit.
	big := gpxRun(time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC), 12000)
	if len(big) <= 1<<20 {
		t.Fatalf("test file of %d bytes is not over the default limit", len(big))
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "long.gpx")
	_, _ = fw.Write(big)
	_ = mw.Close()
	req, _ = http.NewRequest("POST", p.URL+base+"/imports", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+user)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var res devicesapi.ImportResult
	apptest.Response{Status: resp.StatusCode, Body: mustRead(t, resp)}.JSON(t, &res)
	if resp.StatusCode != 200 || res.Summary.Accepted != 1 {
		t.Fatalf("big upload: %d %+v", resp.StatusCode, res)
	}
	id := res.Items[0].ImportID
	var im devicesapi.Import
	deadline := time.Now().Add(30 * time.Second)
	for {
		p.Do(t, "GET", base+"/imports/"+id, user, nil).JSON(t, &im)
		if im.Status != "processing" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if im.Status != "imported" || im.ActivityID == "" {
		t.Fatalf("import after the tracker's answer: %+v", im)
	}
}

func mustRead(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
