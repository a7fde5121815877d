package authapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the permissions the auth service checks. It checks none:
// every auth route acts on the caller's own account, and staff actions on
// other accounts (block, unlock, roles) go through the access service.
var Permissions = []accessapi.PermissionInfo{}
