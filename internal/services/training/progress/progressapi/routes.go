// Package progressapi is the progress service's public contract: routes, DTOs,
// versioned event payloads and permissions.
package progressapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/training/progress"

// Routes are the service's public routes. Every route is the caller's own
// data (/me): there is no way to name another user's, and an activity id
// of someone else's is "not found".
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/me/summary"},
	{Pattern: "GET " + BasePath + "/me/fitness"},
	{Pattern: "GET " + BasePath + "/me/volume"},
	{Pattern: "GET " + BasePath + "/me/acwr"},
	{Pattern: "GET " + BasePath + "/me/records"},
	{Pattern: "GET " + BasePath + "/me/predictions"},
	{Pattern: "GET " + BasePath + "/me/activities/{id}/comparisons"},
	{Pattern: "GET " + BasePath + "/me/settings"},
	{Pattern: "PUT " + BasePath + "/me/settings"},
}
