package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/authn/authntest"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Notification types of the tests, registered as a composition root would.
var (
	followTpl = notifyapi.Template{
		Type: "social.follow", Category: notifyapi.CategorySocial,
		DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelPush, notifyapi.ChannelEmail},
		Title:           map[string]string{"ru": "Новый подписчик", "en": "New follower"},
		Subject:         map[string]string{"ru": "{{.Data.who}} подписался на вас", "en": "{{.Data.who}} follows you"},
		Text: map[string]string{
			"ru": "{{.Name}}, на вас подписался {{.Data.who}}. Время: {{.Time}}.",
			"en": "{{.Name}}, {{.Data.who}} now follows you. Time: {{.Time}}.",
		},
		HTML: map[string]string{"en": `<p>{{.Data.who}} follows you. <a href="{{.AppURL}}/p/{{.Data.id}}">Open</a></p>`},
		Link: "/p/{{.Data.id}}",
	}
	securityTpl = notifyapi.Template{
		Type: "security.alert", Category: notifyapi.CategorySecurity, Critical: true,
		DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelPush, notifyapi.ChannelEmail},
		Title:           map[string]string{"ru": "Вход в аккаунт", "en": "New sign-in"},
		Subject:         map[string]string{"ru": "Новый вход", "en": "New sign-in"},
		Text:            map[string]string{"ru": "Вход с {{.Data.device}}", "en": "Signed in from {{.Data.device}}"},
	}
	smsTpl = notifyapi.Template{
		Type: "training.reminder", Category: notifyapi.CategoryTraining, DefaultChannels: []string{notifyapi.ChannelSMS},
		Title: map[string]string{"ru": "Тренировка", "en": "Workout"},
		Text:  map[string]string{"ru": "Тренировка в {{.Data.at}}", "en": "Workout at {{.Data.at}}"},
	}
	testTemplates = []notifyapi.Template{followTpl, securityTpl, smsTpl}
)

// harness is a running notify service with its HTTP API, on a real
// embedded JetStream and a real database.
type harness struct {
	t       *testing.T
	bus     *bus.Bus
	db      *sqldb.DB
	url     string
	iss     *authntest.Issuer
	cfg     notify.Config
	mailDir string
	logs    *testkit.SyncBuffer
}

// testConfig is the default configuration with fast retries and polling.
func testConfig() notify.Config {
	cfg := notify.DefaultConfig()
	cfg.AppURL = "https://app.sporthub.test"
	cfg.Push.EndpointHosts = []string{"127.0.0.1"}
	cfg.Delivery.PollInterval = 20 * time.Millisecond
	cfg.Delivery.RetryBase = 50 * time.Millisecond
	cfg.Delivery.RetryMax = 200 * time.Millisecond
	cfg.Delivery.ContactWait = 5 * time.Second
	return cfg
}

type option func(*harness)

func withConfig(fn func(*notify.Config)) option { return func(h *harness) { fn(&h.cfg) } }
func withDB(db *sqldb.DB) option                { return func(h *harness) { h.db = db } }
func withBus(b *bus.Bus) option                 { return func(h *harness) { h.bus = b } }

// start runs notify until the test ends.
func start(t *testing.T, opts ...option) *harness {
	t.Helper()
	h := &harness{t: t, cfg: testConfig(), mailDir: filepath.Join(t.TempDir(), "mail"), logs: &testkit.SyncBuffer{}}
	for _, o := range opts {
		o(h)
	}
	if h.bus == nil {
		h.bus = bustest.Embedded(t)
	}
	if h.db == nil {
		h.db = sqldbtest.SQLite(t, notify.Name, nil)
	}
	logger := slog.New(slog.NewTextHandler(io.MultiWriter(h.logs, testWriter{t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
	svc, err := notify.New(h.cfg, notify.Deps{DB: h.db, Bus: h.bus, Logger: logger, Templates: testTemplates, MailDir: h.mailDir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done, ready := make(chan error, 1), make(chan struct{})
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("notify did not start: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("notify not ready after 20s")
	}
	h.iss = authntest.NewIssuer(t, "sporthub", "sporthub-api")
	handler := web.Chain(svc.Handler(), web.Recover(), web.RequestIDs(), authn.Middleware(h.iss.Verifier(t)))
	srv := httptest.NewServer(handler)
	h.url = srv.URL
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("notify stopped with %v", err)
		}
	})
	return h
}

// testWriter sends logs to the test output (shown for failing tests).
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// response is an HTTP answer with its body read.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// token mints an access token for user with permissions.
func (h *harness) token(user string, perms ...string) string {
	return h.iss.Mint(h.t, user, authntest.WithPermissions(perms...))
}

// do sends a request; body nil, a string or a value sent as JSON.
func (h *harness) do(method, path, token string, body any) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		js, _ := json.Marshal(b)
		rd = bytes.NewReader(js)
	}
	req, _ := http.NewRequest(method, h.url+notifyapi.BasePath+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// publish puts an event on the bus as its producer's relay would.
func (h *harness) publish(typ, source, subject string, payload any) bus.Event {
	h.t.Helper()
	ev, err := bus.NewEvent(typ, source, subject, payload)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.bus.Publish(context.Background(), ev); err != nil {
		h.t.Fatal(err)
	}
	return ev
}

// request asks notify to send, as any service does.
func (h *harness) request(req notifyapi.RequestedV1) bus.Event {
	h.t.Helper()
	ev, err := notifyapi.NewRequest("tests", req)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.bus.Publish(context.Background(), ev); err != nil {
		h.t.Fatal(err)
	}
	return ev
}

// user describes a recipient's account and settings.
type user struct {
	id, email, lang, tz string
	phone               *string
	overrides           map[string]map[string]bool
	quiet               map[string]any
}

// register publishes the user's registration, verification and settings
// and waits until notify has applied them.
func (h *harness) register(u user) {
	h.t.Helper()
	h.publish("user.auth.user_registered.v1", "auth", u.id, map[string]any{"user_id": u.id, "email": u.email, "language": u.lang, "registered_at": time.Now()})
	h.publish("user.auth.email_verified.v1", "auth", u.id, map[string]any{"user_id": u.id, "email": u.email, "verified_at": time.Now()})
	quiet := u.quiet
	if quiet == nil {
		quiet = map[string]any{"enabled": false, "start": "22:00", "end": "07:00"}
	}
	h.publish("user.settings.settings_changed.v1", "settings", u.id, map[string]any{
		"user_id": u.id, "theme": "system", "units": "metric", "first_day_of_week": 1, "language": u.lang, "region": "RU",
		"time_zone": u.tz, "currency": "RUB", "phone": u.phone, "notifications": u.overrides, "quiet_hours": quiet,
		"marketing_consent": map[string]any{"granted": false, "at": nil}, "updated_at": time.Now()})
	h.idle("notify-users", "USER")
}

// idle waits until a durable consumer has handled everything on its stream.
func (h *harness) idle(durable, domain string) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	stream := h.bus.StreamName(strings.ToLower(domain))
	for {
		c, err := h.bus.JetStream().Consumer(context.Background(), stream, durable)
		if err == nil {
			info, err := c.Info(context.Background())
			if err == nil && info.NumPending == 0 && info.NumAckPending == 0 {
				return
			}
		} else if err != jetstream.ErrConsumerNotFound {
			h.t.Fatal(err)
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("consumer %s still busy after 10s", durable)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// eventually retries check until it passes or 10s are over.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// inbox reads a user's inbox.
func (h *harness) inbox(token string) notifyapi.InboxPage {
	h.t.Helper()
	r := h.do("GET", "/inbox", token, nil)
	if r.Status != 200 {
		h.t.Fatalf("inbox: %d %s", r.Status, r.Body)
	}
	var p notifyapi.InboxPage
	r.decode(h.t, &p)
	return p
}

// deliveries reads a user's delivery log, keyed by notification id and channel.
func (h *harness) deliveries(token string) map[string]notifyapi.Delivery {
	h.t.Helper()
	r := h.do("GET", "/deliveries?limit=100", token, nil)
	if r.Status != 200 {
		h.t.Fatalf("deliveries: %d %s", r.Status, r.Body)
	}
	var p notifyapi.DeliveryPage
	r.decode(h.t, &p)
	out := map[string]notifyapi.Delivery{}
	for _, d := range p.Items {
		out[d.NotificationID+"/"+d.Channel] = d
	}
	return out
}

// mails returns the .eml files written for address.
func (h *harness) mails(address string) []string {
	files, _ := filepath.Glob(filepath.Join(h.mailDir, "*.eml"))
	var out []string
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), "To: <"+address+">") {
			out = append(out, string(b))
		}
	}
	return out
}
