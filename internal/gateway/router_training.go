package gateway

import (
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// trainingDomain is the training domain's router (/api/v1/training/...):
// live sessions and activities (tracker), progress analytics; the planner
// joins it when it is built.
func trainingDomain() domainSpec {
	return domainSpec{Name: "training", Services: []serviceSpec{
		{Name: "tracker", Routes: trackerapi.Routes},
		{Name: "progress", Routes: progressapi.Routes},
	}}
}
