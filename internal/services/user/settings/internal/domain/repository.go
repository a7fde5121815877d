package domain

import "context"

// Repository stores settings and the consent history. Every method joins
// the transaction of the context it is given.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Get returns a user's settings (ErrSettingsNotFound when none are stored).
	Get(ctx context.Context, userID string) (Settings, error)
	// GetForUpdate is Get that also locks the row until the transaction ends.
	GetForUpdate(ctx context.Context, userID string) (Settings, error)
	// Create stores new settings; it returns false and changes nothing when
	// the user already has settings.
	Create(ctx context.Context, s Settings) (bool, error)
	// Save replaces stored settings.
	Save(ctx context.Context, s Settings) error
	// AddConsentRecord appends to the consent history.
	AddConsentRecord(ctx context.Context, r ConsentRecord) error
	// ConsentHistory returns a user's consent records, oldest first.
	ConsentHistory(ctx context.Context, userID string) ([]ConsentRecord, error)
	// DeleteUser deletes a user's settings and re-labels their consent
	// records with tombstone, returning whether settings existed.
	DeleteUser(ctx context.Context, userID, tombstone string) (bool, error)
}
