package settingsapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the permissions the settings service checks. It checks
// none: every route is the caller's own settings.
var Permissions = []accessapi.PermissionInfo{}
