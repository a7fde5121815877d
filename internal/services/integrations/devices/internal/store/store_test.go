package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/store"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/store/migrations"
)

func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store, db *sqldb.DB)) {
	sqldbtest.ForEachEngine(t, "devices", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		suite(t, store.New(db), db)
	})
}

var at = time.Date(2025, 6, 7, 8, 9, 10, 123456000, time.UTC)

func newImport(id, user, sha string, start time.Time) domain.Import {
	return domain.Import{ID: id, UserID: user, FileName: id + ".fit", Format: "fit", SHA256: sha, SizeBytes: 100,
		Status: devicesapi.StatusProcessing, Warnings: []string{"dropped 1 point"}, Sport: "running", StartedAt: start,
		ElapsedS: 3600, DistanceM: 10000, BlobKey: "b/" + id, OriginalKey: "o/" + id, CreatedAt: start, UpdatedAt: start}
}

func TestDevicesStore(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		ctx := context.Background()

		t.Run("devices", func(t *testing.T) {
			d := domain.Device{ID: "d1", UserID: "u1", Kind: "watch", Name: "W", Manufacturer: "Garmin", Model: "FR",
				Serial: "1", Firmware: "2", Settings: domain.Settings{WheelCircumferenceM: 2.1}, TokenHash: "h1", PairedAt: at}
			if err := s.CreateDevice(ctx, d); err != nil {
				t.Fatal(err)
			}
			got, err := s.DeviceByToken(ctx, "h1")
			if err != nil || got.ID != "d1" || got.Settings.WheelCircumferenceM != 2.1 || !got.PairedAt.Equal(at) || got.LastSeenAt != nil {
				t.Fatalf("by token: %+v %v", got, err)
			}
			if _, err := s.Device(ctx, "u2", "d1"); !errors.Is(err, domain.ErrDeviceNotFound) {
				t.Fatalf("another user's device: %v", err)
			}
			if err := s.TouchDevice(ctx, "d1", at.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			d.Name, d.Settings = "Renamed", domain.Settings{}
			if err := s.SaveDevice(ctx, d); err != nil {
				t.Fatal(err)
			}
			list, err := s.Devices(ctx, "u1")
			if err != nil || len(list) != 1 || list[0].Name != "Renamed" || list[0].Settings.WheelCircumferenceM != 0 ||
				list[0].LastSeenAt == nil || !list[0].LastSeenAt.Equal(at.Add(time.Hour)) {
				t.Fatalf("list: %+v %v", list, err)
			}
			d.UserID = "u2"
			if err := s.SaveDevice(ctx, d); !errors.Is(err, domain.ErrDeviceNotFound) {
				t.Fatalf("save as another user: %v", err)
			}
			if ok, err := s.DeleteDevice(ctx, "u2", "d1"); ok || err != nil {
				t.Fatalf("delete as another user: %v %v", ok, err)
			}
			if ok, err := s.DeleteDevice(ctx, "u1", "d1"); !ok || err != nil {
				t.Fatalf("delete: %v %v", ok, err)
			}
			if _, err := s.DeviceByToken(ctx, "h1"); !errors.Is(err, domain.ErrDeviceNotFound) {
				t.Fatalf("token of a deleted device: %v", err)
			}
		})

		t.Run("pairings", func(t *testing.T) {
			p := domain.Pairing{CodeHash: "c1", UserID: "u1", Kind: "watch", Name: "W", CreatedAt: at, ExpiresAt: at.Add(10 * time.Minute)}
			if err := s.CreatePairing(ctx, p); err != nil {
				t.Fatal(err)
			}
			if err := s.CreatePairing(ctx, p); !errors.Is(err, domain.ErrCodeTaken) {
				t.Fatalf("same code twice: %v", err)
			}
			if n, _ := s.CountPairings(ctx, "u1", at); n != 1 {
				t.Fatalf("count: %d", n)
			}
			if n, _ := s.CountPairings(ctx, "u1", at.Add(11*time.Minute)); n != 0 {
				t.Fatalf("count after expiry: %d", n)
			}
			if _, err := s.TakePairing(ctx, "c1", at.Add(11*time.Minute)); !errors.Is(err, domain.ErrPairingNotFound) {
				t.Fatalf("take an expired code: %v", err)
			}
			_ = s.CreatePairing(ctx, domain.Pairing{CodeHash: "c2", UserID: "u1", Kind: "scale", Name: "S", CreatedAt: at, ExpiresAt: at.Add(time.Minute)})
			got, err := s.TakePairing(ctx, "c2", at)
			if err != nil || got.Kind != "scale" || got.UserID != "u1" {
				t.Fatalf("take: %+v %v", got, err)
			}
			if _, err := s.TakePairing(ctx, "c2", at); !errors.Is(err, domain.ErrPairingNotFound) {
				t.Fatalf("take twice: %v", err)
			}
		})

		t.Run("imports", func(t *testing.T) {
			for i := range 5 {
				im := newImport(fmt.Sprint("i", i), "u1", fmt.Sprint("sha", i), at.Add(time.Duration(i)*time.Hour))
				if err := s.CreateImport(ctx, im); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.CreateImport(ctx, newImport("dup", "u1", "sha0", at)); !errors.Is(err, domain.ErrDuplicateImport) {
				t.Fatalf("same file twice: %v", err)
			}
			if err := s.CreateImport(ctx, newImport("other", "u2", "sha0", at)); err != nil {
				t.Fatalf("same file of another user: %v", err)
			}
			got, err := s.Import(ctx, "u1", "i0")
			if err != nil || got.SHA256 != "sha0" || len(got.Warnings) != 1 || !got.StartedAt.Equal(at) || got.DistanceM != 10000 {
				t.Fatalf("import: %+v %v", got, err)
			}
			if _, err := s.Import(ctx, "u2", "i0"); !errors.Is(err, domain.ErrImportNotFound) {
				t.Fatalf("another user's import: %v", err)
			}
			near, err := s.ImportsStartingBetween(ctx, "u1", at.Add(50*time.Minute), at.Add(2*time.Hour))
			if err != nil || len(near) != 2 || near[0].ID != "i1" || near[1].ID != "i2" {
				t.Fatalf("near: %+v %v", near, err)
			}
			var ids []string
			var after *domain.ImportCursor
			for {
				page, err := s.Imports(ctx, "u1", after, 2)
				if err != nil {
					t.Fatal(err)
				}
				for _, im := range page {
					ids = append(ids, im.ID)
				}
				if len(page) < 2 {
					break
				}
				last := page[len(page)-1]
				after = &domain.ImportCursor{CreatedAt: last.CreatedAt.UnixMicro(), ID: last.ID}
			}
			if fmt.Sprint(ids) != "[i4 i3 i2 i1 i0]" {
				t.Fatalf("pages: %v", ids)
			}

			// Final statuses only from processing; deleted from any live one.
			ok, err := s.SetImportStatus(ctx, "i0", domain.StatusUpdate{Status: devicesapi.StatusImported, ActivityID: "a0", At: at})
			if !ok || err != nil {
				t.Fatalf("imported: %v %v", ok, err)
			}
			if ok, _ := s.SetImportStatus(ctx, "i0", domain.StatusUpdate{Status: devicesapi.StatusFailed, Reason: "invalid", At: at}); ok {
				t.Fatal("an imported import failed afterwards")
			}
			if ok, _ := s.SetImportStatus(ctx, "i1", domain.StatusUpdate{Status: devicesapi.StatusFailed, Reason: "invalid", At: at}); !ok {
				t.Fatal("processing to failed")
			}
			// A failed file may come again.
			if err := s.CreateImport(ctx, newImport("i1b", "u1", "sha1", at)); err != nil {
				t.Fatalf("failed file again: %v", err)
			}
			if _, err := s.ImportBySHA(ctx, "u1", "sha1"); err != nil {
				t.Fatalf("by sha: %v", err)
			}
			if ok, _ := s.SetImportStatus(ctx, "i0", domain.StatusUpdate{Status: devicesapi.StatusDeleted, At: at}); !ok {
				t.Fatal("imported to deleted")
			}
			if got, _ := s.Import(ctx, "u1", "i0"); got.Status != devicesapi.StatusDeleted || got.ActivityID != "a0" {
				t.Fatalf("after deletion: %+v", got)
			}
			if _, err := s.ImportBySHA(ctx, "u1", "sha0"); !errors.Is(err, domain.ErrImportNotFound) {
				t.Fatalf("a deleted import still blocks its file: %v", err)
			}
		})

		t.Run("erase", func(t *testing.T) {
			_ = s.CreateDevice(ctx, domain.Device{ID: "e1", UserID: "ue", Kind: "watch", Name: "W", TokenHash: "he", PairedAt: at})
			_ = s.CreateDevice(ctx, domain.Device{ID: "e2", UserID: "keep", Kind: "watch", Name: "W", TokenHash: "hk", PairedAt: at})
			_ = s.CreatePairing(ctx, domain.Pairing{CodeHash: "ce", UserID: "ue", Kind: "watch", Name: "W", CreatedAt: at, ExpiresAt: at.Add(time.Hour)})
			_ = s.CreateImport(ctx, newImport("ie", "ue", "she", at))
			_ = s.CreateImport(ctx, newImport("ik", "keep", "she", at))
			keys, err := s.ImportKeys(ctx, "ue")
			if err != nil || fmt.Sprint(keys) != "[b/ie o/ie]" {
				t.Fatalf("keys: %v %v", keys, err)
			}
			if err := s.EraseUser(ctx, "ue"); err != nil {
				t.Fatal(err)
			}
			for _, table := range []string{"devices", "pairings", "imports"} {
				var n int
				_ = db.SQL.QueryRow(`SELECT count(*) FROM ` + table + ` WHERE user_id = 'ue'`).Scan(&n)
				if n != 0 {
					t.Fatalf("%d %s rows left", n, table)
				}
			}
			if _, err := s.Import(ctx, "keep", "ik"); err != nil {
				t.Fatalf("another user's import erased: %v", err)
			}
			if _, err := s.DeviceByToken(ctx, "hk"); err != nil {
				t.Fatalf("another user's device erased: %v", err)
			}
		})
	})
}
