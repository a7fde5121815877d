// Package authapi is the auth service's public contract: routes, DTOs,
// versioned event payloads.
package authapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/user/auth"

// Routes are the service's public routes.
var Routes = []web.Route{}
