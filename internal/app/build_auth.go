package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/user/auth"
)

func buildAuth(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, auth.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := auth.New(a.cfg.Auth, auth.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[auth.Name] = svc.Routes()
	return svc, nil
}
