package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/user/auth"
)

// CreateAdmin bootstraps an administrator: a verified account with the
// given password in the auth service and the admin role in access, written
// straight into their databases. The events they record (user registered,
// grants changed) wait in the services' outboxes until a platform process
// relays them, so this works whether or not the platform is running, and
// needs no bus. The new admin must enrol 2FA before staff permissions
// apply (see docs/auth.md).
func CreateAdmin(ctx context.Context, cfg Config, logger *slog.Logger, email, password string) (string, error) {
	if err := cfg.Prepare(); err != nil {
		return "", fmt.Errorf("invalid configuration:\n%w", err)
	}
	open := func(name string) (*sqldb.DB, error) {
		return sqldb.Open(ctx, sqldb.Options{DSN: cfg.Database.DSNFor(name), DataDir: cfg.DataDir, Service: name})
	}
	authDB, err := open(auth.Name)
	if err != nil {
		return "", err
	}
	defer authDB.Close()
	accessDB, err := open(access.Name)
	if err != nil {
		return "", err
	}
	defer accessDB.Close()
	authSvc, err := auth.New(cfg.Auth, auth.Deps{DB: authDB, Logger: logger})
	if err != nil {
		return "", err
	}
	accessSvc, err := access.New(cfg.Access, access.Deps{DB: accessDB, Logger: logger, Permissions: permissionCatalog()})
	if err != nil {
		return "", err
	}
	if err := errors.Join(authSvc.Migrate(ctx), accessSvc.Migrate(ctx)); err != nil {
		return "", err
	}
	id, err := authSvc.CreateVerifiedUser(ctx, email, password, "")
	if err != nil {
		return "", err
	}
	if err := accessSvc.GrantBootstrapAdmin(ctx, id, email); err != nil {
		return "", fmt.Errorf("grant admin to %s (account %s was created): %w", email, id, err)
	}
	return id, nil
}
