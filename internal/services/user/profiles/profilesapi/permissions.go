package profilesapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions lists the permissions the profiles service checks: none yet.
// Every profile route acts for the caller on their own data, and public
// pages are filtered by the owner's privacy, not by staff permissions.
var Permissions = []accessapi.PermissionInfo{}
