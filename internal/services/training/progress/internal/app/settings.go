package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

// Settings returns the caller's settings (defaults until changed).
func (a *App) Settings(ctx context.Context) (progressapi.Settings, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Settings{}, err
	}
	s, err := a.repo.Settings(ctx, uid)
	return progressapi.Settings{ShareInComparisons: s.ShareInComparisons}, err
}

// PutSettings replaces the caller's settings.
func (a *App) PutSettings(ctx context.Context, share bool) (progressapi.Settings, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Settings{}, err
	}
	err = a.repo.PutSettings(ctx, domain.Settings{UserID: uid, ShareInComparisons: share, UpdatedAt: a.now()})
	return progressapi.Settings{ShareInComparisons: share}, err
}
