package gateway

import "github.com/sporthub/sporthub/internal/services/admin/access/accessapi"

// adminDomain is the administration domain's router (/api/v1/admin/...):
// access management now; audit, monitoring and moderation join it.
func adminDomain() domainSpec {
	return domainSpec{Name: "admin", Services: []serviceSpec{
		{Name: "access", Routes: accessapi.Routes},
	}}
}
