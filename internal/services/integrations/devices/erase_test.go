package devices_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

func count(t *testing.T, db *sqldb.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestUserDeletionErasesEverything: auth's user_deleted removes the
// user's devices (their tokens stop working), pairing codes, imports and
// the imports' files, and nothing of another user.
func TestUserDeletionErasesEverything(t *testing.T) {
	t.Parallel()
	f := start(t)
	fit := readTestdata(t, "Activity.fit")
	devA := f.pairDevice(t, alice, devicesapi.KindWatch, "Watch")
	devB := f.pairDevice(t, bob, devicesapi.KindWatch, "Watch")
	f.do(t, "POST", base+"/me/pairings", cred{user: alice}, devicesapi.PairingRequest{Kind: "scale", Name: "Scale"})
	for _, c := range []cred{{user: alice}, {device: devB.Token}} {
		if r := f.upload(t, c, map[string][]byte{"a.fit": fit}); r.Status != 200 {
			t.Fatalf("upload: %d %s", r.Status, r.Body)
		}
	}
	aliceDir := filepath.Join(f.BlobDir, "imports", alice)
	if entries, _ := os.ReadDir(aliceDir); len(entries) == 0 {
		t.Fatal("no blobs for alice before the deletion")
	}

	f.publish(t, authapi.EventUserDeleted, "auth", alice, authapi.UserDeletedV1{UserID: alice, DeletedAt: time.Now().UTC()})
	eventually(t, "alice erased", func() error {
		for _, table := range []string{"devices", "pairings", "imports"} {
			if n := count(t, f.DB, `SELECT count(*) FROM `+table+` WHERE user_id = $1`, alice); n != 0 {
				return fmt.Errorf("%d %s rows left", n, table)
			}
		}
		return nil
	})
	var files []string
	_ = filepath.Walk(aliceDir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Fatalf("alice's files left: %v", files)
	}
	if r := f.do(t, "POST", base+"/ingest", cred{device: devA.Token}, map[string]any{"samples": []any{sample(nowMS(), 120)}}); r.Status != 401 {
		t.Fatalf("deleted user's device ingests: %d", r.Status)
	}
	if n := count(t, f.DB, `SELECT count(*) FROM imports WHERE user_id = $1`, bob); n != 1 {
		t.Fatalf("bob's imports: %d", n)
	}
	if r := f.do(t, "POST", base+"/ingest", cred{device: devB.Token}, map[string]any{"samples": []any{sample(nowMS(), 120)}}); r.Status != 200 {
		t.Fatalf("bob's device after alice's deletion: %d %s", r.Status, r.Body)
	}
}

// TestImporterWithoutBus: the import tool writes imports and their events
// with no bus at all; a platform started later publishes the events.
func TestImporterWithoutBus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqldbtest.SQLite(t, devices.Name, nil)
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	im, err := devices.OpenImporter(ctx, devices.DefaultConfig(), db, blobs, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := im.ImportFiles(ctx, alice, "", "Activity.fit", readTestdata(t, "Activity.fit"))
	if err != nil || res.Summary.Accepted != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if n := count(t, db, `SELECT count(*) FROM bus_outbox`); n != 1 {
		t.Fatalf("%d events waiting in the outbox, want 1", n)
	}
	// Again: a duplicate, found without the platform too.
	if res, err := im.ImportFiles(ctx, alice, "", "copy.fit", readTestdata(t, "Activity.fit")); err != nil || res.Summary.Duplicate != 1 {
		t.Fatalf("second import: %+v %v", res, err)
	}

	b := bustest.Embedded(t)
	svc, err := devices.New(devices.DefaultConfig(), devices.Deps{DB: db, Bus: b, Blobs: blobs})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- svc.Run(runCtx, func() {}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()
	evs := bustest.WaitEvents(t, b, devicesapi.EventActivityReceived, 1)
	var p devicesapi.ActivityReceivedV1
	if err := evs[0].Decode(&p); err != nil || p.ImportID != res.Items[0].ImportID || p.UserID != alice {
		t.Fatalf("published %+v %v", p, err)
	}
}
