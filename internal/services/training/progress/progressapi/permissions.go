package progressapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the permissions the progress service checks. It checks
// none: every route is the caller's own data (/me).
var Permissions = []accessapi.PermissionInfo{}
