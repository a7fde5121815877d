// Package profilesapi is the profiles service's public contract: routes, the
// JSON shapes of its HTTP API, the sports and other closed vocabularies it
// accepts, its versioned event payloads, its notification templates and the
// privacy-zone helper other services use before they show a route. It is the
// only profiles package other services import.
package profilesapi

import "github.com/sporthub/sporthub/internal/platform/web"

// BasePath is where the service's routes live in the public API.
const BasePath = "/api/v1/user/profiles"

// AvatarMaxBytes is the largest avatar upload accepted (the route's body limit).
const AvatarMaxBytes = 8 << 20

// AvatarSizes are the square sizes, in pixels, every avatar is stored in.
// AvatarURL of a profile names the large one; lists name the small one.
const (
	AvatarLarge = 512
	AvatarSmall = 128
)

// AvatarPath returns the public path of a stored avatar in one size.
func AvatarPath(size int, name string) string {
	if size == AvatarSmall {
		return BasePath + "/avatars/128/" + name
	}
	return BasePath + "/avatars/512/" + name
}

// Routes are the service's public routes. GET /avatars/{size}/{name} has
// two segments after "avatars" because a single one would collide with
// GET /{user_id}/followers in the router ("/avatars/followers").
var Routes = []web.Route{
	{Pattern: "GET " + BasePath + "/me"},
	{Pattern: "PATCH " + BasePath + "/me"},
	{Pattern: "PUT " + BasePath + "/me/avatar", MaxBodyBytes: AvatarMaxBytes},
	{Pattern: "DELETE " + BasePath + "/me/avatar"},
	{Pattern: "GET " + BasePath + "/avatars/{size}/{name}", Anonymous: true},
	{Pattern: "GET " + BasePath + "/me/privacy"},
	{Pattern: "PUT " + BasePath + "/me/privacy"},
	{Pattern: "POST " + BasePath + "/me/privacy-zones"},
	{Pattern: "DELETE " + BasePath + "/me/privacy-zones/{id}"},
	{Pattern: "GET " + BasePath + "/me/goals"},
	{Pattern: "POST " + BasePath + "/me/goals"},
	{Pattern: "PUT " + BasePath + "/me/goals/{id}"},
	{Pattern: "DELETE " + BasePath + "/me/goals/{id}"},
	{Pattern: "GET " + BasePath + "/me/follow-requests"},
	{Pattern: "POST " + BasePath + "/me/follow-requests/{follower_id}/accept"},
	{Pattern: "POST " + BasePath + "/me/follow-requests/{follower_id}/decline"},
	{Pattern: "GET " + BasePath + "/{user_id}", Anonymous: true},
	{Pattern: "POST " + BasePath + "/{user_id}/follow"},
	{Pattern: "DELETE " + BasePath + "/{user_id}/follow"},
	{Pattern: "GET " + BasePath + "/{user_id}/followers", Anonymous: true},
	{Pattern: "GET " + BasePath + "/{user_id}/following", Anonymous: true},
}
