package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// UserBlobs returns every blob key the tracker may hold for the user: the
// samples and archives of their activities, and those a half-done finish
// of one of their sessions may have left.
func (a *App) UserBlobs(ctx context.Context, userID string) ([]string, error) {
	keys, err := a.store.UserBlobKeys(ctx, userID)
	if err != nil {
		return nil, err
	}
	sessions, err := a.store.Sessions(ctx, userID)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		id := sessionActivityID(s.ID)
		keys = append(keys, streamsKey(userID, id), archiveKey(userID, id))
	}
	return keys, nil
}

// DeleteBlobs deletes blobs, reporting the first failure (erasure retries
// until they are gone).
func (a *App) DeleteBlobs(ctx context.Context, keys []string) error {
	for _, k := range keys {
		if err := a.blobs.Delete(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// EraseUser removes everything the tracker holds about a deleted user, in
// the caller's transaction: sessions with their samples, frames and share
// links, activities, safety settings (and their place in others' contacts),
// the privacy projection and follows. Blobs go first (UserBlobs,
// DeleteBlobs). Viewers of the user's live session are disconnected. No
// event is published: the deletion event itself tells every service.
func (a *App) EraseUser(ctx context.Context, userID string) error {
	open, err := a.store.OpenSession(ctx, userID)
	hasOpen := err == nil
	if err != nil && !errors.Is(err, domain.ErrSessionNotFound) {
		return err
	}
	if err := a.store.EraseUser(ctx, userID, a.now()); err != nil {
		return err
	}
	if hasOpen {
		open.Status = trackerapi.StatusDiscarded
		a.publishEnded(open)
	}
	return nil
}
