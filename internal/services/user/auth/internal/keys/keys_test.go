package keys

import (
	"bytes"
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

var policy = Policy{Rotation: 30 * 24 * time.Hour, PublishLead: 10 * time.Minute, TokenLife: 15 * time.Minute}

// apply carries out a plan on held, as the store would.
func apply(held []Key, p Plan) []Key {
	var out []Key
	for _, k := range held {
		drop := false
		for _, id := range p.Drop {
			drop = drop || id == k.ID
		}
		if drop {
			continue
		}
		if at, ok := p.Expire[k.ID]; ok {
			k.ExpiresAt = at
		}
		out = append(out, k)
	}
	if p.Create != nil {
		out = append(out, *p.Create)
	}
	return out
}

// TestRotationSchedule walks a key's life: first key, the successor
// published a lead before it signs, the old key published until its last
// token expires, then dropped.
func TestRotationSchedule(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := PlanRotation(nil, t0, policy)
	if p.Create == nil || !p.Create.SignsFrom.Equal(t0) {
		t.Fatalf("no first key: %+v", p)
	}
	held := apply(nil, p)
	k1 := held[0]
	if !PlanRotation(held, t0.Add(29*24*time.Hour), policy).Empty() {
		t.Fatal("rotation too early")
	}
	due := t0.Add(policy.Rotation - policy.PublishLead)
	p = PlanRotation(held, due, policy)
	if p.Create == nil || !p.Create.SignsFrom.Equal(due.Add(policy.PublishLead)) {
		t.Fatalf("successor %+v", p.Create)
	}
	held = apply(held, p)
	k2 := held[1]
	if !PlanRotation(held, due.Add(time.Minute), policy).Empty() {
		t.Fatal("a second successor while one is pending")
	}
	// Published but not signing yet.
	if s := Signing(held, due.Add(policy.PublishLead-time.Second)); s.ID != k1.ID {
		t.Fatal("the successor signs before its time")
	}
	if set := JWKS(held, due); len(set.Keys) != 2 || set.Keys[0].KeyID != k2.ID {
		t.Fatalf("jwks %+v", set)
	}
	switchAt := k2.SignsFrom
	if s := Signing(held, switchAt); s.ID != k2.ID {
		t.Fatal("the successor does not sign at its time")
	}
	p = PlanRotation(held, switchAt.Add(time.Second), policy)
	if at := p.Expire[k1.ID]; !at.Equal(switchAt.Add(policy.TokenLife)) || p.Create != nil {
		t.Fatalf("retirement plan %+v", p)
	}
	held = apply(held, p)
	if set := JWKS(held, switchAt.Add(policy.TokenLife-time.Second)); len(set.Keys) != 2 {
		t.Fatal("the old key left while its tokens live")
	}
	p = PlanRotation(held, switchAt.Add(policy.TokenLife), policy)
	if len(p.Drop) != 1 || p.Drop[0] != k1.ID {
		t.Fatalf("drop plan %+v", p)
	}
	held = apply(held, p)
	if set := JWKS(held, switchAt.Add(policy.TokenLife)); len(set.Keys) != 1 || set.Keys[0].KeyID != k2.ID {
		t.Fatalf("jwks %+v", set)
	}
}

func TestSignVerifies(t *testing.T) {
	now := time.Now()
	k := Generate(now, now)
	claims := &authn.Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "u1", Issuer: "sporthub",
		Audience: jwt.ClaimStrings{"sporthub-api"}, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Minute))},
		AMR: []string{"pwd"}}
	tok, err := Sign(&k, claims)
	if err != nil {
		t.Fatal(err)
	}
	v, err := authn.NewStaticVerifier(map[string]ed25519.PublicKey{k.ID: k.Public}, "sporthub", "sporthub-api")
	if err != nil {
		t.Fatal(err)
	}
	p, err := v.Verify(t.Context(), tok)
	if err != nil || p.Subject != "u1" || len(p.AMR) != 1 || p.AMR[0] != "pwd" {
		t.Fatalf("verify %+v %v", p, err)
	}
}

func TestSealer(t *testing.T) {
	plain, _ := NewSealer(nil)
	kek := bytes.Repeat([]byte{7}, 32)
	sealed, _ := NewSealer(kek)
	secret := []byte("totp secret")

	clear := plain.Seal(secret, "totp:u1")
	if !strings.HasPrefix(clear, "raw:") || plain.Encrypted() {
		t.Fatalf("clear form %q", clear)
	}
	enc := sealed.Seal(secret, "totp:u1")
	if !strings.HasPrefix(enc, "gcm1:") || strings.Contains(enc, "totp secret") || enc == sealed.Seal(secret, "totp:u1") {
		t.Fatalf("sealed form %q", enc)
	}
	if got, err := sealed.Open(enc, "totp:u1"); err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("open %q %v", got, err)
	}
	// A key configured later still reads values stored in the clear.
	if got, err := sealed.Open(clear, "totp:u1"); err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("open clear %q %v", got, err)
	}
	// Bound to the row, the key and the text.
	if _, err := sealed.Open(enc, "totp:u2"); err == nil {
		t.Fatal("opened under another row's additional data")
	}
	other, _ := NewSealer(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open(enc, "totp:u1"); err == nil {
		t.Fatal("opened with another key")
	}
	if _, err := plain.Open(enc, "totp:u1"); err == nil {
		t.Fatal("opened without a key")
	}
	if _, err := sealed.Open(enc[:len(enc)-2]+"AA", "totp:u1"); err == nil {
		t.Fatal("opened a tampered value")
	}
	if _, err := NewSealer([]byte("short")); err == nil {
		t.Fatal("a short key was accepted")
	}
}
