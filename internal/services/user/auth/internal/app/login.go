package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/password"
)

// LoginResult is a successful first login step: tokens, or a challenge
// for the second factor.
type LoginResult struct {
	Tokens *authapi.Tokens
	MFA    *authapi.MFAChallenge
}

// emailKey is the lockout key of a normalised email: a hash, so the table
// holds no addresses of people who have no account.
func emailKey(email string) string {
	sum := sha256.Sum256([]byte("sporthub-auth-lockout\x00" + email))
	return hex.EncodeToString(sum[:])
}

// checkLogin validates the first step's input; a malformed email or
// password says nothing about who is registered.
func checkLogin(email, pw string) (string, error) {
	e, err := domain.NormalizeEmail("email", email)
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", apperr.Validation(apperr.FieldError{Field: "password", Code: "required", Message: "is required"})
	}
	if len(pw) > 4*password.MaxLength {
		return "", apperr.Validation(apperr.FieldError{Field: "password", Code: "too_long", Message: "must be at most 256 characters"})
	}
	return e, nil
}

// Login checks an email and password. Unknown emails pay for a hash like
// known ones, and count towards a lockout like known ones, so neither the
// answer nor its timing tells them apart. Blocked and unverified accounts
// are refused only after a correct password.
func (a *App) Login(ctx context.Context, email, pw string, c Client) (LoginResult, error) {
	email, err := checkLogin(email, pw)
	if err != nil {
		return LoginResult{}, err
	}
	key := emailKey(email)
	if err := a.checkLock(ctx, key); err != nil {
		return LoginResult{}, err
	}
	acct, err := a.repo.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrUserNotFound) {
		if err := a.hasher.VerifyDummy(ctx, pw); err != nil {
			return LoginResult{}, err
		}
		return LoginResult{}, a.failure(ctx, key, domain.Account{}, domain.ErrInvalidCredentials)
	}
	if err != nil {
		return LoginResult{}, err
	}
	ok, rehash, err := a.hasher.Verify(ctx, pw, acct.PasswordHash)
	if err != nil {
		return LoginResult{}, err
	}
	if !ok {
		return LoginResult{}, a.failure(ctx, key, acct, domain.ErrInvalidCredentials)
	}
	now := a.now()
	var out LoginResult
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		// With 2FA on, only the second step clears the failure count:
		// otherwise the password alone would reset it between rounds of
		// guessing codes.
		if !acct.TwoFactor() {
			if _, err := a.repo.ClearLockout(ctx, key); err != nil {
				return err
			}
		}
		if rehash != "" {
			if err := a.repo.SetPassword(ctx, acct.ID, rehash); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return LoginResult{}, err
	}
	if err := a.admit(ctx, acct); err != nil {
		return LoginResult{}, err
	}
	if acct.TwoFactor() {
		ch, err := a.challenge(ctx, acct, c, now)
		return LoginResult{MFA: ch}, err
	}
	err = a.commit(ctx, func(ctx context.Context, b *batch) error {
		t, err := a.startSession(ctx, b, acct, c, false, now)
		out.Tokens = &t
		return err
	})
	return out, err
}

// admit refuses accounts that may not sign in even with the right password.
func (a *App) admit(ctx context.Context, acct domain.Account) error {
	g, err := a.repo.Grants(ctx, acct.ID)
	if err != nil {
		return err
	}
	if g.Blocked {
		return domain.ErrUserBlocked
	}
	if !acct.Verified() {
		return domain.ErrEmailNotVerified
	}
	return nil
}

// mfaLogin is what an MFA token remembers of the first step.
type mfaLogin struct {
	IP     string `json:"ip"`
	Device string `json:"device"`
}

// challenge starts the second login step.
func (a *App) challenge(ctx context.Context, acct domain.Account, c Client, now time.Time) (*authapi.MFAChallenge, error) {
	token, hash := newSecret()
	data, _ := json.Marshal(mfaLogin{IP: c.IP, Device: c.Device}) // two strings always marshal
	err := a.repo.AddToken(ctx, domain.OneTimeToken{Hash: hash, Kind: domain.TokenMFA, UserID: acct.ID,
		Data: string(data), CreatedAt: now, ExpiresAt: now.Add(MFATTL)})
	if err != nil {
		return nil, err
	}
	return &authapi.MFAChallenge{MFARequired: true, MFAToken: token, ExpiresIn: int(MFATTL.Seconds())}, nil
}

// checkLock refuses a locked email key.
func (a *App) checkLock(ctx context.Context, key string) error {
	l, err := a.repo.Lockout(ctx, key)
	if err != nil {
		return err
	}
	if l.Locked(a.now()) {
		return domain.ErrAccountLocked
	}
	return nil
}

// failure counts a failed login against key and returns cause. The
// failure that reaches the threshold locks the key and, when an account
// has the email, tells its owner with a link that lifts the lock.
func (a *App) failure(ctx context.Context, key string, acct domain.Account, cause error) error {
	now := a.now()
	err := a.commit(ctx, func(ctx context.Context, b *batch) error {
		l, locked, err := a.repo.RecordFailure(ctx, key, acct.ID, a.cfg.LockoutThreshold, a.cfg.LockoutDuration, now)
		if err != nil || !locked || acct.ID == "" {
			return err
		}
		token, hash := newSecret()
		if err := a.repo.AddToken(ctx, domain.OneTimeToken{Hash: hash, Kind: domain.TokenUnlock, UserID: acct.ID,
			CreatedAt: now, ExpiresAt: l.LockedUntil}); err != nil {
			return err
		}
		b.add(event(authapi.EventAccountLocked, acct.ID, authapi.AccountLockedV1{UserID: acct.ID, Until: l.LockedUntil, At: now}))
		b.add(notification(authapi.NotifyAccountLocked, acct, map[string]string{
			"link": a.link("/unlock", token), "minutes": strconv.Itoa(int(a.cfg.LockoutDuration.Minutes()))}))
		return nil
	})
	if err != nil {
		return err
	}
	return cause
}
