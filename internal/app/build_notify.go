package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
)

func buildNotify(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, notify.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := notify.New(a.cfg.Notify, notify.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[notify.Name] = svc.Routes()
	return svc, nil
}
