package domain

import (
	"context"
	"time"
)

// Repository stores roles, grants, the directory and staff actions. Every
// method joins the transaction of the context it is given.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// LockGrants serialises changes of roles, grants and blocks until the
	// transaction ends, so guards like "the last admin" hold under
	// concurrent requests.
	LockGrants(ctx context.Context) error

	Roles(ctx context.Context) ([]Role, error) // with member counts, by name
	Role(ctx context.Context, name string) (Role, error)
	SaveRole(ctx context.Context, r Role) error // insert or update
	DeleteRole(ctx context.Context, name string) error
	RoleMembers(ctx context.Context, role string) ([]string, error)
	// ActiveHolders counts the users holding role who are not blocked.
	ActiveHolders(ctx context.Context, role string) (int, error)

	User(ctx context.Context, userID string) (User, error)
	SearchUsers(ctx context.Context, q UserQuery) (UserPage, error)
	SetUserRoles(ctx context.Context, userID string, roles []string, at time.Time) error
	SetBlocked(ctx context.Context, userID string, blocked bool, at time.Time) error

	// Directory projection. Updates of users not in the directory do
	// nothing and report false.
	UpsertUser(ctx context.Context, userID, email string, registeredAt time.Time) error
	EnsureUser(ctx context.Context, userID, email string, registeredAt time.Time) error
	SetEmailVerified(ctx context.Context, userID, email string) (bool, error)
	SetLockedUntil(ctx context.Context, userID string, until *time.Time) (bool, error)
	SetTwoFactor(ctx context.Context, userID string, enabled bool) (bool, error)
	SetDisplayName(ctx context.Context, userID, name string) (bool, error)
	// DeleteUser removes a user from the directory and their grants, and
	// replaces them as the target of staff actions by tombstone.
	DeleteUser(ctx context.Context, userID, tombstone string) error

	AddAction(ctx context.Context, a StaffAction) error
	Actions(ctx context.Context, target string, limit int) ([]StaffAction, error) // newest first
}
