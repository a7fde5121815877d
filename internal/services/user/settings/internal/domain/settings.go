// Package domain holds the settings service's entities and rules: a user's
// personal settings with their defaults, how a partial change applies to
// them, validation, and marketing consent with its history. It does no I/O.
package domain

import (
	"maps"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Settings are one user's personal settings.
type Settings struct {
	UserID         string
	Theme          string
	Units          string
	FirstDayOfWeek int
	Language       string
	Region         string
	TimeZone       string
	Currency       string
	Phone          *string
	// Notifications override notification types' default channels.
	Notifications map[string]Channels
	QuietHours    QuietHours
	Consent       Consent
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Channels says which channels one notification type goes out on.
type Channels struct {
	Push  bool `json:"push"`
	Email bool `json:"email"`
	SMS   bool `json:"sms"`
	InApp bool `json:"in_app"`
}

// QuietHours hold back non-critical notifications between Start and End
// (HH:MM, the user's time zone).
type QuietHours struct {
	Enabled    bool
	Start, End string
}

// Consent is the user's marketing consent: whether it is granted, when it
// was last given and when last withdrawn (nil: never).
type Consent struct {
	Granted     bool
	GrantedAt   *time.Time
	WithdrawnAt *time.Time
}

// At is when the current consent state began: the last grant while granted,
// the last withdrawal otherwise; nil when the user never decided.
func (c Consent) At() *time.Time {
	if c.Granted {
		return c.GrantedAt
	}
	return c.WithdrawnAt
}

// ConsentRecord is one entry of the consent history, kept as proof of what
// the user agreed to and when.
type ConsentRecord struct {
	ID      string
	UserID  string
	Granted bool
	At      time.Time
}

// Allowed values of the enumerated settings; the first is the default.
var (
	Themes     = []string{"system", "light", "dark"}
	UnitSystem = []string{"metric", "imperial"}
	Languages  = []string{"ru", "en"}
	Currencies = []string{"RUB", "KZT", "EUR", "USD"}
	Days       = []int{1, 7}
)

// Defaults for a new user.
const (
	DefaultRegion     = "RU"
	DefaultTimeZone   = "Europe/Moscow"
	DefaultQuietStart = "22:00"
	DefaultQuietEnd   = "07:00"
)

// Defaults returns a new user's settings; language is the one they
// registered with, or Russian when it is not one SportHub speaks.
func Defaults(userID, language string, now time.Time) Settings {
	if !contains(Languages, language) {
		language = Languages[0]
	}
	return Settings{
		UserID: userID, Theme: Themes[0], Units: UnitSystem[0], FirstDayOfWeek: 1, Language: language,
		Region: DefaultRegion, TimeZone: DefaultTimeZone, Currency: Currencies[0],
		Notifications: map[string]Channels{},
		QuietHours:    QuietHours{Start: DefaultQuietStart, End: DefaultQuietEnd},
		CreatedAt:     now, UpdatedAt: now,
	}
}

// Clone returns a copy that shares nothing mutable with s.
func (s Settings) Clone() Settings {
	c := s
	c.Notifications = maps.Clone(s.Notifications)
	if c.Notifications == nil {
		c.Notifications = map[string]Channels{}
	}
	if s.Phone != nil {
		p := *s.Phone
		c.Phone = &p
	}
	return c
}

// The settings service's domain errors.
var (
	ErrSettingsNotFound = apperr.New(apperr.NotFound, "settings_not_found", "no settings for this user")
)

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
