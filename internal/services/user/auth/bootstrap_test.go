package auth_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

// TestCreateVerifiedUser: the operators' bootstrap works without a bus,
// keeps the password rules, refuses a taken email, and leaves its events
// in the outbox for a running platform to relay.
func TestCreateVerifiedUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := sqldbtest.SQLite(t, auth.Name, nil)
	cfg := auth.DefaultConfig()
	cfg.ArgonMemoryKiB, cfg.ArgonTime = 1024, 1
	svc, err := auth.New(cfg, auth.Deps{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := svc.CreateVerifiedUser(ctx, "Admin@Example.com", "the first admin's password", "")
	if err != nil || id == "" {
		t.Fatalf("create: %q %v", id, err)
	}
	if _, err := svc.CreateVerifiedUser(ctx, "admin@example.com", "another long password", "en"); !apperr.IsKind(err, apperr.Conflict) {
		t.Fatalf("taken email: %v", err)
	}
	var ae *apperr.Error
	if _, err := svc.CreateVerifiedUser(ctx, "second@example.com", "password", "en"); !errors.As(err, &ae) || ae.Code != "validation_failed" {
		t.Fatalf("weak password: %v", err)
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT type FROM bus_outbox ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var types []string
	for rows.Next() {
		var typ string
		if err := rows.Scan(&typ); err != nil {
			t.Fatal(err)
		}
		types = append(types, typ)
	}
	if !slices.Equal(types, []string{authapi.EventUserRegistered, authapi.EventEmailVerified}) {
		t.Fatalf("outbox %v", types)
	}
	if err := svc.Run(ctx, func() {}); err == nil {
		t.Fatal("ran without a bus")
	}
}
