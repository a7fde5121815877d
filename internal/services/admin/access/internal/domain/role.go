// Package domain holds the access service's entities and rules: roles and
// the permission catalog, users' grants, blocks and the staff directory,
// staff actions, and the guards that keep an installation administrable.
// It does no I/O.
package domain

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
)

// Role is a named set of permissions; Staff roles make their holders staff.
type Role struct {
	Name        string
	Staff       bool
	Builtin     bool
	Permissions []string // sorted, unique
	Description string
	Members     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Limits on free text.
const (
	MaxDescription = 500
	MaxReason      = 500
)

var roleNameRe = regexp.MustCompile(`^[a-z][a-z0-9_]{1,30}$`)

// ValidRoleName reports whether name is a well-formed role name.
func ValidRoleName(name string) bool { return roleNameRe.MatchString(name) }

// Builtin is a built-in role as first created.
type Builtin struct {
	Name        string
	Staff       bool
	Permissions []string
	Description string
}

// Builtins are the roles created on first start, in display order. Admin's
// permissions are the whole catalog (filled in by the app layer).
var Builtins = []Builtin{
	{Name: accessapi.RoleAthlete, Description: "Every user: their own data only"},
	{Name: accessapi.RoleCoach, Description: "Coaches athletes; not staff"},
	{Name: accessapi.RoleModerator, Staff: true, Permissions: []string{accessapi.PermUsersRead}, Description: "Moderates user content"},
	{Name: accessapi.RoleMarketer, Staff: true, Permissions: []string{accessapi.PermUsersRead}, Description: "Runs marketing campaigns"},
	{Name: accessapi.RoleSupport, Staff: true, Permissions: []string{accessapi.PermUsersRead, accessapi.PermUsersUnlock},
		Description: "Helps users with their accounts"},
	{Name: accessapi.RoleAdmin, Staff: true, Description: "Holds every permission"},
}

// CheckRole reports what is wrong with role r as an editor would save it,
// against the permission catalog: name and description, unknown
// permissions, and the built-in rules (athlete has no permissions and is
// not staff; admin is staff and holds the whole catalog).
func CheckRole(r Role, catalog *Catalog) error {
	var f apperr.Fields
	if !ValidRoleName(r.Name) {
		f.Add("name", "invalid_format", "2-31 lowercase letters, digits or _, starting with a letter")
	}
	if len([]rune(r.Description)) > MaxDescription {
		f.Add("description", "too_long", "at most 500 characters")
	}
	for i, p := range r.Permissions {
		if !catalog.Has(p) {
			f.Add("permissions["+itoa(i)+"]", "unknown_permission", "no such permission: "+clip(p))
		}
	}
	switch r.Name {
	case accessapi.RoleAthlete:
		if r.Staff || len(r.Permissions) > 0 {
			f.Add("permissions", "implicit_role", "athlete is every user's role: it holds no permissions and is not staff")
		}
	case accessapi.RoleAdmin:
		if !r.Staff || len(catalog.Missing(r.Permissions)) > 0 {
			f.Add("permissions", "admin_holds_all", "admin is staff and holds every permission of the catalog")
		}
	}
	return f.Err()
}

// NormalizePermissions returns perms sorted and without duplicates.
func NormalizePermissions(perms []string) []string {
	out := slices.Clone(perms)
	slices.Sort(out)
	return slices.Compact(out)
}

// CheckReason reports a missing or overlong reason; field names it.
func CheckReason(field, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", apperr.Validation(apperr.FieldError{Field: field, Code: "required", Message: "say why: the reason is kept with the action"})
	case len([]rune(reason)) > MaxReason:
		return "", apperr.Validation(apperr.FieldError{Field: field, Code: "too_long", Message: "at most 500 characters"})
	}
	return reason, nil
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
