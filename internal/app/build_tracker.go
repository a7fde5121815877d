package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/training/tracker"
)

func buildTracker(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, tracker.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := tracker.New(a.cfg.Tracker, tracker.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger,
		Registerer: a.registerer()})
	if err != nil {
		return nil, err
	}
	a.routes[tracker.Name] = svc.Routes()
	return svc, nil
}
