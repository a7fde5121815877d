// Package keys manages the auth service's token signing keys: Ed25519
// pairs, the rotation schedule (a new key is published before it signs,
// an old one stays published until every token it signed has expired), the
// JWKS document, and signing access tokens. It also seals secrets kept in
// the database with the key-encryption key.
package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"slices"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/authn"
)

// Key is one signing key pair and its schedule.
type Key struct {
	ID        string
	Public    ed25519.PublicKey
	Private   ed25519.PrivateKey
	CreatedAt time.Time
	// SignsFrom is when the key starts signing; it is published from
	// CreatedAt on, so verifiers know it before they meet its tokens.
	SignsFrom time.Time
	// ExpiresAt, once a newer key signs, is when the last token this key
	// signed has expired and it leaves the JWKS (zero: still in use).
	ExpiresAt time.Time
}

// Generate makes a new key that signs from signsFrom.
func Generate(now, signsFrom time.Time) Key {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("generate ed25519 key: " + err.Error()) // crypto/rand does not fail
	}
	return Key{ID: uuid.Must(uuid.NewV7()).String(), Public: pub, Private: priv, CreatedAt: now, SignsFrom: signsFrom}
}

// Policy is the rotation schedule.
type Policy struct {
	Rotation    time.Duration // how long a key signs
	PublishLead time.Duration // how long a new key is published before it signs
	TokenLife   time.Duration // access token lifetime plus margins (leeway, replicas' reload)
}

// Plan is what a rotation round must do.
type Plan struct {
	Create *Key                 // a key to add, or nil
	Expire map[string]time.Time // keys no longer signing: when they leave the JWKS
	Drop   []string             // keys whose tokens have all expired
}

// Empty reports whether the plan does nothing.
func (p Plan) Empty() bool { return p.Create == nil && len(p.Expire) == 0 && len(p.Drop) == 0 }

// PlanRotation decides the next round of rotation for the keys held at now.
func PlanRotation(held []Key, now time.Time, p Policy) Plan {
	plan := Plan{Expire: map[string]time.Time{}}
	active := Signing(held, now)
	pending := false
	for _, k := range held {
		if k.SignsFrom.After(now) {
			pending = true
		}
		if !k.ExpiresAt.IsZero() && !k.ExpiresAt.After(now) {
			plan.Drop = append(plan.Drop, k.ID)
		}
	}
	switch {
	case active == nil && !pending:
		k := Generate(now, now) // the very first key: nobody holds a token yet
		plan.Create = &k
	case active != nil && !pending && !now.Before(active.SignsFrom.Add(p.Rotation-p.PublishLead)):
		k := Generate(now, now.Add(p.PublishLead))
		plan.Create = &k
	}
	if active != nil {
		for _, k := range held {
			if k.ID != active.ID && k.ExpiresAt.IsZero() && k.SignsFrom.Before(active.SignsFrom) {
				plan.Expire[k.ID] = active.SignsFrom.Add(p.TokenLife)
			}
		}
	}
	return plan
}

// Signing returns the key that signs at now: the newest whose SignsFrom
// has come. nil when there is none.
func Signing(held []Key, now time.Time) *Key {
	var best *Key
	for i := range held {
		k := &held[i]
		if k.SignsFrom.After(now) || (!k.ExpiresAt.IsZero() && !k.ExpiresAt.After(now)) {
			continue
		}
		if best == nil || k.SignsFrom.After(best.SignsFrom) || (k.SignsFrom.Equal(best.SignsFrom) && k.ID > best.ID) {
			best = k
		}
	}
	return best
}

// JWKS returns the public keys verifiers must know at now: every key not
// yet expired, the pending one included, newest first.
func JWKS(held []Key, now time.Time) authn.JWKS {
	sorted := slices.Clone(held)
	slices.SortFunc(sorted, func(a, b Key) int { return b.SignsFrom.Compare(a.SignsFrom) })
	set := authn.JWKS{Keys: []authn.JWK{}}
	for _, k := range sorted {
		if k.ExpiresAt.IsZero() || k.ExpiresAt.After(now) {
			set.Keys = append(set.Keys, authn.Ed25519JWK(k.ID, k.Public))
		}
	}
	return set
}

// Sign signs claims with k as an EdDSA JWT carrying k's id.
func Sign(k *Key, claims *authn.Claims) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	t.Header["kid"] = k.ID
	return t.SignedString(k.Private)
}
