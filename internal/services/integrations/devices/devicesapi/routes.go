// Package devicesapi is the devices service's public contract: routes, DTOs,
// versioned event payloads and permissions.
package devicesapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/integrations/devices"

// Body limits of the ingest and import routes (the import limit is the
// default of devices.imports.max_body_bytes; the running service declares
// its configured value).
const (
	MaxIngestBody        = 4 << 20
	DefaultMaxImportBody = 256 << 20
)

// DeviceTokenHeader carries a paired device's token: the gateway's token
// middleware accepts only Bearer access tokens in Authorization, and a
// device token is not one.
const DeviceTokenHeader = "X-Device-Token"

// Routes are the service's public routes. The /me routes are the caller's
// own devices; pair, ingest and imports are anonymous at the gateway
// because a device authenticates with its own token (X-Device-Token), which
// the service checks; ingest and imports also take a user's access token.
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/me"},
	{Pattern: "POST " + BasePath + "/me/pairings"},
	{Pattern: "PATCH " + BasePath + "/me/{id}"},
	{Pattern: "DELETE " + BasePath + "/me/{id}"},
	{Pattern: "POST " + BasePath + "/pair", Anonymous: true},
	{Pattern: "POST " + BasePath + "/ingest", Anonymous: true, MaxBodyBytes: MaxIngestBody},
	{Pattern: "GET " + BasePath + "/ingest/ws", Anonymous: true},
	{Pattern: "POST " + BasePath + "/imports", Anonymous: true, MaxBodyBytes: DefaultMaxImportBody},
	{Pattern: "GET " + BasePath + "/imports"},
	{Pattern: "GET " + BasePath + "/imports/{id}"},
}
