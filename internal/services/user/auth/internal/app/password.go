package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
)

// checkPassword verifies a signed-in user's current password; a wrong one
// counts towards the lockout like a failed login (a stolen access token
// must not become a password oracle).
func (a *App) checkPassword(ctx context.Context, acct domain.Account, pw string) error {
	key := emailKey(acct.Email)
	if err := a.checkLock(ctx, key); err != nil {
		return err
	}
	if pw == "" || len(pw) > 4*password.MaxLength {
		return a.failure(ctx, key, acct, domain.ErrWrongPassword)
	}
	ok, _, err := a.hasher.Verify(ctx, pw, acct.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return a.failure(ctx, key, acct, domain.ErrWrongPassword)
	}
	return nil
}

// ChangePassword sets a new password for the signed-in user after
// checking the current one; every other session ends.
func (a *App) ChangePassword(ctx context.Context, current, next string) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if err := password.Check("new_password", next, c.acct.Email); err != nil {
		return err
	}
	if err := a.checkPassword(ctx, c.acct, current); err != nil {
		return err
	}
	hash, err := a.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		if err := a.repo.SetPassword(ctx, c.acct.ID, hash); err != nil {
			return err
		}
		ended, err := a.repo.DeleteSessions(ctx, c.acct.ID, c.session.ID)
		if err != nil {
			return err
		}
		for _, id := range ended {
			if err := a.revokeSession(ctx, b, c.acct.ID, id, authapi.RevokedPassword, now); err != nil {
				return err
			}
		}
		b.add(event(authapi.EventPasswordChanged, c.acct.ID, authapi.PasswordChangedV1{UserID: c.acct.ID, At: now}))
		b.add(notification(authapi.NotifyPasswordChanged, c.acct, nil))
		return nil
	})
}

// ForgotPassword emails a reset link when an account has the address;
// otherwise it does nothing, and says nothing.
func (a *App) ForgotPassword(ctx context.Context, email string) error {
	email, err := domain.NormalizeEmail("email", email)
	if err != nil {
		return err
	}
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		acct, err := a.repo.UserByEmail(ctx, email)
		if errors.Is(err, domain.ErrUserNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		token, hash := newSecret()
		if err := a.repo.AddToken(ctx, domain.OneTimeToken{Hash: hash, Kind: domain.TokenReset, UserID: acct.ID,
			CreatedAt: now, ExpiresAt: now.Add(ResetTTL)}); err != nil {
			return err
		}
		b.add(notification(authapi.NotifyPasswordReset, acct, map[string]string{"link": a.link("/reset-password", token)}))
		return nil
	})
}

// ResetPassword sets a new password with a reset link. Using the link
// proves the address, so an unverified one becomes verified; every session
// ends and any lockout is lifted.
func (a *App) ResetPassword(ctx context.Context, token, next string) error {
	if token == "" || len(token) > 128 {
		return domain.ErrInvalidLinkToken
	}
	now := a.now()
	hash := hashSecret(token)
	t, err := a.repo.Token(ctx, hash, domain.TokenReset, now)
	if err != nil {
		return err
	}
	acct, err := a.repo.UserByID(ctx, t.UserID)
	if err != nil {
		return err
	}
	// Checked before the link is used up, so a refused password can be retried.
	if err := password.Check("new_password", next, acct.Email); err != nil {
		return err
	}
	pwHash, err := a.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		if _, err := a.repo.TakeToken(ctx, hash, domain.TokenReset, now); err != nil {
			return err
		}
		if err := a.repo.SetPassword(ctx, acct.ID, pwHash); err != nil {
			return err
		}
		if err := a.repo.MarkVerified(ctx, acct.ID, now, ""); err != nil {
			return err
		}
		if !acct.Verified() {
			b.add(event(authapi.EventEmailVerified, acct.ID, authapi.EmailVerifiedV1{UserID: acct.ID, Email: acct.Email, VerifiedAt: now}))
		}
		for _, kind := range []string{domain.TokenReset, domain.TokenVerifyEmail, domain.TokenMFA} {
			if err := a.repo.DeleteTokens(ctx, acct.ID, kind); err != nil {
				return err
			}
		}
		ended, err := a.repo.DeleteSessions(ctx, acct.ID, "")
		if err != nil {
			return err
		}
		for _, id := range ended {
			if err := a.revokeSession(ctx, b, acct.ID, id, authapi.RevokedPasswordReset, now); err != nil {
				return err
			}
		}
		if err := a.unlock(ctx, b, acct, authapi.UnlockedByEmail, now); err != nil {
			return err
		}
		b.add(event(authapi.EventPasswordChanged, acct.ID, authapi.PasswordChangedV1{UserID: acct.ID, At: now}))
		b.add(notification(authapi.NotifyPasswordChanged, acct, nil))
		return nil
	})
}
