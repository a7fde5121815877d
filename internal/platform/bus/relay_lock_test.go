package bus

import (
	"context"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
)

func TestRelayLockIsExclusivePerServiceOnPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqldbtest.Postgres(t, "orders", nil)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, Config{DataDir: t.TempDir()}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)

	first, err := NewRelay(b, db, "orders", nil).acquire(ctx)
	if err != nil || first == nil {
		t.Fatalf("first relay: session %v, err %v", first, err)
	}
	standby := NewRelay(b, db, "orders", nil)
	if s, err := standby.acquire(ctx); err != nil || s != nil {
		t.Fatalf("second relay of the same service got the lock (session %v, err %v)", s, err)
	}
	other, err := NewRelay(b, db, "billing", nil).acquire(ctx)
	if err != nil || other == nil {
		t.Fatalf("another service's relay was locked out: %v", err)
	}
	other.release()

	first.release() // the connection closes, and the lock goes with it
	s, err := standby.acquire(ctx)
	if err != nil || s == nil {
		t.Fatalf("standby could not take over: %v", err)
	}
	s.release()
	if open := db.SQL.Stats().InUse; open != 0 {
		t.Fatalf("%d connections still in use after release", open)
	}
}
