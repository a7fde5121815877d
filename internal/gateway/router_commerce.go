package gateway

import "github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"

// commerceDomain is the router of the company's existing systems
// (/api/v1/commerce/...): the catalog now; orders, suppliers and delivery
// join it as they are built.
func commerceDomain() domainSpec {
	return domainSpec{Name: "commerce", Services: []serviceSpec{
		{Name: "catalog", Routes: catalogapi.Routes},
	}}
}
