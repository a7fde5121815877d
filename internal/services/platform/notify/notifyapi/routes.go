// Package notifyapi is the notify service's public contract: routes, DTOs,
// versioned event payloads, permissions and the Template type other
// services describe their notification types with.
package notifyapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/platform/notify"

// Routes are the service's public routes. The live inbox route is
// anonymous because browsers cannot send headers on a WebSocket: its
// single-use ticket (POST /inbox/ticket) is the credential.
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/types", Anonymous: true},
	{Pattern: "GET " + BasePath + "/inbox"},
	{Pattern: "GET " + BasePath + "/inbox/unread-count"},
	{Pattern: "POST " + BasePath + "/inbox/{id}/read"},
	{Pattern: "POST " + BasePath + "/inbox/read-all"},
	{Pattern: "POST " + BasePath + "/inbox/ticket"},
	{Pattern: "GET " + BasePath + "/inbox/live", Anonymous: true},
	{Pattern: "GET " + BasePath + "/push/vapid-public-key", Anonymous: true},
	{Pattern: "POST " + BasePath + "/push/subscriptions"},
	{Pattern: "DELETE " + BasePath + "/push/subscriptions"},
	{Pattern: "GET " + BasePath + "/deliveries"},
	{Pattern: "GET " + BasePath + "/admin/deliveries"},
}
