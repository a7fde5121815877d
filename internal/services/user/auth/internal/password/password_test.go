package password

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

var cheap = Params{MemoryKiB: 256, Time: 1, Threads: 1}

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h, err := NewHasher(cheap, 2, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "$argon2id$v=19$m=256,t=1,p=1$") {
		t.Fatalf("not a PHC string: %s", stored)
	}
	other, _ := h.Hash(ctx, "correct horse battery")
	if other == stored {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if ok, rehash, err := h.Verify(ctx, "correct horse battery", stored); !ok || rehash != "" || err != nil {
		t.Fatalf("verify = %v %q %v", ok, rehash, err)
	}
	if ok, _, _ := h.Verify(ctx, "correct horse batterY", stored); ok {
		t.Fatal("a wrong password matches")
	}
	// Composed and decomposed accents are one password (NFKC).
	accented, _ := h.Hash(ctx, "caf\u00e9 au lait!")
	if ok, _, _ := h.Verify(ctx, "cafe\u0301 au lait!", accented); !ok {
		t.Fatal("NFKC forms differ")
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", strings.Replace(stored, "v=19", "v=16", 1)} {
		if ok, _, err := h.Verify(ctx, "x", bad); ok || err != nil {
			t.Fatalf("stored %q: ok %v err %v", bad, ok, err)
		}
	}
}

// TestRehashOnNewParameters: a hash made with old parameters still
// verifies, and the successful check hands back one with the new ones.
func TestRehashOnNewParameters(t *testing.T) {
	ctx := context.Background()
	old, _ := NewHasher(cheap, 1, time.Second)
	stored, _ := old.Hash(ctx, "a long passphrase")
	stronger := Params{MemoryKiB: 512, Time: 2, Threads: 1}
	h, _ := NewHasher(stronger, 1, time.Second)
	ok, rehash, err := h.Verify(ctx, "a long passphrase", stored)
	if !ok || err != nil || !strings.HasPrefix(rehash, "$argon2id$v=19$m=512,t=2,p=1$") {
		t.Fatalf("verify = %v %q %v", ok, rehash, err)
	}
	if ok, again, _ := h.Verify(ctx, "a long passphrase", rehash); !ok || again != "" {
		t.Fatal("the new hash does not verify or asks for another rehash")
	}
	if ok, rehash, _ := h.Verify(ctx, "wrong passphrase", stored); ok || rehash != "" {
		t.Fatal("a wrong password was rehashed")
	}
}

// TestConcurrencyIsBounded: no more hashes run at once than slots, and a
// caller that cannot get one within the wait is told the service is busy.
func TestConcurrencyIsBounded(t *testing.T) {
	ctx := context.Background()
	h, _ := NewHasher(Params{MemoryKiB: 8 * 1024, Time: 2, Threads: 1}, 2, time.Millisecond)
	var wg sync.WaitGroup
	var mu sync.Mutex
	busy, done := 0, 0
	for range 12 {
		wg.Go(func() {
			_, err := h.Hash(ctx, "some password here")
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, ErrBusy):
				busy++
			case err == nil:
				done++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if h.Peak() > 2 || busy == 0 || done == 0 {
		t.Fatalf("peak %d, busy %d, done %d", h.Peak(), busy, done)
	}
	if apperr.KindOf(ErrBusy) != apperr.Unavailable {
		t.Fatal("busy is not a 503")
	}
	// A cancelled wait ends at once.
	h2, _ := NewHasher(cheap, 1, time.Hour)
	release, _ := h2.acquire(ctx)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := h2.Hash(cctx, "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: %v", err)
	}
	release()
}

func TestDummyCostsAHash(t *testing.T) {
	h, _ := NewHasher(cheap, 1, time.Second)
	before := h.Count()
	if err := h.VerifyDummy(context.Background(), "anything"); err != nil || h.Count() != before+1 {
		t.Fatalf("dummy verify: %v, %d hashes", err, h.Count()-before)
	}
}

func TestCheck(t *testing.T) {
	if CommonCount() < 10000 {
		t.Fatalf("only %d common passwords", CommonCount())
	}
	cases := []struct {
		pw, email, code string
	}{
		{"correct horse battery staple", "a@example.com", ""},
		{"short", "", "too_short"},
		{"seven77", "", "too_short"},
		{"пароль-из-кириллицы", "", ""},
		{strings.Repeat("é", 256), "", ""},
		{strings.Repeat("é", 257), "", "too_long"},
		{"password", "", "too_common"},
		{"Password1", "", "too_common"},
		{"iloveyou", "", "too_common"},
		{"qwertyuiop", "", "too_common"},
		{"1q2w3e4r", "", "too_common"},
		{"Runner@Example.com", "runner@example.com", "contains_email"},
		{"marathoner", "marathoner@example.com", "contains_email"},
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", "", "invalid"},
		{"        ", "", ""}, // spaces are characters like any other
	}
	for _, c := range cases {
		err := Check("password", c.pw, c.email)
		var ae *apperr.Error
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%q refused: %v", c.pw, err)
		case c.code != "" && (!errors.As(err, &ae) || len(ae.Fields) != 1 || ae.Fields[0].Code != c.code || ae.Fields[0].Field != "password"):
			t.Errorf("%q: %v, want %s", c.pw, err, c.code)
		}
	}
}
