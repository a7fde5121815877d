package app

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/twofactor"
)

// errWrongCode rolls back a second-factor check whose code was wrong.
var errWrongCode = errors.New("wrong second-factor code")

// useSecondFactor checks a TOTP code or a recovery code of acct and uses
// it up, inside the caller's transaction: a TOTP step is recorded so no
// code of it or before works again, a recovery code is spent. A wrong or
// spent code is errWrongCode.
func (a *App) useSecondFactor(ctx context.Context, acct domain.Account, code, recovery string) error {
	now := a.now()
	if recovery == "" && twofactor.IsTOTPCode(code) {
		secret, err := a.sealer.Open(acct.TOTPSecret, totpAAD(acct.ID))
		if err != nil {
			return err
		}
		step, ok := twofactor.Match(string(secret), code, now, acct.TOTPLastStep)
		if !ok {
			return errWrongCode
		}
		if ok, err := a.repo.UseTOTPStep(ctx, acct.ID, step); err != nil || !ok {
			return errors.Join(err, errWrongCode)
		}
		return nil
	}
	if recovery == "" {
		recovery = code
	}
	if recovery == "" || len(recovery) > 64 {
		return errWrongCode
	}
	ok, err := a.repo.UseRecoveryCode(ctx, acct.ID, twofactor.HashRecoveryCode(recovery), now)
	if err != nil {
		return err
	}
	if !ok {
		return errWrongCode
	}
	return nil
}

// LoginSecondFactor completes a login that needed a second factor. The MFA
// token is used up on success; wrong codes count towards the account's
// lockout, and the token itself stops working after MaxMFAAttempts.
func (a *App) LoginSecondFactor(ctx context.Context, mfaToken, code, recovery string) (authapi.Tokens, error) {
	var f apperr.Fields
	if mfaToken == "" {
		f.Add("mfa_token", "required", "is required")
	}
	if (code == "") == (recovery == "") {
		f.Add("code", "one_required", "give either code or recovery_code")
	}
	if err := f.Err(); err != nil {
		return authapi.Tokens{}, err
	}
	now := a.now()
	hash := hashSecret(mfaToken)
	t, err := a.repo.Token(ctx, hash, domain.TokenMFA, now)
	if errors.Is(err, domain.ErrInvalidLinkToken) {
		return authapi.Tokens{}, domain.ErrInvalidMFAToken
	}
	if err != nil {
		return authapi.Tokens{}, err
	}
	acct, err := a.repo.UserByID(ctx, t.UserID)
	if errors.Is(err, domain.ErrUserNotFound) || (err == nil && !acct.TwoFactor()) {
		return authapi.Tokens{}, domain.ErrInvalidMFAToken
	}
	if err != nil {
		return authapi.Tokens{}, err
	}
	key := emailKey(acct.Email)
	if err := a.checkLock(ctx, key); err != nil {
		return authapi.Tokens{}, err
	}
	var login mfaLogin
	if err := json.Unmarshal([]byte(t.Data), &login); err != nil {
		return authapi.Tokens{}, domain.ErrInvalidMFAToken
	}
	var out authapi.Tokens
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		if err := a.useSecondFactor(ctx, acct, code, recovery); err != nil {
			return err
		}
		if _, err := a.repo.TakeToken(ctx, hash, domain.TokenMFA, now); err != nil {
			return domain.ErrInvalidMFAToken // used by a concurrent request
		}
		if err := a.admit(ctx, acct); err != nil {
			return err
		}
		if _, err := a.repo.ClearLockout(ctx, key); err != nil {
			return err
		}
		out, err = a.startSession(ctx, b, acct, Client(login), true, now)
		return err
	})
	if errors.Is(err, errWrongCode) {
		if _, ferr := a.repo.FailToken(ctx, hash, MaxMFAAttempts, now); ferr != nil {
			return authapi.Tokens{}, ferr
		}
		return authapi.Tokens{}, a.failure(ctx, key, acct, domain.ErrInvalidCode)
	}
	return out, err
}

// checkCode checks a signed-in user's TOTP or recovery code (for turning
// 2FA off, new recovery codes, deleting the account) inside the caller's
// transaction; wrong codes count towards the lockout like failed logins,
// which bounds guessing with a stolen access token.
func (a *App) checkCode(ctx context.Context, acct domain.Account, code string) error {
	if err := a.checkLock(ctx, emailKey(acct.Email)); err != nil {
		return err
	}
	err := a.useSecondFactor(ctx, acct, code, "")
	if errors.Is(err, errWrongCode) {
		return domain.ErrCodeRejected
	}
	return err
}

// totpAAD binds a sealed TOTP secret to its account.
func totpAAD(userID string) string { return "totp:" + userID }
