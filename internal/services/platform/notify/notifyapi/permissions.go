package notifyapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// PermDeliveriesRead lets staff read any user's delivery log.
const PermDeliveriesRead = "notify.deliveries.read"

// Permissions are the permissions notify checks, for the roles editor.
var Permissions = []accessapi.PermissionInfo{
	{Name: PermDeliveriesRead, Description: map[string]string{
		"ru": "Просмотр журнала доставки уведомлений любого пользователя",
		"en": "Read any user's notification delivery log",
	}},
}
