package settingsapi

import "time"

// Event types the settings service publishes; the envelope's subject is the
// user id.
const (
	EventSettingsChanged         = "user.settings.settings_changed.v1"
	EventMarketingConsentChanged = "user.settings.marketing_consent_changed.v1"
)

// SettingsChangedV1 is published whenever a user's settings are created or
// changed; it carries the full settings (a snapshot, so a consumer needs
// only the latest).
type SettingsChangedV1 struct {
	UserID string `json:"user_id"`
	Settings
}

// MarketingConsentChangedV1 is published when a user gives or withdraws
// marketing consent.
type MarketingConsentChangedV1 struct {
	UserID  string    `json:"user_id"`
	Granted bool      `json:"granted"`
	At      time.Time `json:"at"`
}
