package domain

import "github.com/sporthub/sporthub/internal/platform/apperr"

// The access service's domain errors.
var (
	ErrUserNotFound   = apperr.New(apperr.NotFound, "user_not_found", "no such user")
	ErrRoleNotFound   = apperr.New(apperr.NotFound, "role_not_found", "no such role")
	ErrBuiltinRole    = apperr.New(apperr.Conflict, "builtin_role", "built-in roles cannot be deleted")
	ErrSelfBlock      = apperr.New(apperr.Forbidden, "cannot_block_self", "staff cannot block themselves")
	ErrOwnAdmin       = apperr.New(apperr.Forbidden, "cannot_remove_own_admin", "admins cannot take the admin role from themselves; ask another admin")
	ErrLastAdmin      = apperr.New(apperr.Conflict, "last_admin", "this is the last active admin: make someone else admin first")
	ErrAlreadyBlocked = apperr.New(apperr.Conflict, "already_blocked", "the user is blocked already")
	ErrNotBlocked     = apperr.New(apperr.Conflict, "not_blocked", "the user is not blocked")
)
