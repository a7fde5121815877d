package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// clock is real time shifted by an offset the test moves.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset).UTC()
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}

// alignStep moves the clock to 2 seconds into a TOTP step, so a code made
// now stays current for the rest of a short test.
func (c *clock) alignStep() {
	now := c.Now()
	into := time.Duration(now.Unix()%30)*time.Second + time.Duration(now.Nanosecond())
	c.Advance(30*time.Second - into + 2*time.Second)
}

// harness runs one auth service on SQLite and an embedded JetStream,
// served over HTTP with a Verifier that fetches the service's own JWKS.
type harness struct {
	t        *testing.T
	svc      *auth.Service
	bus      *bus.Bus
	db       *sqldb.DB
	clock    *clock
	url      string
	verifier *authn.Verifier

	mu   sync.Mutex
	read map[string]int // notifications already taken, by type and address
}

type option func(*auth.Config)

// fastHashing makes argon2id cheap: tests that measure hashing cost opt out.
func fastHashing(c *auth.Config) { c.ArgonMemoryKiB, c.ArgonTime = 1024, 1 }

func start(t *testing.T, opts ...option) *harness {
	t.Helper()
	cfg := auth.DefaultConfig()
	cfg.PublicURL = "https://app.test"
	cfg.IPRate, cfg.IPBurst = 60000, 10000
	cfg.TrustedProxies = []string{"127.0.0.1"}
	fastHashing(&cfg)
	for _, o := range opts {
		o(&cfg)
	}
	h := &harness{t: t, clock: &clock{}, read: map[string]int{}}
	h.bus = bustest.Embedded(t)
	h.db = sqldbtest.SQLite(t, auth.Name, nil)
	svc, err := auth.New(cfg, auth.Deps{DB: h.db, Bus: h.bus, Clock: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	h.svc = svc
	ctx, cancel := context.WithCancel(context.Background())
	done, ready := make(chan error, 1), make(chan struct{})
	go func() { done <- svc.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("auth did not start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("auth not ready after 30s")
	}
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	h.url = srv.URL
	h.verifier = h.newVerifier()
	handler = svc.Handler(h.verifier)
	t.Cleanup(func() {
		srv.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("auth run: %v", err)
		}
	})
	return h
}

// mail waits for the next notification of typ to email that the test has
// not taken yet.
func (h *harness) mail(email, typ string) notifyapi.RequestedV1 {
	h.t.Helper()
	key := typ + "|" + email
	h.mu.Lock()
	seen := h.read[key]
	h.mu.Unlock()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var found []notifyapi.RequestedV1
		for _, ev := range bustest.Events(h.t, h.bus, notifyapi.EventRequested) {
			var n notifyapi.RequestedV1
			if err := ev.Decode(&n); err != nil {
				h.t.Fatal(err)
			}
			if n.Type == typ && n.Email == email {
				found = append(found, n)
			}
		}
		if len(found) > seen {
			h.mu.Lock()
			h.read[key] = seen + 1
			h.mu.Unlock()
			return found[seen]
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("no new %s notification to %s within 10s (%d seen)", typ, email, seen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// noMail fails if a notification of typ to email arrives beyond those taken.
func (h *harness) noMail(email, typ string) {
	h.t.Helper()
	time.Sleep(300 * time.Millisecond) // the relay publishes within a poll
	n := 0
	for _, ev := range bustest.Events(h.t, h.bus, notifyapi.EventRequested) {
		var r notifyapi.RequestedV1
		_ = ev.Decode(&r)
		if r.Type == typ && r.Email == email {
			n++
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n > h.read[typ+"|"+email] {
		h.t.Fatalf("unexpected %s notification to %s", typ, email)
	}
}

// linkToken is the token query parameter of a notification's link.
func linkToken(t *testing.T, n notifyapi.RequestedV1) string {
	t.Helper()
	u, err := url.Parse(n.Data["link"])
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("no token in link %q", n.Data["link"])
	}
	return u.Query().Get("token")
}

// events returns the events of typ about subject ("" for all).
func (h *harness) events(typ, subject string) []bus.Event {
	h.t.Helper()
	var out []bus.Event
	for _, ev := range bustest.Events(h.t, h.bus, typ) {
		if subject == "" || ev.Subject == subject {
			out = append(out, ev)
		}
	}
	return out
}

// waitEvents waits until at least n events of typ are about subject.
func (h *harness) waitEvents(typ, subject string, n int) []bus.Event {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		evs := h.events(typ, subject)
		if len(evs) >= n {
			return evs
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("%d %s events about %q, want %d", len(evs), typ, subject, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// user is a signed-up, verified and signed-in account.
type user struct {
	ID, Email, Password string
	Tokens              authapi.Tokens
}

// signUp registers email, verifies it with the emailed link and signs in.
func (h *harness) signUp(email string, opts ...req) *user {
	h.t.Helper()
	pw := "correct horse " + email
	expect(h.t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: email, Password: pw, Language: "en"}, opts...), 202, "")
	tok := linkToken(h.t, h.mail(email, authapi.NotifyVerifyEmail))
	expect(h.t, h.api("POST", "/verify-email", "", authapi.TokenRequest{Token: tok}, opts...), 200, "")
	u := &user{Email: email, Password: pw, Tokens: h.login(email, pw, opts...)}
	var me authapi.Me
	r := h.api("GET", "/me", u.Tokens.AccessToken, nil)
	expect(h.t, r, 200, "")
	r.json(h.t, &me)
	u.ID = me.UserID
	return u
}

// login signs in and returns the tokens (the account has no 2FA).
func (h *harness) login(email, pw string, opts ...req) authapi.Tokens {
	h.t.Helper()
	r := h.api("POST", "/login", "", authapi.LoginRequest{Email: email, Password: pw}, opts...)
	expect(h.t, r, 200, "")
	var tok authapi.Tokens
	r.json(h.t, &tok)
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		h.t.Fatalf("login without tokens: %s", r.Body)
	}
	return tok
}

// newVerifier returns a verifier of the service's tokens fed by its JWKS
// over HTTP, on the harness's clock.
func (h *harness) newVerifier() *authn.Verifier {
	h.t.Helper()
	v, err := authn.NewVerifier(authn.Config{JWKSURL: h.url + authapi.JWKSPath, Issuer: "sporthub",
		Audience: "sporthub-api", Clock: h.clock.Now}, nil, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	return v
}

// verify checks an access token with the harness's verifier.
func (h *harness) verify(token string) (*authn.Principal, error) {
	return h.verifier.Verify(context.Background(), token)
}
