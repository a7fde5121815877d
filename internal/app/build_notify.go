package app

import (
	"context"
	"path/filepath"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
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
	svc, err := notify.New(a.cfg.Notify, notify.Deps{
		DB: db, Bus: a.bus, Blobs: blobs, Logger: a.logger,
		Templates:  notificationTemplates(),
		MailDir:    filepath.Join(a.cfg.DataDir, "mail"),
		Registerer: a.registerer(),
	})
	if err != nil {
		return nil, err
	}
	a.routes[notify.Name] = svc.Routes()
	return svc, nil
}

// notificationTemplates gathers every service's notification types for
// notify: a service adds its types in its <svc>api.Notifications and here,
// never in notify itself.
func notificationTemplates() []notifyapi.Template {
	var out []notifyapi.Template
	for _, ts := range [][]notifyapi.Template{
		authapi.Notifications(),
		profilesapi.Notifications(),
		access.Notifications(), // in the service package: accessapi cannot import notifyapi
		trackerapi.Notifications(),
	} {
		out = append(out, ts...)
	}
	return out
}
