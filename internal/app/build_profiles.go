package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/user/profiles"
)

func buildProfiles(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, profiles.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := profiles.New(a.cfg.Profiles, profiles.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger})
	if err != nil {
		return nil, err
	}
	a.routes[profiles.Name] = svc.Routes()
	return svc, nil
}
