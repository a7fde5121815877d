package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/training/progress"
)

func buildProgress(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, progress.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := progress.New(a.cfg.Progress, progress.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[progress.Name] = svc.Routes()
	return svc, nil
}
