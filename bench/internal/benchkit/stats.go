package benchkit

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Sample is a set of measured latencies.
type Sample []time.Duration

// Percentile returns the p-th percentile (0 < p <= 100) by the nearest-rank
// method, or 0 for an empty sample. It sorts the sample in place.
func (s Sample) Percentile(p float64) time.Duration {
	if len(s) == 0 {
		return 0
	}
	if !slices.IsSorted(s) {
		slices.Sort(s)
	}
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// Ms formats d in milliseconds with two decimals.
func Ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// Pct formats a ratio (0.71) as a whole percentage ("71%").
func Pct(ratio float64) string {
	return fmt.Sprintf("%.0f%%", 100*ratio)
}

// SignedPct formats a relative change (0.11) as "+11%" or "-3%".
func SignedPct(ratio float64) string {
	return fmt.Sprintf("%+.0f%%", 100*ratio)
}
