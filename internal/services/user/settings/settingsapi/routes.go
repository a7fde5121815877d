// Package settingsapi is the settings service's public contract: routes, DTOs,
// versioned event payloads.
package settingsapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/user/settings"

// Routes are the service's public routes. Every route is the caller's own
// settings (/me): there is no way to name another user's.
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/me"},
	{Pattern: "PATCH " + BasePath + "/me"},
	{Pattern: "PUT " + BasePath + "/me/marketing-consent"},
}
