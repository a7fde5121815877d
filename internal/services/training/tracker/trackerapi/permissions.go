package trackerapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the permissions the tracker service checks: none. Every
// route acts for the caller on their own sessions and activities, and what
// others see of them is decided by the owner's privacy, not by staff
// permissions.
var Permissions = []accessapi.PermissionInfo{}
