package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/admin/access"
)

func buildAccess(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, access.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := access.New(a.cfg.Access, access.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[access.Name] = svc.Routes()
	return svc, nil
}
