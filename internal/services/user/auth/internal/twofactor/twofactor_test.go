package twofactor

import (
	"regexp"
	"testing"
	"time"
)

// RFC 6238 appendix B, SHA-1: the secret "12345678901234567890" in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestRFC6238Vectors(t *testing.T) {
	for _, v := range []struct {
		unix int64
		code string
	}{{59, "287082"}, {1111111109, "081804"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		got, err := Code(rfcSecret, Step(time.Unix(v.unix, 0)))
		if err != nil || got != v.code {
			t.Errorf("at %d: %s (%v), want %s", v.unix, got, err, v.code)
		}
	}
}

func TestMatchWindowAndReplay(t *testing.T) {
	now := time.Unix(1_800_000_015, 0) // mid-step
	cur := Step(now)
	code := func(step int64) string { c, _ := Code(rfcSecret, step); return c }
	if s, ok := Match(rfcSecret, code(cur), now, 0); !ok || s != cur {
		t.Fatal("current step refused")
	}
	if s, ok := Match(rfcSecret, code(cur-1), now, 0); !ok || s != cur-1 {
		t.Fatal("previous step refused")
	}
	for _, step := range []int64{cur - 2, cur + 1, cur - 10} {
		if _, ok := Match(rfcSecret, code(step), now, 0); ok {
			t.Errorf("step %d accepted at %d", step, cur)
		}
	}
	// Replay: nothing at or before the last accepted step.
	if _, ok := Match(rfcSecret, code(cur), now, cur); ok {
		t.Fatal("a used step was accepted again")
	}
	if _, ok := Match(rfcSecret, code(cur-1), now, cur-1); ok {
		t.Fatal("a used previous step was accepted again")
	}
	if s, ok := Match(rfcSecret, code(cur), now, cur-1); !ok || s != cur {
		t.Fatal("the step after the last used one was refused")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := Match(rfcSecret, bad, now, 0); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes := NewRecoveryCodes()
	shape := regexp.MustCompile(`^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2}$`)
	seen := map[string]bool{}
	for _, c := range codes {
		if !shape.MatchString(c) || seen[c] {
			t.Fatalf("code %q (dup %v)", c, seen[c])
		}
		seen[c] = true
		if IsTOTPCode(c) {
			t.Fatalf("%q reads as a TOTP code", c)
		}
	}
	if len(codes) != RecoveryCodeCount {
		t.Fatalf("%d codes", len(codes))
	}
	h := HashRecoveryCode(codes[0])
	for _, variant := range []string{codes[0], " " + codes[0], toUpper(codes[0]), removeDashes(codes[0])} {
		if HashRecoveryCode(variant) != h {
			t.Errorf("%q hashes differently", variant)
		}
	}
	if HashRecoveryCode(codes[1]) == h {
		t.Fatal("two codes share a hash")
	}
}

func TestEnrolment(t *testing.T) {
	e, err := NewEnrolment("a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Secret) != 32 || !regexp.MustCompile(`^otpauth://totp/SportHub:a@example.com\?`).MatchString(e.OTPAuthURL) {
		t.Fatalf("enrolment %+v", e)
	}
	if _, ok := Match(e.Secret, mustCode(t, e.Secret), time.Now(), 0); !ok {
		t.Fatal("a code of the new secret is refused")
	}
}

func mustCode(t *testing.T, secret string) string {
	c, err := Code(secret, Step(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func toUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

func removeDashes(s string) string {
	out := []byte{}
	for _, c := range []byte(s) {
		if c != '-' {
			out = append(out, c)
		}
	}
	return string(out)
}
