package auth_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

func lockAfter(n int) option { return func(c *auth.Config) { c.LockoutThreshold = n } }

// sameProblem fails unless two error answers are alike but for the
// request's own id and path.
func sameProblem(t *testing.T, a, b response) {
	t.Helper()
	pa, pb := a.problem(t), b.problem(t)
	pa.RequestID, pb.RequestID, pa.Instance, pb.Instance = "", "", "", ""
	if a.Status != b.Status || pa.Code != pb.Code || pa.Detail != pb.Detail || pa.Title != pb.Title {
		t.Fatalf("answers differ:\n%d %+v\n%d %+v", a.Status, pa, b.Status, pb)
	}
}

// TestBruteForceLocksAccounts: consecutive failures lock sign-in for a
// registered and an unregistered email alike; the owner gets a link that
// lifts the lock, and the lock also ends by expiry or by staff.
func TestBruteForceLocksAccounts(t *testing.T) {
	t.Parallel()
	h := start(t, lockAfter(3))
	u := h.signUp("target@example.com")
	wrong := authapi.LoginRequest{Email: u.Email, Password: "not the password"}
	ghost := authapi.LoginRequest{Email: "nobody@example.com", Password: "not the password"}
	for i := range 3 {
		a, b := h.api("POST", "/login", "", wrong), h.api("POST", "/login", "", ghost)
		expect(t, a, 401, "invalid_credentials")
		sameProblem(t, a, b)
		_ = i
	}
	// Locked now: even the right password is refused, for both emails alike.
	locked := h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password})
	expect(t, locked, http.StatusLocked, "account_locked")
	sameProblem(t, locked, h.api("POST", "/login", "", ghost))
	if p := locked.problem(t); p.Status != 423 || p.Title != "Locked" {
		t.Fatalf("problem %+v", p)
	}

	ev := h.waitEvents(authapi.EventAccountLocked, u.ID, 1)
	var al authapi.AccountLockedV1
	if err := ev[0].Decode(&al); err != nil || al.Until.Sub(al.At) != time.Hour {
		t.Fatalf("account_locked %+v", al)
	}
	notice := h.mail(u.Email, authapi.NotifyAccountLocked)
	if notice.Data["minutes"] != "60" || !notice.Critical {
		t.Fatalf("lock notice %+v", notice)
	}
	h.noMail("nobody@example.com", authapi.NotifyAccountLocked)

	// The emailed link lifts the lock once.
	unlock := authapi.TokenRequest{Token: linkToken(t, notice)}
	expect(t, h.api("POST", "/unlock", "", unlock), 204, "")
	expect(t, h.api("POST", "/unlock", "", unlock), 400, "invalid_or_expired_token")
	h.login(u.Email, u.Password)
	assertUnlocked(t, h, u.ID, authapi.UnlockedByEmail, 1)

	// A success resets the count: two more failures do not lock.
	for range 2 {
		expect(t, h.api("POST", "/login", "", wrong), 401, "invalid_credentials")
	}
	h.login(u.Email, u.Password)

	// Locked again, the lock ends by itself after an hour.
	for range 3 {
		expect(t, h.api("POST", "/login", "", wrong), 401, "invalid_credentials")
	}
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}), 423, "account_locked")
	h.clock.Advance(time.Hour + time.Second)
	if err := h.svc.Housekeep(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertUnlocked(t, h, u.ID, authapi.UnlockedByExpiry, 2)
	h.login(u.Email, u.Password)

	// And staff lift it through the access service's event.
	for range 3 {
		expect(t, h.api("POST", "/login", "", wrong), 401, "invalid_credentials")
	}
	expect(t, h.api("POST", "/login", "", authapi.LoginRequest{Email: u.Email, Password: u.Password}), 423, "account_locked")
	publish(t, h, accessapi.EventUserUnlocked, u.ID, accessapi.UserActionV1{UserID: u.ID, ActorID: "staff-1", Reason: "called support", At: time.Now()})
	assertUnlocked(t, h, u.ID, authapi.UnlockedByStaff, 3)
	h.login(u.Email, u.Password)
}

func assertUnlocked(t *testing.T, h *harness, userID, by string, n int) {
	t.Helper()
	evs := h.waitEvents(authapi.EventAccountUnlocked, userID, n)
	var au authapi.AccountUnlockedV1
	if err := evs[n-1].Decode(&au); err != nil || au.By != by {
		t.Fatalf("account_unlocked %+v, want by %s", au, by)
	}
}

// publish puts an event of another service on the bus.
func publish(t *testing.T, h *harness, typ, subject string, data any) {
	t.Helper()
	ev, err := bus.NewEvent(typ, "access", subject, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.bus.Publish(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
}

// TestThrottlesPerAddress: each address gets its own bucket for the
// anonymous routes; past it, 429 with Retry-After.
func TestThrottlesPerAddress(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *auth.Config) { c.IPRate, c.IPBurst = 6, 3 })
	attacker, other := from("198.51.100.7"), from("198.51.100.8")
	login := authapi.LoginRequest{Email: "a@example.com", Password: "whatever-pass"}
	for range 3 {
		expect(t, h.api("POST", "/login", "", login, attacker), 401, "invalid_credentials")
	}
	for _, r := range []response{
		h.api("POST", "/login", "", login, attacker),
		h.api("POST", "/register", "", authapi.RegisterRequest{Email: "b@example.com", Password: "long enough pass"}, attacker),
		h.api("POST", "/password/forgot", "", authapi.EmailRequest{Email: "a@example.com"}, attacker),
		h.api("POST", "/login/2fa", "", authapi.LoginSecondFactorRequest{MFAToken: "x", Code: "123456"}, attacker),
		h.api("POST", "/password/reset", "", authapi.ResetPasswordRequest{Token: "x", NewPassword: "long enough pass"}, attacker),
		h.api("POST", "/verify-email/resend", "", authapi.EmailRequest{Email: "a@example.com"}, attacker),
		h.api("POST", "/unlock", "", authapi.TokenRequest{Token: "x"}, attacker),
	} {
		expect(t, r, 429, "too_many_requests")
		if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 10 {
			t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
		}
	}
	expect(t, h.api("POST", "/login", "", login, other), 401, "invalid_credentials")
	// The JWKS and token refresh are not throttled.
	expect(t, h.do("GET", authapi.JWKSPath, "", nil, attacker), 200, "")
}

// TestNoEnumeration: every anonymous route answers the same for a
// registered and an unknown email, and a login with an unknown email costs
// a hash like a wrong password.
//
// Not parallel: it measures time, so it runs before the parallel tests.
func TestNoEnumeration(t *testing.T) {
	h := start(t, lockAfter(100), func(c *auth.Config) { // a hash costs enough to dominate the timing
		c.ArgonMemoryKiB, c.ArgonTime = 12*1024, 2
	})
	u := h.signUp("known@example.com")
	pending := "pending@example.com"
	expect(t, h.api("POST", "/register", "", authapi.RegisterRequest{Email: pending, Password: "a fine password"}), 202, "")
	for _, tc := range []struct {
		path string
		body func(email string) any
	}{
		{"/register", func(e string) any { return authapi.RegisterRequest{Email: e, Password: "another fine password"} }},
		{"/password/forgot", func(e string) any { return authapi.EmailRequest{Email: e} }},
		{"/verify-email/resend", func(e string) any { return authapi.EmailRequest{Email: e} }},
	} {
		a := h.api("POST", tc.path, "", tc.body(u.Email))
		b := h.api("POST", tc.path, "", tc.body("unknown@example.com"))
		c := h.api("POST", tc.path, "", tc.body(pending))
		if a.Status != 202 || b.Status != a.Status || c.Status != a.Status || !bytes.Equal(a.Body, b.Body) || !bytes.Equal(a.Body, c.Body) {
			t.Fatalf("%s: %d %s / %d %s / %d %s", tc.path, a.Status, a.Body, b.Status, b.Body, c.Status, c.Body)
		}
	}
	// The owner of the registered address hears about the attempt instead.
	if n := h.mail(u.Email, authapi.NotifyAccountExists); n.Data["reset_link"] != "https://app.test/forgot-password" {
		t.Fatalf("account exists notice %+v", n)
	}
	h.mail(u.Email, authapi.NotifyPasswordReset)
	h.noMail(u.Email, authapi.NotifyVerifyEmail) // a verified address gets no new link

	wrong := authapi.LoginRequest{Email: u.Email, Password: "a wrong password"}
	ghost := authapi.LoginRequest{Email: "ghost@example.com", Password: "a wrong password"}
	sameProblem(t, h.api("POST", "/login", "", wrong), h.api("POST", "/login", "", ghost))
	timed := func(body authapi.LoginRequest) time.Duration {
		before := h.svc.HashCount()
		t0 := time.Now()
		expect(t, h.api("POST", "/login", "", body), 401, "invalid_credentials")
		d := time.Since(t0)
		if n := h.svc.HashCount() - before; n != 1 {
			t.Fatalf("a login of %s paid %d hashes, want 1", body.Email, n)
		}
		return d
	}
	// The fastest of a round is each path's cost without the machine's
	// noise (other work only adds time). A real difference shows in every
	// round; noise from a busy machine does not, so one good round of three
	// passes.
	var seen []string
	for range 3 {
		var known, unknown []time.Duration
		for i := range 8 { // interleaved ABBA so order effects cancel
			if i%2 == 0 {
				known = append(known, timed(wrong))
				unknown = append(unknown, timed(ghost))
			} else {
				unknown = append(unknown, timed(ghost))
				known = append(known, timed(wrong))
			}
		}
		mk, mu := slices.Min(known), slices.Min(unknown)
		if ratio := float64(mu) / float64(mk); ratio >= 0.5 && ratio <= 2 {
			return
		}
		seen = append(seen, fmt.Sprintf("unknown %v vs wrong password %v", mu, mk))
	}
	t.Fatalf("an unknown email and a wrong password take different times: %v", seen)
}

// TestHashingIsBounded: with one hashing slot and a tiny wait, a burst of
// logins gets some 503 busy answers and never runs two hashes at once.
func TestHashingIsBounded(t *testing.T) {
	t.Parallel()
	h := start(t, func(c *auth.Config) {
		c.ArgonMemoryKiB, c.ArgonTime = 19*1024, 2
		c.HashConcurrency, c.HashWait = 1, time.Millisecond
	})
	var mu sync.Mutex
	statuses := map[int]int{}
	var retry string
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			r := h.api("POST", "/login", "", authapi.LoginRequest{Email: "storm" + strconv.Itoa(i) + "@example.com", Password: "password guess"},
				from("192.0.2."+strconv.Itoa(i+1)))
			mu.Lock()
			defer mu.Unlock()
			statuses[r.Status]++
			if r.Status == 503 {
				retry = r.Header.Get("Retry-After")
				if p := r.problem(t); p.Code != "busy" {
					t.Errorf("503 with code %q", p.Code)
				}
			}
		})
	}
	wg.Wait()
	if statuses[503] == 0 || statuses[401] == 0 || statuses[503]+statuses[401] != 16 {
		t.Fatalf("statuses %v", statuses)
	}
	if retry == "" {
		t.Fatal("busy without Retry-After")
	}
	if p := h.svc.HashPeak(); p != 1 {
		t.Fatalf("%d hashes ran at once", p)
	}
}
