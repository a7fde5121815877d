package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
)

func buildDevices(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, devices.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	v, err := a.authVerifier()
	if err != nil {
		return nil, err
	}
	svc, err := devices.New(a.cfg.Devices, devices.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger, Verifier: v, Registerer: a.registerer()})
	if err != nil {
		return nil, err
	}
	a.routes[devices.Name] = svc.Routes()
	return svc, nil
}
