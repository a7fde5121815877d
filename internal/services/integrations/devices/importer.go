package devices

import (
	"context"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
)

// Importer imports activity files straight into the devices database and
// blob store, without a bus: for the `sporthub import` command, which runs
// beside (or without) a platform process, like `sporthub admin create`.
// Each accepted file is an import row plus an activity_received event in
// the outbox, committed together; the platform's outbox relay publishes
// the events when it runs, and the tracker then stores the activities.
// Duplicates are found against everything imported before, by any path.
type Importer struct {
	app *app.App
}

// OpenImporter migrates the devices database (the service's tables and its
// outbox) and returns an importer over it. cfg supplies the import limits.
// The caller owns db and blobs and closes db when done.
func OpenImporter(ctx context.Context, cfg Config, db *sqldb.DB, blobs blob.Store, logger *slog.Logger) (*Importer, error) {
	if err := Migrate(ctx, db); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Importer{app: newApp(cfg, db, blobs, nil, nil, logger.With("service", Name), nil)}, nil
}

// ImportFiles imports one file or archive for the user (deviceID "" for
// the user's own upload); see Service.ImportFiles.
func (im *Importer) ImportFiles(ctx context.Context, userID, deviceID, name string, data []byte) (devicesapi.ImportResult, error) {
	return im.app.ImportFiles(ctx, userID, deviceID, name, data)
}
