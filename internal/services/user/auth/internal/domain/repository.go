package domain

import (
	"context"
	"time"
)

// Repository is what the use cases need from storage. Every method joins
// the transaction InTx put in ctx.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	CreateUser(ctx context.Context, a Account) error
	UserByEmail(ctx context.Context, email string) (Account, error)
	UserByID(ctx context.Context, id string) (Account, error)
	SetPassword(ctx context.Context, id, hash string) error
	MarkVerified(ctx context.Context, id string, at time.Time, hash string) error
	RevokeTokensBefore(ctx context.Context, id string, t time.Time) error
	NoteIssued(ctx context.Context, id string, t time.Time) error
	SetTOTPPending(ctx context.Context, id, sealed string) error
	EnableTOTP(ctx context.Context, id, pending string, step int64) error
	DisableTOTP(ctx context.Context, id string) error
	UseTOTPStep(ctx context.Context, id string, step int64) (bool, error)
	DeleteUser(ctx context.Context, id string) error

	Grants(ctx context.Context, userID string) (Grants, error)
	SaveGrants(ctx context.Context, g Grants) (bool, error)
	SetBlocked(ctx context.Context, userID string, blocked bool) error

	CreateSession(ctx context.Context, s Session) error
	Session(ctx context.Context, id string) (Session, error)
	Sessions(ctx context.Context, userID string) ([]Session, error)
	TouchSession(ctx context.Context, id, ip string, at time.Time) error
	SetSessionTwoFactor(ctx context.Context, id string, on bool) error
	ClearTwoFactor(ctx context.Context, userID string) error
	DeleteSession(ctx context.Context, userID, id string) (bool, error)
	DeleteSessions(ctx context.Context, userID, except string) ([]string, error)
	DeleteExpiredSessions(ctx context.Context, idleBefore, startedBefore time.Time) (int64, error)
	SeeDevice(ctx context.Context, userID, device, ip string, at time.Time) (isNew, hadAny bool, err error)

	AddRefreshToken(ctx context.Context, t RefreshToken) error
	RefreshToken(ctx context.Context, hash string) (RefreshToken, error)
	ReplaceRefreshToken(ctx context.Context, hash string, at time.Time) (bool, error)
	DropCurrentRefreshToken(ctx context.Context, sessionID string) error
	PruneRefreshTokens(ctx context.Context, t time.Time) (int64, error)

	AddToken(ctx context.Context, t OneTimeToken) error
	Token(ctx context.Context, hash, kind string, now time.Time) (OneTimeToken, error)
	TakeToken(ctx context.Context, hash, kind string, now time.Time) (OneTimeToken, error)
	FailToken(ctx context.Context, hash string, max int, now time.Time) (int, error)
	DeleteTokens(ctx context.Context, userID, kind string) error
	PruneTokens(ctx context.Context, t time.Time) (int64, error)

	ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error
	UseRecoveryCode(ctx context.Context, userID, hash string, at time.Time) (bool, error)
	DeleteRecoveryCodes(ctx context.Context, userID string) error
	UnusedRecoveryCodes(ctx context.Context, userID string) (int, error)

	Lockout(ctx context.Context, key string) (Lockout, error)
	RecordFailure(ctx context.Context, key, userID string, threshold int, lock time.Duration, now time.Time) (Lockout, bool, error)
	ClearLockout(ctx context.Context, key string) (Lockout, error)
	ExpireLockouts(ctx context.Context, now, staleBefore time.Time) ([]Lockout, error)

	SigningKeys(ctx context.Context) ([]SigningKey, error)
	AddSigningKey(ctx context.Context, k SigningKey) error
	ExpireSigningKey(ctx context.Context, id string, at time.Time) error
	DeleteSigningKey(ctx context.Context, id string) error
}
