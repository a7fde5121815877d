package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// AvatarOf returns the name of the user's avatar ("" without a profile or
// an avatar), so erasure can remove its files first.
func (a *App) AvatarOf(ctx context.Context, uid string) (string, error) {
	p, err := a.repo.Profile(ctx, uid)
	if errors.Is(err, domain.ErrProfileNotFound) {
		return "", nil
	}
	return p.Avatar, err
}

// RemoveAvatarFiles deletes the files of an avatar, reporting failures
// (erasure retries until they are gone).
func (a *App) RemoveAvatarFiles(ctx context.Context, name string) error {
	if name == "" {
		return nil
	}
	for _, n := range avatarSizes {
		if err := a.blobs.Delete(ctx, AvatarKey(n, name)); err != nil {
			return err
		}
	}
	return nil
}

// Erase removes everything the service holds about the user: profile,
// zones, goals, achievements, and follows and requests in both directions.
// Nothing is published: the deletion event itself tells every service.
func (a *App) Erase(ctx context.Context, uid string) error {
	return a.repo.EraseUser(ctx, uid)
}
