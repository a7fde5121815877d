package app

import (
	"context"
	"math"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Comparison limits.
const (
	// SameDistanceTolerance is how far another activity's distance may be
	// from this one's to count as the same distance.
	SameDistanceTolerance = 0.05
	// ComparedMax is how many earlier activities a comparison considers,
	// and ListedMax how many of them it lists.
	ComparedMax = 200
	ListedMax   = 20
	// routeRadiusDeg is how far (degrees of latitude, about 330 m) a
	// start may be for the route to be decoded and compared at all;
	// route.SameRoute then asks for 200 m.
	routeRadiusDeg = 0.003
	// routeLengthSlack pre-selects candidates by length before
	// route.SameRoute's own 5% test.
	routeLengthSlack = 0.1
)

// Comparisons compares one of the caller's activities with their own
// earlier ones (same distance, same route), with reference standards and
// with other athletes who allow it. Another user's activity is not found.
func (a *App) Comparisons(ctx context.Context, id string) (progressapi.Comparisons, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Comparisons{}, err
	}
	if !plausibleID(id) {
		return progressapi.Comparisons{}, domain.ErrActivityNotFound
	}
	act, err := a.repo.Activity(ctx, uid, id)
	if err != nil {
		return progressapi.Comparisons{}, err
	}
	out := progressapi.Comparisons{Activity: activityRef(act), Family: act.Family}
	if out.SameDistance, err = a.sameDistance(ctx, act); err != nil {
		return out, err
	}
	if out.SameRoute, err = a.sameRoute(ctx, act); err != nil {
		return out, err
	}
	ath, err := a.repo.Athlete(ctx, uid)
	if err != nil {
		return out, err
	}
	now := a.now()
	out.Reference = reference(act, ath, now)
	out.Others, err = a.others(ctx, act, ath, now)
	return out, err
}

// plausibleID reports whether id could name an activity (ids are short
// printable tokens), so a malformed path is "not found" without a query.
func plausibleID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func activityRef(a domain.Activity) progressapi.ActivityRef {
	return progressapi.ActivityRef{ActivityID: a.ID, Name: a.Name, Sport: a.Sport, StartedAt: a.StartedAt,
		DistanceM: a.DistanceM, MovingS: a.MovingS, ElapsedS: a.ElapsedS, AvgSpeed: math.Round(a.AvgSpeed()*100) / 100}
}

// own ranks act by average speed among others and lists the latest.
func own(act domain.Activity, others []domain.Activity) progressapi.OwnComparison {
	out := progressapi.OwnComparison{Count: len(others), Items: []progressapi.ActivityRef{}}
	speeds := make([]float64, len(others))
	for i, o := range others {
		speeds[i] = o.AvgSpeed()
		if i < ListedMax {
			out.Items = append(out.Items, activityRef(o))
		}
	}
	out.Rank = domain.Rank(act.AvgSpeed(), speeds)
	return out
}

func (a *App) sameDistance(ctx context.Context, act domain.Activity) (progressapi.OwnComparison, error) {
	if act.DistanceM <= 0 {
		return own(act, nil), nil
	}
	others, err := a.repo.SameDistance(ctx, act, act.DistanceM*(1-SameDistanceTolerance),
		act.DistanceM*(1+SameDistanceTolerance), ComparedMax)
	if err != nil {
		return progressapi.OwnComparison{}, err
	}
	return own(act, others), nil
}

func (a *App) sameRoute(ctx context.Context, act domain.Activity) (progressapi.OwnComparison, error) {
	if act.Polyline == "" || act.Start == nil || act.DistanceM <= 0 {
		return own(act, nil), nil
	}
	pts, err := route.DecodePolyline(act.Polyline)
	if err != nil || len(pts) < 2 {
		return own(act, nil), nil
	}
	cands, err := a.repo.RouteCandidates(ctx, act, routeRadiusDeg, act.DistanceM*(1-routeLengthSlack),
		act.DistanceM*(1+routeLengthSlack), ComparedMax)
	if err != nil {
		return progressapi.OwnComparison{}, err
	}
	var same []domain.Activity
	for _, c := range cands {
		cp, err := route.DecodePolyline(c.Polyline)
		if err == nil && len(cp) >= 2 && route.SameRoute(pts, cp) {
			same = append(same, c)
		}
	}
	return own(act, same), nil
}

// reference puts the activity's running efforts against VDOT and age
// grading, and predicts races from the best of them.
func reference(act domain.Activity, ath domain.Athlete, now time.Time) progressapi.Reference {
	out := progressapi.Reference{Efforts: []progressapi.EffortStandard{}, Predictions: []progressapi.Prediction{}}
	if act.Family != activity.FamilyRun {
		return out
	}
	rows := make([]domain.EffortRow, 0, len(act.Efforts))
	for _, e := range act.Efforts {
		if e.DistanceM < domain.MinPredictionDistance {
			continue
		}
		out.Efforts = append(out.Efforts, progressapi.EffortStandard{Effort: e.Name, DistanceM: e.DistanceM,
			ElapsedS: e.ElapsedS, VDOT: domain.VDOTOf(act.Family, e.DistanceM, e.ElapsedS),
			AgeGradePct: domain.AgeGrade(ath, act.Family, e.DistanceM, e.ElapsedS, now)})
		rows = append(rows, domain.EffortRow{ActivityID: act.ID, Family: act.Family, Effort: e.Name,
			DistanceM: e.DistanceM, ElapsedS: e.ElapsedS, StartedAt: act.StartedAt})
	}
	if src := domain.BestSource(rows); src != nil {
		preds, _ := domain.Predict(src.DistanceM, src.ElapsedS)
		out.Predictions = predictions(preds)
	}
	return out
}

// others places each best effort of the activity among the recent bests
// of other athletes of the same family, sex and age band who allow it.
func (a *App) others(ctx context.Context, act domain.Activity, ath domain.Athlete, now time.Time) (progressapi.Others, error) {
	out := progressapi.Others{Cohort: progressapi.Cohort{Family: act.Family, Sex: ath.Sex},
		Efforts: []progressapi.EffortPercentile{}}
	band, lo, hi, known := ath.AgeBand(now)
	if known {
		out.Cohort.AgeBand = &band
	}
	year := now.UTC().Year()
	for _, e := range act.Efforts {
		p := progressapi.EffortPercentile{Effort: e.Name, DistanceM: e.DistanceM, ElapsedS: e.ElapsedS}
		if !known || ath.Sex == nil {
			reason := progressapi.ReasonUnknownAthlete
			p.Reason = &reason
			out.Efforts = append(out.Efforts, p)
			continue
		}
		bests, err := a.repo.Cohort(ctx, domain.CohortQuery{ExceptUser: act.UserID, Family: act.Family, Effort: e.Name,
			Sex: *ath.Sex, BirthYearFrom: year - hi, BirthYearTo: year - lo, Since: now.Add(-domain.CohortWindow)})
		if err != nil {
			return out, err
		}
		if len(bests) < progressapi.MinCohort {
			reason := progressapi.ReasonTooFew
			p.Reason = &reason
		} else {
			pct, n := domain.Percentile(e.ElapsedS, bests), len(bests)
			p.Percentile, p.CohortSize = &pct, &n
		}
		out.Efforts = append(out.Efforts, p)
	}
	return out, nil
}
