package gateway

import (
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// userDomain is the user domain's router (/api/v1/user/...): accounts and
// tokens, profiles, personal settings. The auth service's JWKS is also
// served at /.well-known/jwks.json.
func userDomain() domainSpec {
	return domainSpec{Name: "user", Services: []serviceSpec{
		{Name: "auth", Routes: authapi.Routes},
		{Name: "profiles", Routes: profilesapi.Routes},
		{Name: "settings", Routes: settingsapi.Routes},
	}}
}
