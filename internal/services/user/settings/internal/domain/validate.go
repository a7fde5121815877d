package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	// The IANA time zone database is embedded so that time zones validate
	// the same on every machine, whether or not it has zoneinfo installed.
	_ "time/tzdata"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Limits on the free-form settings.
const (
	MaxOverrides   = 100
	MaxTypeLength  = 64
	maxZoneLength  = 64
	maxPhoneLength = 16
)

var (
	regionRe = regexp.MustCompile(`^[A-Z]{2}$`)
	// E.164: a plus, a country code not starting with 0, at most 15 digits.
	phoneRe = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	// Notification types are owned by notify's registry; settings only
	// checks their shape: <service>.<name>.
	typeRe = regexp.MustCompile(`^[a-z]+\.[a-z_]+$`)
	hhmmRe = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

// Validate reports every rule s breaks, with the API's field names.
func (s Settings) Validate() error {
	var f apperr.Fields
	oneOf(&f, "theme", s.Theme, Themes)
	oneOf(&f, "units", s.Units, UnitSystem)
	if !contains(Days, s.FirstDayOfWeek) {
		f.Add("first_day_of_week", "not_allowed", "must be 1 (Monday) or 7 (Sunday)")
	}
	oneOf(&f, "language", s.Language, Languages)
	if !regionRe.MatchString(s.Region) {
		f.Add("region", "invalid_format", "must be a two-letter region code in capitals, e.g. RU")
	}
	if !ValidTimeZone(s.TimeZone) {
		f.Add("time_zone", "unknown_time_zone", "must be an IANA time zone name, e.g. Europe/Moscow")
	}
	oneOf(&f, "currency", s.Currency, Currencies)
	if s.Phone != nil && (len(*s.Phone) > maxPhoneLength || !phoneRe.MatchString(*s.Phone)) {
		f.Add("phone", "invalid_phone", "must be an international number in E.164 form, e.g. +79161234567")
	}
	if len(s.Notifications) > MaxOverrides {
		f.Add("notifications", "too_many", fmt.Sprintf("at most %d notification overrides", MaxOverrides))
	}
	for typ := range s.Notifications {
		if len(typ) > MaxTypeLength || !typeRe.MatchString(typ) {
			field := "notifications." + typ
			if len(typ) > MaxTypeLength {
				field = "notifications"
			}
			f.Add(field, "invalid_type", "a notification type looks like service.name, e.g. profiles.new_follower")
		}
	}
	q := s.QuietHours
	if !hhmmRe.MatchString(q.Start) {
		f.Add("quiet_hours.start", "invalid_time", "must be a time HH:MM, e.g. 22:00")
	}
	if !hhmmRe.MatchString(q.End) {
		f.Add("quiet_hours.end", "invalid_time", "must be a time HH:MM, e.g. 07:00")
	} else if q.End == q.Start {
		f.Add("quiet_hours.end", "same_as_start", "quiet hours must end at another time than they start")
	}
	return f.Err()
}

// ValidTimeZone reports whether name is an IANA time zone (not "", "Local"
// or a file path).
func ValidTimeZone(name string) bool {
	if name == "" || name == "Local" || len(name) > maxZoneLength || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

func oneOf(f *apperr.Fields, field, v string, allowed []string) {
	if !contains(allowed, v) {
		f.Add(field, "not_allowed", "must be one of "+strings.Join(allowed, ", "))
	}
}
