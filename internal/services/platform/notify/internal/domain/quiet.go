package domain

import (
	"fmt"
	"time"
)

// QuietHours is a daily window, in the recipient's time zone, during
// which push and SMS wait. Start and End are "HH:MM"; a window whose end
// is before its start spans midnight ("22:00" to "07:00").
type QuietHours struct {
	Enabled bool
	Start   string
	End     string
}

// ParseClock reads "HH:MM" as minutes after midnight.
func ParseClock(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, fmt.Errorf("clock %q: want HH:MM", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Until reports whether now falls in the quiet hours in loc and, if so,
// when they end. Disabled, malformed or empty (start == end) windows are
// never quiet.
func (q QuietHours) Until(now time.Time, loc *time.Location) (time.Time, bool) {
	if !q.Enabled {
		return time.Time{}, false
	}
	start, err1 := ParseClock(q.Start)
	end, err2 := ParseClock(q.End)
	if err1 != nil || err2 != nil || start == end {
		return time.Time{}, false
	}
	local := now.In(loc)
	m := local.Hour()*60 + local.Minute()
	in := m >= start && m < end
	if start > end {
		in = m >= start || m < end
	}
	if !in {
		return time.Time{}, false
	}
	until := time.Date(local.Year(), local.Month(), local.Day(), end/60, end%60, 0, 0, loc)
	if !until.After(local) {
		until = time.Date(local.Year(), local.Month(), local.Day()+1, end/60, end%60, 0, 0, loc)
	}
	return until.UTC(), true
}
