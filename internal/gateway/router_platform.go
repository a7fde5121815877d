package gateway

import "github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"

// platformDomain is the router of the platform's own user-facing services
// (/api/v1/platform/...): notifications.
func platformDomain() domainSpec {
	return domainSpec{Name: "platform", Services: []serviceSpec{
		{Name: "notify", Routes: notifyapi.Routes},
	}}
}
