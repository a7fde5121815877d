package domain

import (
	"cmp"
	"slices"
	"time"
)

// EffortRow is one best effort of one activity, as stored.
type EffortRow struct {
	ActivityID string
	UserID     string
	Family     string
	Effort     string
	DistanceM  float64
	ElapsedS   float64
	StartedAt  time.Time
}

// RecordEntry is one step of a record's history: an effort that beat
// every earlier one (ImprovementS by how much; nil for the first).
type RecordEntry struct {
	ActivityID   string
	ElapsedS     float64
	AchievedAt   time.Time
	ImprovementS *float64
}

// Record is the history of one family's best over one distance; the last
// entry is the current record.
type Record struct {
	Family    string
	Effort    string
	DistanceM float64
	History   []RecordEntry
}

// Best is the current record.
func (r Record) Best() RecordEntry { return r.History[len(r.History)-1] }

// Records builds every record with its history from a user's efforts:
// walking the efforts of each family and distance in the order they were
// achieved, each one faster than all before it is a step. So an activity
// imported late takes its place in history by its date, and a deleted
// activity's efforts simply no longer count. Ties go to the earlier
// effort. Records come ordered by family, then distance.
func Records(rows []EffortRow) []Record {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b EffortRow) int {
		return cmp.Or(cmp.Compare(a.Family, b.Family), cmp.Compare(a.DistanceM, b.DistanceM),
			cmp.Compare(a.Effort, b.Effort), a.StartedAt.Compare(b.StartedAt), cmp.Compare(a.ElapsedS, b.ElapsedS),
			cmp.Compare(a.ActivityID, b.ActivityID))
	})
	var out []Record
	for _, r := range rows {
		if r.ElapsedS <= 0 {
			continue
		}
		if n := len(out); n == 0 || out[n-1].Family != r.Family || out[n-1].Effort != r.Effort {
			out = append(out, Record{Family: r.Family, Effort: r.Effort, DistanceM: r.DistanceM})
		}
		rec := &out[len(out)-1]
		e := RecordEntry{ActivityID: r.ActivityID, ElapsedS: r.ElapsedS, AchievedAt: r.StartedAt}
		if len(rec.History) > 0 {
			best := rec.Best().ElapsedS
			if r.ElapsedS >= best {
				continue
			}
			d := best - r.ElapsedS
			e.ImprovementS = &d
		}
		rec.History = append(rec.History, e)
	}
	return out
}

// RecentImprovements returns the n latest steps of all records, newest
// first, each with its record's family, effort and distance.
func RecentImprovements(records []Record, n int) []RecordStep {
	var steps []RecordStep
	for _, r := range records {
		for _, e := range r.History {
			steps = append(steps, RecordStep{Family: r.Family, Effort: r.Effort, DistanceM: r.DistanceM, RecordEntry: e})
		}
	}
	slices.SortFunc(steps, func(a, b RecordStep) int {
		return cmp.Or(b.AchievedAt.Compare(a.AchievedAt), cmp.Compare(a.Family, b.Family), cmp.Compare(a.DistanceM, b.DistanceM))
	})
	if len(steps) > n {
		steps = steps[:n]
	}
	return steps
}

// RecordStep is a history entry with the record it belongs to.
type RecordStep struct {
	Family    string
	Effort    string
	DistanceM float64
	RecordEntry
}
