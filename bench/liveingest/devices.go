package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// device is one simulated device: its credentials and the position of its
// synthetic run, which moves on with every batch so every sample is new.
type device struct {
	n      int
	header http.Header // X-Device-Token or Authorization
	auth   string      // the WebSocket's auth message
	t      int64       // next sample time, Unix ms
	dist   float64
	lat    float64
	lon    float64
	seq    int
}

// sampleStep is the time between a device's samples: 10 ms, so that a
// device sending hundreds of samples a second stays within the last hour
// (the ingest accepts times within [now-7d, now+5min]).
const sampleStep = 10

// setupDevices gives every simulated device its own user and, with
// o.Auth "device", pairs it through the API (a pairing code created with
// the user's token, redeemed anonymously for a device token).
func setupDevices(ctx context.Context, base string, iss *benchkit.Issuer, o Options) ([]*device, error) {
	hc := &http.Client{Transport: benchkit.NewTransport(16), Timeout: 30 * time.Second}
	defer hc.CloseIdleConnections()
	start := time.Now().Add(-time.Hour).UnixMilli()
	devs := make([]*device, o.Devices)
	errs := make([]error, o.Devices)
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for i := range devs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			d := &device{n: i, t: start, lat: 55.75 + float64(i%100)*0.001, lon: 37.61 + float64(i/100)*0.001}
			user := fmt.Sprintf("00000000-0000-4000-8002-%012d", i) // user ids are UUIDs
			tok, err := iss.Token(user, 6*time.Hour)
			if err != nil {
				errs[i] = err
				return
			}
			if o.Auth == "user" {
				d.header = http.Header{"Authorization": {"Bearer " + tok}}
				d.auth = fmt.Sprintf(`{"type":"auth","access_token":%q}`, tok)
			} else {
				dt, err := pairDevice(ctx, hc, base, tok, i)
				if err != nil {
					errs[i] = err
					return
				}
				d.header = http.Header{"X-Device-Token": {dt}}
				d.auth = fmt.Sprintf(`{"type":"auth","device_token":%q}`, dt)
			}
			devs[i] = d
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("set up devices: %w", err)
	}
	return devs, nil
}

// pairDevice creates a pairing code as the user and redeems it as the
// device, returning the device token.
func pairDevice(ctx context.Context, hc *http.Client, base, userToken string, i int) (string, error) {
	var code struct {
		Code string `json:"code"`
	}
	if err := postJSON(ctx, hc, base+devicesapi.BasePath+"/me/pairings",
		http.Header{"Authorization": {"Bearer " + userToken}},
		map[string]any{"kind": "watch", "name": fmt.Sprintf("bench watch %d", i)}, &code); err != nil {
		return "", fmt.Errorf("create pairing: %w", err)
	}
	var paired struct {
		DeviceID string `json:"device_id"`
		Token    string `json:"token"`
	}
	if err := postJSON(ctx, hc, base+devicesapi.BasePath+"/pair", nil,
		map[string]any{"code": code.Code, "manufacturer": "bench", "model": "sim", "serial": fmt.Sprintf("SIM%05d", i), "firmware": "1.0"},
		&paired); err != nil {
		return "", fmt.Errorf("pair: %w", err)
	}
	if paired.Token == "" {
		return "", errors.New("pair: no device token in the answer")
	}
	return paired.Token, nil
}

// postJSON posts body as JSON and decodes a 2xx answer into out.
func postJSON(ctx context.Context, hc *http.Client, url string, h http.Header, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	rb, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: status %d: %.300s", url, res.StatusCode, rb)
	}
	if out != nil {
		return json.Unmarshal(rb, out)
	}
	return nil
}

// batch appends the device's next batch of n samples to buf as the
// ingest body (with "type" and "seq" for the WebSocket), advancing the
// device. Written by hand: the load generator shares the cores with the
// platform, so it should spend little on encoding.
func (d *device) batch(buf []byte, n int, ws bool) []byte {
	d.seq++
	buf = append(buf, '{')
	if ws {
		buf = append(buf, `"type":"batch","seq":`...)
		buf = strconv.AppendInt(buf, int64(d.seq), 10)
		buf = append(buf, ',')
	}
	buf = append(buf, `"batch_id":"b`...)
	buf = strconv.AppendInt(buf, int64(d.n), 10)
	buf = append(buf, '-')
	buf = strconv.AppendInt(buf, d.t, 36)
	buf = append(buf, `","sport":"running","samples":[`...)
	for i := range n {
		if i > 0 {
			buf = append(buf, ',')
		}
		phase := float64(d.t%600_000) / 600_000 * 2 * math.Pi
		speed := 3.2 + 0.4*math.Sin(phase)
		d.dist += speed * sampleStep / 1000
		d.lat += speed * sampleStep / 1000 / 111_000 * math.Cos(phase)
		d.lon += speed * sampleStep / 1000 / 63_000 * math.Sin(phase)
		buf = append(buf, `{"t":`...)
		buf = strconv.AppendInt(buf, d.t, 10)
		buf = append(buf, `,"lat":`...)
		buf = strconv.AppendFloat(buf, d.lat, 'f', 7, 64)
		buf = append(buf, `,"lon":`...)
		buf = strconv.AppendFloat(buf, d.lon, 'f', 7, 64)
		buf = append(buf, `,"alt":`...)
		buf = strconv.AppendFloat(buf, 150+10*math.Sin(phase), 'f', 1, 64)
		buf = append(buf, `,"dist":`...)
		buf = strconv.AppendFloat(buf, d.dist, 'f', 2, 64)
		buf = append(buf, `,"speed":`...)
		buf = strconv.AppendFloat(buf, speed, 'f', 3, 64)
		buf = append(buf, `,"hr":`...)
		buf = strconv.AppendInt(buf, int64(140+10*math.Sin(phase)), 10)
		buf = append(buf, `,"cad":`...)
		buf = strconv.AppendInt(buf, int64(170+4*math.Cos(phase)), 10)
		buf = append(buf, '}')
		d.t += sampleStep
	}
	return append(buf, "]}"...)
}

// result is what one phase of ingest saw.
type result struct {
	Samples  Rate // acknowledged samples over the phase
	Batches  int
	Errors   int
	FirstErr error
	Latency  benchkit.Sample
}

func (r *result) merge(o result) {
	r.Samples.Events += o.Samples.Events
	r.Batches += o.Batches
	r.Errors += o.Errors
	if r.FirstErr == nil {
		r.FirstErr = o.FirstErr
	}
	r.Latency = append(r.Latency, o.Latency...)
}

// newIngestClient is the devices' HTTP client: one keep-alive connection
// per device, kept from phase to phase.
func newIngestClient(devices int) *http.Client {
	return &http.Client{Transport: benchkit.NewTransport(devices), Timeout: 30 * time.Second}
}

// ingest runs every device for d, each sending its next batch as soon as
// the previous one is acknowledged (closed loop), over HTTP or WebSocket.
func ingest(ctx context.Context, hc *http.Client, base string, devs []*device, o Options, d time.Duration) (result, error) {
	per := make([]result, len(devs))
	start := time.Now()
	end := start.Add(d)
	var wg sync.WaitGroup
	for i, dev := range devs {
		wg.Go(func() {
			if o.Path == "ws" {
				per[i] = wsLoop(ctx, hc, base, dev, o.Batch, end)
			} else {
				per[i] = httpLoop(ctx, hc, base, dev, o.Batch, end)
			}
		})
	}
	wg.Wait()
	var r result
	for _, p := range per {
		r.merge(p)
	}
	r.Samples.Elapsed = time.Since(start)
	return r, ctx.Err()
}

// ack is the part of an ingest answer the benchmark reads.
type ack struct {
	Type            string          `json:"type"`
	Seq             int             `json:"seq"`
	AcceptedSamples int             `json:"accepted_samples"`
	Durable         bool            `json:"durable"`
	Problem         json.RawMessage `json:"problem"`
}

func httpLoop(ctx context.Context, hc *http.Client, base string, d *device, n int, end time.Time) result {
	r := result{Latency: make(benchkit.Sample, 0, 1024)}
	url := base + devicesapi.BasePath + "/ingest"
	var buf []byte
	fail := func(err error) {
		r.Errors++
		if r.FirstErr == nil {
			r.FirstErr = err
		}
	}
	for ctx.Err() == nil && time.Now().Before(end) {
		buf = d.batch(buf[:0], n, false)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(buf))
		if err != nil {
			fail(err)
			return r
		}
		for k, v := range d.header {
			req.Header[k] = v
		}
		req.Header.Set("Content-Type", "application/json")
		t0 := time.Now()
		res, err := hc.Do(req)
		if err != nil {
			fail(err)
			continue
		}
		body, err := io.ReadAll(res.Body)
		_ = res.Body.Close()
		lat := time.Since(t0)
		if err != nil {
			fail(err)
			continue
		}
		var a ack
		if res.StatusCode != http.StatusOK || json.Unmarshal(body, &a) != nil || !a.Durable {
			fail(fmt.Errorf("POST ingest: status %d: %.300s", res.StatusCode, body))
			continue
		}
		r.Batches++
		r.Samples.Events += a.AcceptedSamples
		r.Latency = append(r.Latency, lat)
	}
	return r
}

func wsLoop(ctx context.Context, hc *http.Client, base string, d *device, n int, end time.Time) result {
	r := result{Latency: make(benchkit.Sample, 0, 1024)}
	fail := func(err error) result {
		r.Errors++
		if r.FirstErr == nil {
			r.FirstErr = err
		}
		return r
	}
	url := "ws" + strings.TrimPrefix(base, "http") + devicesapi.BasePath + "/ingest/ws"
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: hc})
	if err != nil {
		return fail(fmt.Errorf("dial %s: %w", url, err))
	}
	defer c.CloseNow()
	c.SetReadLimit(1 << 20)
	if err := c.Write(ctx, websocket.MessageText, []byte(d.auth)); err != nil {
		return fail(fmt.Errorf("ws auth: %w", err))
	}
	var buf []byte
	for ctx.Err() == nil && time.Now().Before(end) {
		buf = d.batch(buf[:0], n, true)
		seq := d.seq
		t0 := time.Now()
		if err := c.Write(ctx, websocket.MessageText, buf); err != nil {
			return fail(fmt.Errorf("ws write: %w", err))
		}
		for {
			_, msg, err := c.Read(ctx)
			if err != nil {
				return fail(fmt.Errorf("ws read: %w", err))
			}
			var a ack
			if err := json.Unmarshal(msg, &a); err != nil {
				return fail(fmt.Errorf("ws answer %.200s: %w", msg, err))
			}
			if a.Seq != seq || (a.Type != "ack" && a.Type != "error") {
				continue // an auth confirmation or another notice
			}
			if a.Type == "error" || !a.Durable && a.AcceptedSamples == 0 {
				fail(fmt.Errorf("ws batch %d: %.300s", seq, msg))
				break
			}
			r.Batches++
			r.Samples.Events += a.AcceptedSamples
			r.Latency = append(r.Latency, time.Since(t0))
			break
		}
	}
	_ = c.Close(websocket.StatusNormalClosure, "")
	return r
}
