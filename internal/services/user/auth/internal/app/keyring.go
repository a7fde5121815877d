package app

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/keys"
)

// keyAAD binds a sealed private key to its key id.
func keyAAD(id string) string { return "signing-key:" + id }

// LoadKeys reads the signing keys into memory.
func (a *App) LoadKeys(ctx context.Context) error {
	stored, err := a.repo.SigningKeys(ctx)
	if err != nil {
		return err
	}
	held := make([]keys.Key, 0, len(stored))
	for _, s := range stored {
		seed, err := a.sealer.Open(s.SealedPrivate, keyAAD(s.ID))
		if err != nil {
			return fmt.Errorf("open signing key %s: %w", s.ID, err)
		}
		if len(seed) != ed25519.SeedSize || len(s.Public) != ed25519.PublicKeySize {
			return fmt.Errorf("signing key %s is malformed", s.ID)
		}
		held = append(held, keys.Key{ID: s.ID, Public: s.Public, Private: ed25519.NewKeyFromSeed(seed),
			CreatedAt: s.CreatedAt, SignsFrom: s.SignsFrom, ExpiresAt: s.ExpiresAt})
	}
	a.ring.Store(&held)
	return nil
}

func (a *App) heldKeys() []keys.Key {
	if p := a.ring.Load(); p != nil {
		return *p
	}
	return nil
}

// RotateKeys runs one round of key rotation: it adds the first key, or a
// new key PublishLead before the current one has signed for Rotation,
// schedules the retirement of keys a newer one replaced, and drops keys
// whose tokens have all expired. It then reloads the keys, so replicas
// pick up each other's rotations on their next round.
func (a *App) RotateKeys(ctx context.Context) error {
	if err := a.LoadKeys(ctx); err != nil {
		return err
	}
	now := a.now()
	plan := keys.PlanRotation(a.heldKeys(), now, a.cfg.Keys)
	if plan.Empty() {
		return nil
	}
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		if k := plan.Create; k != nil {
			err := a.repo.AddSigningKey(ctx, domain.SigningKey{ID: k.ID, Public: k.Public,
				SealedPrivate: a.sealer.Seal(k.Private.Seed(), keyAAD(k.ID)), CreatedAt: k.CreatedAt, SignsFrom: k.SignsFrom})
			if err != nil {
				return err
			}
			a.logger.Info("signing key created", "kid", k.ID, "signs_from", k.SignsFrom)
		}
		for id, at := range plan.Expire {
			if err := a.repo.ExpireSigningKey(ctx, id, at); err != nil {
				return err
			}
		}
		for _, id := range plan.Drop {
			if err := a.repo.DeleteSigningKey(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rotate signing keys: %w", err)
	}
	return a.LoadKeys(ctx)
}

// JWKS is the key set verifiers fetch.
func (a *App) JWKS() authn.JWKS { return keys.JWKS(a.heldKeys(), a.now()) }

// mint signs an access token for the session with the user's grants.
func (a *App) mint(acct domain.Account, g domain.Grants, s domain.Session, now time.Time) (token string, iat, exp time.Time, err error) {
	k := keys.Signing(a.heldKeys(), now)
	if k == nil {
		return "", iat, exp, apperr.New(apperr.Unavailable, "no_signing_key", "tokens cannot be issued right now")
	}
	// Never before the latest revocation of the user's tokens, so a token
	// minted in the same second as a revocation survives it.
	iat = now.Truncate(time.Second)
	if acct.TokensNotBefore.After(iat) {
		iat = acct.TokensNotBefore
	}
	exp = iat.Add(a.cfg.AccessTTL)
	roles, perms := g.Effective(s.TwoFactor)
	claims := &authn.Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: a.cfg.Issuer, Subject: acct.ID, Audience: jwt.ClaimStrings{a.cfg.Audience},
			ExpiresAt: jwt.NewNumericDate(exp), IssuedAt: jwt.NewNumericDate(iat), NotBefore: jwt.NewNumericDate(iat),
			ID: newID(),
		},
		Roles: roles, Permissions: perms, SessionID: s.ID, AMR: s.AMR(),
	}
	if token, err = keys.Sign(k, claims); err != nil {
		return "", iat, exp, fmt.Errorf("sign access token: %w", err)
	}
	return token, iat, exp, nil
}
