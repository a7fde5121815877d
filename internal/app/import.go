package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/user/auth"
)

// ImportReport is what `sporthub import` did with every file it found.
type ImportReport struct {
	UserID string
	// Files are the files read (archives count once).
	Files int
	// Items are the activity files found, each with its fate: processing
	// (accepted: the platform stores the activity), duplicate or failed.
	Items []devicesapi.ImportItem
	// Skipped are files that hold no activity (in archives or folders).
	Skipped []devicesapi.SkippedFile
}

// Count returns how many items have the status.
func (r ImportReport) Count(status string) int {
	n := 0
	for _, it := range r.Items {
		if it.Status == status {
			n++
		}
	}
	return n
}

// importable are the file names `sporthub import` picks up in a folder.
var importable = []string{".fit", ".gpx", ".tcx", ".zip", ".fit.gz", ".gpx.gz", ".tcx.gz"}

// ImportFiles imports activity files, folders (recursively) and zips (a
// Garmin or Strava bulk export as it comes) for the user with the email,
// through the devices service's importer: the same parsing, checks and
// de-duplication as an upload. It writes straight into the devices
// database and blob store, without a bus: accepted activities wait in the
// outbox until a platform process relays them to the tracker, so this
// works whether or not the platform is running. progress, when not nil, is
// called after each file.
func ImportFiles(ctx context.Context, cfg Config, logger *slog.Logger, email string, paths []string,
	progress func(done, total int, name string)) (ImportReport, error) {
	if err := cfg.Prepare(); err != nil {
		return ImportReport{}, fmt.Errorf("invalid configuration:\n%w", err)
	}
	files, skipped, err := collectImportFiles(paths)
	if err != nil {
		return ImportReport{}, err
	}
	open := func(name string) (*sqldb.DB, error) {
		return sqldb.Open(ctx, sqldb.Options{DSN: cfg.Database.DSNFor(name), DataDir: cfg.DataDir, Service: name})
	}
	authDB, err := open(auth.Name)
	if err != nil {
		return ImportReport{}, err
	}
	defer authDB.Close()
	authSvc, err := auth.New(cfg.Auth, auth.Deps{DB: authDB, Logger: logger})
	if err != nil {
		return ImportReport{}, err
	}
	if err := authSvc.Migrate(ctx); err != nil {
		return ImportReport{}, err
	}
	userID, err := authSvc.UserIDByEmail(ctx, email)
	if err != nil {
		return ImportReport{}, err
	}
	devicesDB, err := open(devices.Name)
	if err != nil {
		return ImportReport{}, err
	}
	defer devicesDB.Close()
	blobs, err := openBlobs(cfg)
	if err != nil {
		return ImportReport{}, err
	}
	im, err := devices.OpenImporter(ctx, cfg.Devices, devicesDB, blobs, logger)
	if err != nil {
		return ImportReport{}, err
	}
	rep := ImportReport{UserID: userID, Files: len(files), Skipped: skipped}
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			rep.Items = append(rep.Items, devicesapi.ImportItem{File: path, Status: devicesapi.StatusFailed,
				Reason: "unreadable", Detail: err.Error()})
		} else {
			res, err := im.ImportFiles(ctx, userID, "", path, data)
			if err != nil {
				return rep, fmt.Errorf("import %s: %w", path, err)
			}
			rep.Items = append(rep.Items, res.Items...)
			rep.Skipped = append(rep.Skipped, res.Skipped...)
		}
		if progress != nil {
			progress(i+1, len(files), path)
		}
	}
	return rep, nil
}

// collectImportFiles expands the paths: files as given, folders walked
// for importable names (others listed as skipped), in a stable order.
func collectImportFiles(paths []string) ([]string, []devicesapi.SkippedFile, error) {
	if len(paths) == 0 {
		return nil, nil, errors.New("name at least one file, folder or zip to import")
	}
	var files []string
	var skipped []devicesapi.SkippedFile
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if isImportable(d.Name()) {
				found = append(found, path)
			} else if !strings.HasPrefix(d.Name(), ".") {
				skipped = append(skipped, devicesapi.SkippedFile{File: path, Reason: "not an activity file (want .fit, .gpx, .tcx, .gz or .zip)"})
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, skipped, nil
}

func isImportable(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range importable {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
