package settingsapi

import (
	"encoding/json"
	"time"
)

// Settings are a user's personal settings as the API and the
// settings_changed event carry them.
type Settings struct {
	Theme          string `json:"theme"`             // system | light | dark
	Units          string `json:"units"`             // metric | imperial
	FirstDayOfWeek int    `json:"first_day_of_week"` // 1 = Monday, 7 = Sunday
	Language       string `json:"language"`          // ru | en
	Region         string `json:"region"`            // two capital letters, e.g. RU
	TimeZone       string `json:"time_zone"`         // IANA name, e.g. Europe/Moscow
	Currency       string `json:"currency"`          // RUB | KZT | EUR | USD
	// Phone is an E.164 number or null.
	Phone *string `json:"phone"`
	// Notifications are the user's overrides of notification types' default
	// channels, keyed by type (e.g. "profiles.new_follower").
	Notifications    map[string]Channels `json:"notifications"`
	QuietHours       QuietHours          `json:"quiet_hours"`
	MarketingConsent MarketingConsent    `json:"marketing_consent"`
	UpdatedAt        time.Time           `json:"updated_at"`
}

// Channels says which channels one notification type goes out on.
type Channels struct {
	Push  bool `json:"push"`
	Email bool `json:"email"`
	SMS   bool `json:"sms"`
	InApp bool `json:"in_app"`
}

// QuietHours hold back non-critical notifications between Start and End
// (HH:MM in the user's time zone; End before Start spans midnight).
type QuietHours struct {
	Enabled bool   `json:"enabled"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// MarketingConsent is whether the user agreed to marketing messages and
// when they last gave or withdrew that consent (null: never asked).
type MarketingConsent struct {
	Granted bool       `json:"granted"`
	At      *time.Time `json:"at"`
}

// Patch is the body of PATCH /me: every field is optional and an absent
// field keeps its value. phone: null clears the number; a notification
// type mapped to null drops that override.
type Patch struct {
	Theme            *string                   `json:"theme,omitempty"`
	Units            *string                   `json:"units,omitempty"`
	FirstDayOfWeek   *int                      `json:"first_day_of_week,omitempty"`
	Language         *string                   `json:"language,omitempty"`
	Region           *string                   `json:"region,omitempty"`
	TimeZone         *string                   `json:"time_zone,omitempty"`
	Currency         *string                   `json:"currency,omitempty"`
	Phone            Nullable                  `json:"phone,omitzero"`
	Notifications    map[string]*ChannelsPatch `json:"notifications,omitempty"`
	QuietHours       *QuietHoursPatch          `json:"quiet_hours,omitempty"`
	MarketingConsent *ConsentInput             `json:"marketing_consent,omitempty"`
}

// ChannelsPatch is one notification override; all four channels are required.
type ChannelsPatch struct {
	Push  *bool `json:"push"`
	Email *bool `json:"email"`
	SMS   *bool `json:"sms"`
	InApp *bool `json:"in_app"`
}

// QuietHoursPatch changes some of the quiet hours' fields.
type QuietHoursPatch struct {
	Enabled *bool   `json:"enabled,omitempty"`
	Start   *string `json:"start,omitempty"`
	End     *string `json:"end,omitempty"`
}

// ConsentInput is the body of PUT /me/marketing-consent (and the
// marketing_consent member of a patch).
type ConsentInput struct {
	Granted *bool `json:"granted"`
}

// Nullable is a JSON string member that tells "absent" (Set false) from
// "null" (Set true, Value nil).
type Nullable struct {
	Set   bool
	Value *string
}

// UnmarshalJSON implements json.Unmarshaler; it runs only when the member
// is present.
func (n *Nullable) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		n.Value = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	n.Value = &s
	return nil
}

// MarshalJSON implements json.Marshaler (null when unset or null).
func (n Nullable) MarshalJSON() ([]byte, error) { return json.Marshal(n.Value) }

// IsZero reports an absent member, so omitzero leaves it out.
func (n Nullable) IsZero() bool { return !n.Set }
