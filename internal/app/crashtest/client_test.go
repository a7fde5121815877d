package crashtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// client speaks HTTP to sporthub processes.
type client struct {
	hc *http.Client
}

func newClient(t testing.TB) *client {
	tr := &http.Transport{MaxIdleConnsPerHost: 32, IdleConnTimeout: 30 * time.Second}
	t.Cleanup(tr.CloseIdleConnections)
	return &client{hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// response is an HTTP answer with its body read.
type response struct {
	Status int
	Body   []byte
}

// do sends a request with a JSON body (nil: none, []byte: as is) and the
// given headers.
func (c *client) do(method, url string, h http.Header, body any) (response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(body)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return response{}, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return response{}, fmt.Errorf("read body of %s %s: %w", method, url, err)
	}
	return response{Status: res.StatusCode, Body: b}, nil
}

// call is do that fails the test unless the answer is 2xx, and decodes it
// into out (when not nil).
func (c *client) call(t testing.TB, method, url string, h http.Header, body, out any) {
	t.Helper()
	r, err := c.do(method, url, h, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if r.Status/100 != 2 {
		t.Fatalf("%s %s: status %d: %.500s", method, url, r.Status, r.Body)
	}
	if out != nil {
		if err := json.Unmarshal(r.Body, out); err != nil {
			t.Fatalf("%s %s: decode %.300s: %v", method, url, r.Body, err)
		}
	}
}

func bearer(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }

// createUser makes a verified account with the admin bootstrap command
// (the process must not be running) and returns its email and password.
func (pl *platform) createUser() (email, password string) {
	email, password = "athlete@example.test", "a long crash test passphrase"
	pl.cli("admin", "create", "--email="+email, "--password="+password)
	return email, password
}

// login signs in and returns the access token.
func login(t testing.TB, c *client, base, email, password string) string {
	t.Helper()
	var tok authapi.Tokens
	c.call(t, http.MethodPost, base+authapi.BasePath+"/login", nil,
		map[string]string{"email": email, "password": password}, &tok)
	if tok.AccessToken == "" {
		t.Fatal("login: no access token")
	}
	return tok.AccessToken
}

// pairDevice pairs a watch for the user and returns its device token.
func pairDevice(t testing.TB, c *client, base, userToken string) string {
	t.Helper()
	var code struct {
		Code string `json:"code"`
	}
	c.call(t, http.MethodPost, base+devicesapi.BasePath+"/me/pairings", bearer(userToken),
		map[string]any{"kind": "watch", "name": "crash test watch"}, &code)
	var paired struct {
		Token string `json:"token"`
	}
	c.call(t, http.MethodPost, base+devicesapi.BasePath+"/pair", nil,
		map[string]any{"code": code.Code, "manufacturer": "crashtest", "model": "sim", "serial": "CT0001", "firmware": "1.0"}, &paired)
	if paired.Token == "" {
		t.Fatal("pair: no device token")
	}
	return paired.Token
}

// waitQuiet waits until every durable consumer on the domains' streams of
// the process's embedded NATS has handled everything (nothing pending,
// nothing delivered and unacknowledged), three checks in a row. Events a
// killed process had received but not acknowledged come back after the
// consumer's ack wait (30 s by default), so this can take that long.
func (pl *platform) waitQuiet(t testing.TB, domains []string, max time.Duration) {
	t.Helper()
	nc, err := nats.Connect("nats://127.0.0.1:" + strconv.Itoa(pl.natsPort))
	if err != nil {
		t.Fatalf("connect to the embedded nats: %v", err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), max)
	defer cancel()
	quiet := 0
	var last string
	began := time.Now()
	defer func() { t.Logf("consumers idle after %s", time.Since(began).Round(time.Millisecond)) }()
	for quiet < 3 {
		busy := ""
		for _, d := range domains {
			stream := bus.DefaultStreamPrefix + "_" + strings.ToUpper(d)
			st, err := js.Stream(ctx, stream)
			if err != nil {
				t.Fatalf("stream %s: %v (last: %s)", stream, err, last)
			}
			cons := st.ListConsumers(ctx)
			for ci := range cons.Info() {
				if n := ci.NumPending + uint64(ci.NumAckPending); n > 0 {
					busy += fmt.Sprintf(" %s/%s:%d", stream, ci.Name, n)
				}
			}
			if err := cons.Err(); err != nil {
				t.Fatalf("consumers of %s: %v (last: %s)", stream, err, last)
			}
		}
		if busy == "" {
			quiet++
		} else {
			quiet, last = 0, busy
		}
		select {
		case <-ctx.Done():
			t.Fatalf("consumers still busy after %s:%s", max, last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// multipartFiles builds a multipart body with one "file" part per file.
func multipartFiles(files map[string][]byte, order []string) ([]byte, string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, name := range order {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			return nil, "", err
		}
		if _, err := fw.Write(files[name]); err != nil {
			return nil, "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return body.Bytes(), mw.FormDataContentType(), nil
}
