package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// permissionCatalog is every permission some service checks, from each
// service's api package; access keeps the admin role holding all of them.
func permissionCatalog() []accessapi.PermissionInfo {
	var out []accessapi.PermissionInfo
	for _, list := range [][]accessapi.PermissionInfo{
		accessapi.Permissions,
		authapi.Permissions,
		profilesapi.Permissions,
		settingsapi.Permissions,
		notifyapi.Permissions,
		catalogapi.Permissions,
		devicesapi.Permissions,
		trackerapi.Permissions,
		progressapi.Permissions,
	} {
		out = append(out, list...)
	}
	return out
}

func buildAccess(ctx context.Context, a *App) (lifecycle.Service, error) {
	db, err := a.openDB(ctx, access.Name)
	if err != nil {
		return nil, err
	}
	blobs, err := a.blobStore()
	if err != nil {
		return nil, err
	}
	svc, err := access.New(a.cfg.Access, access.Deps{DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger,
		Permissions: permissionCatalog()})
	if err != nil {
		return nil, err
	}
	a.routes[access.Name] = svc.Routes()
	return svc, nil
}
