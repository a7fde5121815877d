package domain

import (
	"context"
	"time"
)

// Repository is what the application layer needs from the store. Every
// method joins the transaction of ctx, if any.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	Devices(ctx context.Context, userID string) ([]Device, error)
	Device(ctx context.Context, userID, id string) (Device, error)
	DeviceByToken(ctx context.Context, tokenHash string) (Device, error)
	CountDevices(ctx context.Context, userID string) (int, error)
	CreateDevice(ctx context.Context, d Device) error
	SaveDevice(ctx context.Context, d Device) error
	DeleteDevice(ctx context.Context, userID, id string) (bool, error)
	TouchDevice(ctx context.Context, id string, at time.Time) error

	CountPairings(ctx context.Context, userID string, now time.Time) (int, error)
	CreatePairing(ctx context.Context, p Pairing) error
	// TakePairing removes and returns the pairing with the code hash if it
	// has not expired; ErrPairingNotFound otherwise.
	TakePairing(ctx context.Context, codeHash string, now time.Time) (Pairing, error)

	CreateImport(ctx context.Context, im Import) error
	Import(ctx context.Context, userID, id string) (Import, error)
	ImportByID(ctx context.Context, id string) (Import, error)
	// ImportBySHA returns the user's live import (not failed or deleted)
	// of a file with this hash; ErrImportNotFound if none.
	ImportBySHA(ctx context.Context, userID, sha string) (Import, error)
	// ImportsStartingBetween lists the user's live imports starting in
	// [from, to].
	ImportsStartingBetween(ctx context.Context, userID string, from, to time.Time) ([]Import, error)
	Imports(ctx context.Context, userID string, after *ImportCursor, limit int) ([]Import, error)
	SetImportStatus(ctx context.Context, id string, u StatusUpdate) (bool, error)
	// ReleaseDuplicates marks deleted the user's imports that were
	// duplicates of the activity, so their files may come again.
	ReleaseDuplicates(ctx context.Context, userID, activityID string, at time.Time) (int, error)

	// ImportKeys lists the blob keys of the user's imports.
	ImportKeys(ctx context.Context, userID string) ([]string, error)
	// EraseUser deletes the user's devices, pairings and imports.
	EraseUser(ctx context.Context, userID string) error
}

// ImportCursor is the position after which a page of imports starts
// (newest first).
type ImportCursor struct {
	CreatedAt int64  `json:"c"`
	ID        string `json:"i"`
}

// StatusUpdate is a change of an import's status from the tracker's
// events. Only a processing import changes (imported, duplicate or
// failed), or a live one to deleted.
type StatusUpdate struct {
	Status, Reason, Detail, ActivityID, DuplicateOf string
	At                                              time.Time
}
