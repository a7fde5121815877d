package app

import (
	"context"
	"math"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// Range is a span of calendar days asked for ("" takes the default).
type Range struct{ From, To string }

// Limits of the spans one request may cover.
const (
	DefaultFitnessDays = 180
	MaxSpanDays        = 3*366 + 1
)

// span resolves a range against today and its default length: to defaults
// to today, from to to minus defaultFrom days (or defaultFrom's result).
func span(r Range, today time.Time, defaultFrom func(to time.Time) time.Time) (from, to time.Time, err error) {
	var f apperr.Fields
	to = today
	if r.To != "" {
		if to, err = domain.ParseDay(r.To); err != nil {
			f.Add("to", "invalid", "a date, YYYY-MM-DD")
		}
	}
	from = defaultFrom(to)
	if r.From != "" {
		if from, err = domain.ParseDay(r.From); err != nil {
			f.Add("from", "invalid", "a date, YYYY-MM-DD")
		}
	}
	if len(f) == 0 {
		switch {
		case from.After(to):
			f.Add("from", "out_of_range", "must not be after to")
		case to.Sub(from) > MaxSpanDays*24*time.Hour:
			f.Add("from", "out_of_range", "at most three years at once")
		}
	}
	return from, to, f.Err()
}

// series computes the performance management chart of a user over
// [from, to] from all their daily loads up to to (CTL needs the history).
func (a *App) series(ctx context.Context, uid string, from, to time.Time) ([]analysis.Fitness, error) {
	loads, err := a.repo.DailyLoads(ctx, uid, to.Format(domain.DateLayout))
	if err != nil {
		return nil, err
	}
	days := make([]analysis.Day, 0, len(loads))
	for _, l := range loads {
		d, err := domain.ParseDay(l.Day)
		if err != nil {
			continue
		}
		days = append(days, analysis.Day{Date: d, Load: l.Load})
	}
	return analysis.FitnessSeries(days, from, to), nil
}

// Fitness returns the caller's daily load, CTL, ATL and TSB over a range
// (default: the last 180 days).
func (a *App) Fitness(ctx context.Context, r Range) (progressapi.Fitness, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.Fitness{}, err
	}
	_, today, err := a.today(ctx, uid)
	if err != nil {
		return progressapi.Fitness{}, err
	}
	from, to, err := span(r, today, func(to time.Time) time.Time { return to.AddDate(0, 0, -(DefaultFitnessDays - 1)) })
	if err != nil {
		return progressapi.Fitness{}, err
	}
	ser, err := a.series(ctx, uid, from, to)
	if err != nil {
		return progressapi.Fitness{}, err
	}
	out := progressapi.Fitness{From: from.Format(domain.DateLayout), To: to.Format(domain.DateLayout),
		Items: make([]progressapi.FitnessDay, 0, len(ser))}
	for _, f := range ser {
		out.Items = append(out.Items, fitnessDay(f))
	}
	return out, nil
}

func fitnessDay(f analysis.Fitness) progressapi.FitnessDay {
	return progressapi.FitnessDay{Date: f.Date.Format(domain.DateLayout), Load: domain.Round1(f.Load),
		CTL: domain.Round1(f.CTL), ATL: domain.Round1(f.ATL), TSB: domain.Round1(f.TSB)}
}

// fitnessToday is today's fitness with its form label, nil for an athlete
// without any load yet.
func (a *App) fitnessToday(ctx context.Context, uid string, today time.Time) (*progressapi.FitnessToday, error) {
	ser, err := a.series(ctx, uid, today, today)
	if err != nil || len(ser) == 0 {
		return nil, err
	}
	f := fitnessDay(ser[len(ser)-1])
	if f.CTL == 0 && f.ATL == 0 && f.Load == 0 {
		return nil, nil
	}
	return &progressapi.FitnessToday{Date: f.Date, CTL: f.CTL, ATL: f.ATL, TSB: f.TSB, Form: domain.FormLabel(f.TSB)}, nil
}

// ACWR returns the caller's acute:chronic workload ratio today, labelled
// as descriptive only.
func (a *App) ACWR(ctx context.Context) (progressapi.ACWR, error) {
	uid, err := caller(ctx)
	if err != nil {
		return progressapi.ACWR{}, err
	}
	day, today, err := a.today(ctx, uid)
	if err != nil {
		return progressapi.ACWR{}, err
	}
	loads, err := a.repo.DailyLoads(ctx, uid, day)
	if err != nil {
		return progressapi.ACWR{}, err
	}
	days := make([]analysis.Day, 0, len(loads))
	for _, l := range loads {
		if d, err := domain.ParseDay(l.Day); err == nil {
			days = append(days, analysis.Day{Date: d, Load: l.Load})
		}
	}
	acute, chronic, ratio := analysis.ACWR(days, today)
	out := progressapi.ACWR{Date: day, Acute: domain.Round1(acute), Chronic: domain.Round1(chronic), Note: progressapi.ACWRNote}
	if chronic > 0 && !math.IsNaN(ratio) && !math.IsInf(ratio, 0) {
		r := math.Round(ratio*100) / 100
		out.Ratio = &r
	}
	return out, nil
}
