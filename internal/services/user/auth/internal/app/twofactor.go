package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/twofactor"
)

// guarded commits write, which checks a password or code of acct; a
// rejected one counts as a failed login.
func (a *App) guarded(ctx context.Context, acct domain.Account, write func(ctx context.Context, b *batch) error) error {
	err := a.commit(ctx, write)
	if errors.Is(err, domain.ErrCodeRejected) {
		return a.failure(ctx, emailKey(acct.Email), acct, err)
	}
	return err
}

// SetupTwoFactor starts enrolment: a new secret, kept pending until a code
// from it confirms the user's app has it.
func (a *App) SetupTwoFactor(ctx context.Context) (twofactor.Enrolment, error) {
	c, err := a.current(ctx)
	if err != nil {
		return twofactor.Enrolment{}, err
	}
	if c.acct.TwoFactor() {
		return twofactor.Enrolment{}, domain.ErrTwoFactorEnabled
	}
	e, err := twofactor.NewEnrolment(c.acct.Email)
	if err != nil {
		return twofactor.Enrolment{}, err
	}
	if err := a.repo.SetTOTPPending(ctx, c.acct.ID, a.sealer.Seal([]byte(e.Secret), totpAAD(c.acct.ID))); err != nil {
		return twofactor.Enrolment{}, err
	}
	return e, nil
}

// EnableTwoFactor confirms enrolment with a code from the pending secret:
// two-factor authentication is on, the user gets recovery codes, and the
// current session counts as having passed it (new tokens carry staff
// roles at once). Other sessions' access tokens are revoked.
func (a *App) EnableTwoFactor(ctx context.Context, code string) (authapi.RecoveryCodes, error) {
	c, err := a.current(ctx)
	if err != nil {
		return authapi.RecoveryCodes{}, err
	}
	switch {
	case c.acct.TwoFactor():
		return authapi.RecoveryCodes{}, domain.ErrTwoFactorEnabled
	case c.acct.TOTPPending == "":
		return authapi.RecoveryCodes{}, domain.ErrNoPendingSetup
	}
	secret, err := a.sealer.Open(c.acct.TOTPPending, totpAAD(c.acct.ID))
	if err != nil {
		return authapi.RecoveryCodes{}, err
	}
	now := a.now()
	step, ok := twofactor.Match(string(secret), code, now, 0)
	if !ok {
		return authapi.RecoveryCodes{}, domain.ErrCodeRejected
	}
	codes := twofactor.NewRecoveryCodes()
	out := authapi.RecoveryCodes{RecoveryCodes: codes}
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		if err := a.repo.EnableTOTP(ctx, c.acct.ID, c.acct.TOTPPending, step); err != nil {
			return err
		}
		if err := a.repo.ReplaceRecoveryCodes(ctx, c.acct.ID, hashCodes(codes)); err != nil {
			return err
		}
		if err := a.repo.SetSessionTwoFactor(ctx, c.session.ID, true); err != nil {
			return err
		}
		before, err := a.revokeUser(ctx, b, c.acct.ID, authapi.RevokedTwoFactor, now)
		if err != nil {
			return err
		}
		if err := a.repo.DropCurrentRefreshToken(ctx, c.session.ID); err != nil {
			return err
		}
		acct, s := c.acct, c.session
		acct.TokensNotBefore, s.TwoFactor = before, true
		t, err := a.issue(ctx, acct, s, now)
		out.Tokens = &t
		a.twoFactorChanged(b, c.acct, true, now)
		return err
	})
	if err != nil {
		return authapi.RecoveryCodes{}, err
	}
	return out, nil
}

// DisableTwoFactor turns two-factor authentication off after checking a
// TOTP or recovery code. No session counts as having passed it any more.
func (a *App) DisableTwoFactor(ctx context.Context, code string) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if !c.acct.TwoFactor() {
		return domain.ErrTwoFactorDisabled
	}
	now := a.now()
	return a.guarded(ctx, c.acct, func(ctx context.Context, b *batch) error {
		if err := a.checkCode(ctx, c.acct, code); err != nil {
			return err
		}
		if err := a.repo.DisableTOTP(ctx, c.acct.ID); err != nil {
			return err
		}
		if err := a.repo.DeleteRecoveryCodes(ctx, c.acct.ID); err != nil {
			return err
		}
		if err := a.repo.ClearTwoFactor(ctx, c.acct.ID); err != nil {
			return err
		}
		if _, err := a.revokeUser(ctx, b, c.acct.ID, authapi.RevokedTwoFactor, now); err != nil {
			return err
		}
		a.twoFactorChanged(b, c.acct, false, now)
		return nil
	})
}

// RegenerateRecoveryCodes replaces the recovery codes after checking a
// TOTP or recovery code.
func (a *App) RegenerateRecoveryCodes(ctx context.Context, code string) (authapi.RecoveryCodes, error) {
	c, err := a.current(ctx)
	if err != nil {
		return authapi.RecoveryCodes{}, err
	}
	if !c.acct.TwoFactor() {
		return authapi.RecoveryCodes{}, domain.ErrTwoFactorDisabled
	}
	codes := twofactor.NewRecoveryCodes()
	err = a.guarded(ctx, c.acct, func(ctx context.Context, b *batch) error {
		if err := a.checkCode(ctx, c.acct, code); err != nil {
			return err
		}
		return a.repo.ReplaceRecoveryCodes(ctx, c.acct.ID, hashCodes(codes))
	})
	if err != nil {
		return authapi.RecoveryCodes{}, err
	}
	return authapi.RecoveryCodes{RecoveryCodes: codes}, nil
}

func (a *App) twoFactorChanged(b *batch, acct domain.Account, on bool, now time.Time) {
	b.add(event(authapi.EventTwoFactorChanged, acct.ID, authapi.TwoFactorChangedV1{UserID: acct.ID, Enabled: on, At: now}))
	enabled := "false"
	if on {
		enabled = "true"
	}
	b.add(notification(authapi.NotifyTwoFactorChanged, acct, map[string]string{"enabled": enabled}))
}

func hashCodes(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = twofactor.HashRecoveryCode(c)
	}
	return out
}
