package gateway

import "github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"

// integrationsDomain is the integrations domain's router
// (/api/v1/integrations/...): devices, pairing, live ingest and file
// imports; healthsync joins it when it is built.
func integrationsDomain() domainSpec {
	return domainSpec{Name: "integrations", Services: []serviceSpec{
		{Name: "devices", Routes: devicesapi.Routes},
	}}
}
