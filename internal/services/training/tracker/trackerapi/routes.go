// Package trackerapi is the tracker service's public contract: routes, DTOs,
// versioned event payloads, live-view messages, notification templates and
// permissions.
package trackerapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/training/tracker"

// Routes are the service's public routes. Every route needs a user token
// except the live WebSockets (a single-use watch ticket or the share token
// is their credential: browsers cannot send headers on a WebSocket) and the
// shared view (the share token is the credential). What another user sees
// of a session or an activity is decided by the owner's privacy, not by
// staff permissions.
var Routes = []web.Route{
	{Pattern: "POST " + BasePath + "/sessions"},
	{Pattern: "GET " + BasePath + "/sessions/current"},
	{Pattern: "GET " + BasePath + "/sessions/{id}"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/pause"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/resume"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/finish"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/discard"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/sos"},
	{Pattern: "POST " + BasePath + "/sessions/{id}/watch-tickets"},
	{Pattern: "GET " + BasePath + "/sessions/{id}/live", Anonymous: true},
	{Pattern: "POST " + BasePath + "/sessions/{id}/shares"},
	{Pattern: "GET " + BasePath + "/sessions/{id}/shares"},
	{Pattern: "DELETE " + BasePath + "/sessions/{id}/shares/{share_id}"},
	{Pattern: "GET " + BasePath + "/shared/{token}", Anonymous: true},
	{Pattern: "GET " + BasePath + "/shared/{token}/live", Anonymous: true},
	{Pattern: "GET " + BasePath + "/me/safety"},
	{Pattern: "PUT " + BasePath + "/me/safety"},
	{Pattern: "GET " + BasePath + "/activities"},
	{Pattern: "GET " + BasePath + "/activities/{id}"},
	{Pattern: "PATCH " + BasePath + "/activities/{id}"},
	{Pattern: "DELETE " + BasePath + "/activities/{id}"},
	{Pattern: "GET " + BasePath + "/activities/{id}/streams"},
	{Pattern: "GET " + BasePath + "/activities/{id}/route"},
	{Pattern: "GET " + BasePath + "/activities/{id}/export"},
	{Pattern: "POST " + BasePath + "/activities/{id}/recompute"},
	{Pattern: "GET " + BasePath + "/glance"},
}

// SharePath is the web app's path of a share link ("/live/<token>").
func SharePath(token string) string { return "/live/" + token }
