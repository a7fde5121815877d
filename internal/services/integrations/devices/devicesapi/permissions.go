package devicesapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the permissions the devices service checks: none. Every
// route acts for the caller (or the caller's paired device) on their own
// devices and imports; there is no route that names another user.
var Permissions = []accessapi.PermissionInfo{}
