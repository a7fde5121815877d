package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// The tracker answers every activity_received: activity_completed (with
// the import id) when it stored the activity, import_rejected when it did
// not (a duplicate of an activity it has, or invalid). Either way the
// claim-check blob has served its purpose and is deleted; the original
// file stays for recomputing and raw export until the activity is deleted.
// Each method runs inside the consumer's inbox transaction (ctx).

// ImportCompleted marks an import imported as the activity.
func (a *App) ImportCompleted(ctx context.Context, p trackerapi.ActivityV1) error {
	return a.settleImport(ctx, p.ImportID, p.UserID, domain.StatusUpdate{Status: devicesapi.StatusImported, ActivityID: p.ActivityID}, false)
}

// ImportRejected marks an import duplicate (of the activity the tracker
// names) or failed.
func (a *App) ImportRejected(ctx context.Context, p trackerapi.ImportRejectedV1) error {
	u := domain.StatusUpdate{Status: devicesapi.StatusFailed, Reason: p.Reason, Detail: p.Detail}
	if p.Reason == "duplicate" {
		u = domain.StatusUpdate{Status: devicesapi.StatusDuplicate, Reason: ReasonSameActivity, Detail: p.Detail, DuplicateOf: p.DuplicateOf}
	}
	if u.Reason == "" {
		u.Reason = "rejected"
	}
	return a.settleImport(ctx, p.ImportID, p.UserID, u, false)
}

// ActivityDeleted marks the activity's import deleted and removes its
// original file: the athlete deleted the activity, so nothing of it is
// kept, and the same file may be imported again. Imports that were
// refused as duplicates of the activity are released the same way.
func (a *App) ActivityDeleted(ctx context.Context, p trackerapi.ActivityDeletedV1) error {
	if p.UserID != "" && p.ActivityID != "" {
		if _, err := a.repo.ReleaseDuplicates(ctx, p.UserID, p.ActivityID, a.now()); err != nil {
			return err
		}
	}
	return a.settleImport(ctx, p.ImportID, p.UserID, domain.StatusUpdate{Status: devicesapi.StatusDeleted}, true)
}

func (a *App) settleImport(ctx context.Context, importID, userID string, u domain.StatusUpdate, original bool) error {
	if importID == "" {
		return nil // a live activity, not an import
	}
	im, err := a.repo.ImportByID(ctx, importID)
	if errors.Is(err, domain.ErrImportNotFound) {
		return nil // erased with its user, or never ours
	}
	if err != nil {
		return err
	}
	if userID != "" && im.UserID != userID {
		return nil // an event naming another user's import changes nothing
	}
	// Blobs first: deleting them again on a redelivery is harmless, and a
	// committed status never points at a blob that is still there.
	keys := []string{im.BlobKey}
	if original {
		keys = append(keys, im.OriginalKey)
	}
	for _, k := range keys {
		if err := a.blobs.Delete(ctx, k); err != nil {
			return err
		}
	}
	u.At = a.now()
	_, err = a.repo.SetImportStatus(ctx, importID, u)
	return err
}

// EraseUserFiles deletes the blobs of a deleted user's imports. It runs
// before EraseUser, outside its transaction: should the erasure then fail,
// the retry finds the rows and deletes (nothing) again.
func (a *App) EraseUserFiles(ctx context.Context, userID string) error {
	keys, err := a.repo.ImportKeys(ctx, userID)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := a.blobs.Delete(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// EraseUser removes the rows of a deleted user: devices (their tokens stop
// working), pairing codes and imports. Nothing is published: the deletion
// event itself tells every service.
func (a *App) EraseUser(ctx context.Context, userID string) error {
	if err := a.repo.EraseUser(ctx, userID); err != nil {
		return err
	}
	a.frames.forget(userID, "")
	return nil
}
