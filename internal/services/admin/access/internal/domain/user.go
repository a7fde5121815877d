package domain

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
)

// User is one user in the staff directory: what auth and profiles told
// access about them, and what access itself decides (roles, block).
type User struct {
	UserID        string
	Email         string
	DisplayName   string
	EmailVerified bool
	TwoFactor     bool
	Blocked       bool
	LockedUntil   *time.Time
	RegisteredAt  time.Time
	// Roles are the assigned roles, sorted; athlete is implicit and not
	// among them.
	Roles []string
}

// Locked reports whether the user's login is locked out at now.
func (u User) Locked(now time.Time) bool { return u.LockedUntil != nil && u.LockedUntil.After(now) }

// HasRole reports whether the user was assigned role.
func (u User) HasRole(role string) bool { return slices.Contains(u.Roles, role) }

// Grants are a user's effective grants.
type Grants struct {
	Roles       []string // athlete first, then the assigned roles sorted
	Permissions []string // sorted union of the roles' permissions
	Staff       bool
}

// GrantsOf computes the grants of a user assigned roles (names), given every
// role by name.
func GrantsOf(assigned []string, roles map[string]Role) Grants {
	g := Grants{Roles: []string{accessapi.RoleAthlete}}
	var perms []string
	for _, name := range assigned {
		if name == accessapi.RoleAthlete {
			continue
		}
		g.Roles = append(g.Roles, name)
		r := roles[name]
		perms = append(perms, r.Permissions...)
		g.Staff = g.Staff || r.Staff
	}
	g.Permissions = NormalizePermissions(perms)
	if g.Permissions == nil {
		g.Permissions = []string{}
	}
	return g
}

// The actions staff take, as recorded and shown in a user's history.
const (
	ActionRolesChanged  = "roles_changed"
	ActionUserBlocked   = "user_blocked"
	ActionUserUnblocked = "user_unblocked"
	ActionUserUnlocked  = "user_unlocked"
	ActionRoleSaved     = "role_saved"
	ActionRoleDeleted   = "role_deleted"
)

// StaffAction is one recorded action of staff (or the system). Target is
// empty for actions on roles.
type StaffAction struct {
	ID         string
	ActorID    string
	ActorEmail string // filled in on reads; "" when unknown
	Target     string
	Action     string
	Reason     string
	Details    json.RawMessage // a JSON object
	At         time.Time
}

// Status filters the directory.
type Status string

// The directory's status filters; "" matches everyone.
const (
	StatusActive  Status = "active"
	StatusBlocked Status = "blocked"
	StatusLocked  Status = "locked"
)

// UserQuery is a directory search.
type UserQuery struct {
	Text   string // substring of email or display name, any case
	Role   string // "" or athlete: everyone
	Status Status
	Now    time.Time // for "locked"
	Limit  int
	After  *UserCursor
}

// UserCursor is where a page of the directory ends.
type UserCursor struct {
	RegisteredAt time.Time `json:"t"`
	UserID       string    `json:"id"`
}

// UserPage is one page of a directory search.
type UserPage struct {
	Items []User
	Next  *UserCursor
}
