// Package settingsapi is the settings service's public contract: routes, DTOs,
// versioned event payloads.
package settingsapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/user/settings"

// Routes are the service's public routes.
var Routes = []web.Route{}
