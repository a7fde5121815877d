package accessapi

import "time"

// Event types the access service publishes. Every payload says who did it
// (ActorID: a user id or SystemActor), why (Reason) and when (At), so the
// audit log can be built from the events alone. The envelope's subject is
// the user id the event is about (the role name for role events).
const (
	EventRoleSaved     = "admin.access.role_saved.v1"
	EventRoleDeleted   = "admin.access.role_deleted.v1"
	EventGrantsChanged = "admin.access.grants_changed.v1"
	EventUserBlocked   = "admin.access.user_blocked.v1"
	EventUserUnblocked = "admin.access.user_unblocked.v1"
	EventUserUnlocked  = "admin.access.user_unlocked.v1"
)

// RoleSavedV1 is published when a role is created or changed.
type RoleSavedV1 struct {
	Role        string    `json:"role"`
	Staff       bool      `json:"staff"`
	Permissions []string  `json:"permissions"`
	ActorID     string    `json:"actor_id"`
	Reason      string    `json:"reason"`
	At          time.Time `json:"at"`
}

// RoleDeletedV1 is published when a role is deleted (its members get
// grants_changed events of their own).
type RoleDeletedV1 struct {
	Role    string    `json:"role"`
	ActorID string    `json:"actor_id"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
}

// GrantsChangedV1 is the full snapshot of a user's grants after any change:
// their roles (athlete included), the union of the roles' permissions, and
// whether any role makes them staff. One is published per affected user,
// also when a role they hold changes.
type GrantsChangedV1 struct {
	UserID      string    `json:"user_id"`
	Roles       []string  `json:"roles"`
	Permissions []string  `json:"permissions"`
	Staff       bool      `json:"staff"`
	ActorID     string    `json:"actor_id"`
	Reason      string    `json:"reason"`
	At          time.Time `json:"at"`
}

// UserActionV1 is the payload of user_blocked, user_unblocked and
// user_unlocked (a staff unlock: auth clears the login lockout).
type UserActionV1 struct {
	UserID  string    `json:"user_id"`
	ActorID string    `json:"actor_id"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
}

// UserBlockedV1 is published when staff block a user.
type UserBlockedV1 = UserActionV1

// UserUnblockedV1 is published when staff unblock a user.
type UserUnblockedV1 = UserActionV1

// UserUnlockedV1 is published when staff lift a user's login lockout.
type UserUnlockedV1 = UserActionV1

// The notification types access sends; their templates are
// access.Notifications (the service package, because notifyapi imports
// accessapi). Data: "roles" (roles_changed), "reason" (all three).
const (
	NotifyRolesChanged  = "access.roles_changed"
	NotifyUserBlocked   = "access.user_blocked" // critical, email only
	NotifyUserUnblocked = "access.user_unblocked"
)
