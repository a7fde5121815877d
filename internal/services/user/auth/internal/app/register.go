package app

import (
	"context"
	"errors"
	"slices"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
)

// checkNewAccount validates a registration's input and returns the
// normalised email and language.
func checkNewAccount(email, pw, language string) (string, string, error) {
	var f apperr.Fields
	e, err := domain.NormalizeEmail("email", email)
	var ae *apperr.Error
	if errors.As(err, &ae) {
		f = append(f, ae.Fields...)
	}
	if language == "" {
		language = domain.DefaultLanguage
	} else if !slices.Contains(domain.Languages, language) {
		f.Add("language", "not_allowed", "must be ru or en")
	}
	if err := password.Check("password", pw, e); err != nil && errors.As(err, &ae) {
		f = append(f, ae.Fields...)
	}
	return e, language, f.Err()
}

// Register creates an account and emails a verification link. The answer
// is the same whether or not the email is taken: a verified account's
// owner is told someone tried to register with their address instead,
// and an unverified account gets a new link that carries this password
// (whoever proves the address by its link sets the password). Every call
// pays for one hash, so timing does not tell the cases apart either.
func (a *App) Register(ctx context.Context, email, pw, language string) error {
	email, language, err := checkNewAccount(email, pw, language)
	if err != nil {
		return err
	}
	hash, err := a.hasher.Hash(ctx, pw)
	if err != nil {
		return err
	}
	now := a.now()
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		acct, err := a.repo.UserByEmail(ctx, email)
		switch {
		case errors.Is(err, domain.ErrUserNotFound):
			acct = domain.Account{ID: newID(), Email: email, PasswordHash: hash, Language: language, CreatedAt: now}
			if err := a.repo.CreateUser(ctx, acct); err != nil {
				return err
			}
			b.add(event(authapi.EventUserRegistered, acct.ID, authapi.UserRegisteredV1{
				UserID: acct.ID, Email: email, Language: language, RegisteredAt: now}))
			return a.sendVerification(ctx, b, acct, "")
		case err != nil:
			return err
		case acct.Verified():
			b.add(notification(authapi.NotifyAccountExists, acct, map[string]string{
				"link": a.cfg.PublicURL + "/login", "reset_link": a.cfg.PublicURL + "/forgot-password"}))
			return nil
		default:
			return a.sendVerification(ctx, b, acct, hash)
		}
	})
	if errors.Is(err, domain.ErrEmailTaken) {
		return nil // a concurrent registration of the same address won
	}
	return err
}

// sendVerification adds a verification link for acct; hash, when set, is
// the password the account gets when this link is used.
func (a *App) sendVerification(ctx context.Context, b *batch, acct domain.Account, hash string) error {
	now := a.now()
	token, th := newSecret()
	if err := a.repo.AddToken(ctx, domain.OneTimeToken{Hash: th, Kind: domain.TokenVerifyEmail, UserID: acct.ID,
		Data: hash, CreatedAt: now, ExpiresAt: now.Add(VerifyTTL)}); err != nil {
		return err
	}
	b.add(notification(authapi.NotifyVerifyEmail, acct, map[string]string{"link": a.link("/verify-email", token)}))
	return nil
}

// VerifyEmail uses a verification link: the address is verified, and the
// other links sent for it stop working.
func (a *App) VerifyEmail(ctx context.Context, token string) error {
	if token == "" || len(token) > 128 {
		return domain.ErrInvalidLinkToken
	}
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		t, err := a.repo.TakeToken(ctx, hashSecret(token), domain.TokenVerifyEmail, now)
		if err != nil {
			return err
		}
		acct, err := a.repo.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		if err := a.repo.MarkVerified(ctx, acct.ID, now, t.Data); err != nil {
			return err
		}
		if err := a.repo.DeleteTokens(ctx, acct.ID, domain.TokenVerifyEmail); err != nil {
			return err
		}
		if !acct.Verified() {
			b.add(event(authapi.EventEmailVerified, acct.ID, authapi.EmailVerifiedV1{UserID: acct.ID, Email: acct.Email, VerifiedAt: now}))
		}
		return nil
	})
}

// ResendVerification emails a new verification link when an unverified
// account has the address; otherwise it does nothing, and says nothing.
func (a *App) ResendVerification(ctx context.Context, email string) error {
	email, err := domain.NormalizeEmail("email", email)
	if err != nil {
		return err
	}
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		acct, err := a.repo.UserByEmail(ctx, email)
		if errors.Is(err, domain.ErrUserNotFound) || (err == nil && acct.Verified()) {
			return nil
		}
		if err != nil {
			return err
		}
		return a.sendVerification(ctx, b, acct, "")
	})
}

// CreateVerifiedUser creates an account whose email counts as verified
// (for operators bootstrapping the first users). The password rules hold;
// an email already taken is a conflict.
func (a *App) CreateVerifiedUser(ctx context.Context, email, pw, language string) (string, error) {
	email, language, err := checkNewAccount(email, pw, language)
	if err != nil {
		return "", err
	}
	hash, err := a.hasher.Hash(ctx, pw)
	if err != nil {
		return "", err
	}
	now := a.now()
	acct := domain.Account{ID: newID(), Email: email, PasswordHash: hash, Language: language, CreatedAt: now, VerifiedAt: now}
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		if err := a.repo.CreateUser(ctx, acct); err != nil {
			return err
		}
		b.add(event(authapi.EventUserRegistered, acct.ID, authapi.UserRegisteredV1{
			UserID: acct.ID, Email: email, Language: language, RegisteredAt: now}))
		b.add(event(authapi.EventEmailVerified, acct.ID, authapi.EmailVerifiedV1{UserID: acct.ID, Email: email, VerifiedAt: now}))
		return nil
	})
	if err != nil {
		return "", err
	}
	return acct.ID, nil
}

// UserIDByEmail returns the id of the account with that email, for
// operators' command-line tools; a missing (or erased) account is
// not_found.
func (a *App) UserIDByEmail(ctx context.Context, email string) (string, error) {
	e, err := domain.NormalizeEmail("email", email)
	if err != nil {
		return "", err
	}
	acct, err := a.repo.UserByEmail(ctx, e)
	if errors.Is(err, domain.ErrUserNotFound) {
		return "", apperr.New(apperr.NotFound, "user_not_found", "no account has the email "+e)
	}
	if err != nil {
		return "", err
	}
	return acct.ID, nil
}
