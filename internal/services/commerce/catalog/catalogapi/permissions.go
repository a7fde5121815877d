package catalogapi

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// Permissions are the catalog's permissions for the roles editor; the
// composition root hands them to access.
var Permissions = []accessapi.PermissionInfo{
	{Name: PermProductsWrite, Description: map[string]string{
		"ru": "Создавать и изменять товары каталога",
		"en": "Create and change catalog products"}},
	{Name: PermPricesWrite, Description: map[string]string{
		"ru": "Устанавливать цены товаров",
		"en": "Set product prices"}},
	{Name: PermStockWrite, Description: map[string]string{
		"ru": "Изменять остатки товаров на складах и в магазинах",
		"en": "Change product stock in warehouses and stores"}},
}
