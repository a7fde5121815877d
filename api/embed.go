// Package api holds SportHub's public API description, the OpenAPI 3.1
// document the gateway serves at /api/openapi.json and the web app's typed
// client is generated from. Services write their parts in openapi/*.json;
// openapi.json is their merge (`go generate ./api`), checked by a test, and
// a gateway test keeps it in step with the routes.
package api

import _ "embed"

//go:generate go run ./internal/merge

// OpenAPI is the OpenAPI 3.1 document (JSON).
//
//go:embed openapi.json
var OpenAPI []byte
