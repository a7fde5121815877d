package accessapi

import (
	"encoding/json"
	"time"
)

// PermissionList is the answer of GET /permissions.
type PermissionList struct {
	Items []PermissionInfo `json:"items"`
}

// Role is a named set of permissions.
type Role struct {
	Name        string   `json:"name"`
	Staff       bool     `json:"staff"`   // holders are staff (their tokens need 2FA)
	Builtin     bool     `json:"builtin"` // created by SportHub; cannot be deleted
	Permissions []string `json:"permissions"`
	Description string   `json:"description"`
	Members     int      `json:"members"` // users holding it (athlete: every user)
}

// RoleList is the answer of GET /roles.
type RoleList struct {
	Items []Role `json:"items"`
}

// RoleInput is the body of PUT /roles/{name}.
type RoleInput struct {
	Staff       bool     `json:"staff"`
	Permissions []string `json:"permissions"`
	Description string   `json:"description"`
	Reason      string   `json:"reason"`
}

// UserSummary is one user as staff search shows them.
type UserSummary struct {
	UserID        string    `json:"user_id"`
	Email         string    `json:"email"`
	DisplayName   string    `json:"display_name"`
	Roles         []string  `json:"roles"`
	Blocked       bool      `json:"blocked"`
	Locked        bool      `json:"locked"`
	EmailVerified bool      `json:"email_verified"`
	RegisteredAt  time.Time `json:"registered_at"`
}

// UserPage is one page of GET /users.
type UserPage struct {
	Items      []UserSummary `json:"items"`
	NextCursor *string       `json:"next_cursor"`
}

// UserDetail is one user with their staff action history (newest first).
type UserDetail struct {
	UserSummary
	TwoFactorEnabled bool          `json:"two_factor_enabled"`
	Actions          []StaffAction `json:"actions"`
}

// StaffAction is one recorded action of staff (or the system) on a user.
type StaffAction struct {
	ID         string          `json:"id"`
	ActorID    string          `json:"actor_id"`
	ActorEmail *string         `json:"actor_email"` // null for the system or an actor no longer known
	Action     string          `json:"action"`      // roles_changed | user_blocked | user_unblocked | user_unlocked
	Reason     string          `json:"reason"`
	Details    json.RawMessage `json:"details"` // a JSON object
	At         time.Time       `json:"at"`
}

// RolesInput is the body of PUT /users/{id}/roles.
type RolesInput struct {
	Roles  []string `json:"roles"`
	Reason string   `json:"reason"`
}

// ReasonInput is the body of block, unblock and unlock.
type ReasonInput struct {
	Reason string `json:"reason"`
}
