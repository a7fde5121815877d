package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/user/settings"
)

func buildSettings(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, settings.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := settings.New(a.cfg.Settings, settings.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[settings.Name] = svc.Routes()
	return svc, nil
}
