// Package accessapi is the access service's public contract: routes, DTOs,
// versioned event payloads, the permissions it checks and the built-in
// role names. Every service's api package lists its own permissions as
// []PermissionInfo; the composition root hands them all to access.
package accessapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/admin/access"

// Routes are the service's public routes; each checks its permission.
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/permissions"},
	{Pattern: "GET " + BasePath + "/roles"},
	{Pattern: "PUT " + BasePath + "/roles/{name}"},
	{Pattern: "DELETE " + BasePath + "/roles/{name}"},
	{Pattern: "GET " + BasePath + "/users"},
	{Pattern: "GET " + BasePath + "/users/{id}"},
	{Pattern: "PUT " + BasePath + "/users/{id}/roles"},
	{Pattern: "POST " + BasePath + "/users/{id}/block"},
	{Pattern: "POST " + BasePath + "/users/{id}/unblock"},
	{Pattern: "POST " + BasePath + "/users/{id}/unlock"},
}
