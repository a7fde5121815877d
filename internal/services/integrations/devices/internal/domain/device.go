package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// Limits of the registry.
const (
	MaxDevicesPerUser  = 50
	MaxPendingPairings = 5
	MaxNameLength      = 64
	MaxInfoLength      = 64
	MinWheelM          = 0.5
	MaxWheelM          = 3.5
)

// Device is a paired device of one user.
type Device struct {
	ID, UserID, Kind, Name string
	Manufacturer, Model    string
	Serial, Firmware       string
	Settings               Settings
	TokenHash              string
	PairedAt               time.Time
	LastSeenAt             *time.Time
}

// Settings tune how a device's data is read.
type Settings struct {
	// WheelCircumferenceM is 0 for the default.
	WheelCircumferenceM float64 `json:"wheel_circumference_m,omitempty"`
}

// DeviceInfo is what a device says about itself when it pairs.
type DeviceInfo struct {
	Manufacturer, Model, Serial, Firmware string
}

// ValidateKind checks a device kind.
func ValidateKind(kind string, f *apperr.Fields) {
	if !slices.Contains(devicesapi.Kinds, kind) {
		f.Add("kind", "not_allowed", "must be one of: "+strings.Join(devicesapi.Kinds, ", "))
	}
}

// ValidateName checks a device's display name: 1-64 characters, no
// control characters.
func ValidateName(field, name string, f *apperr.Fields) {
	switch {
	case strings.TrimSpace(name) == "":
		f.Add(field, "required", "give the device a name")
	case utf8.RuneCountInString(name) > MaxNameLength:
		f.Add(field, "too_long", fmt.Sprintf("at most %d characters", MaxNameLength))
	case !printable(name):
		f.Add(field, "invalid", "must be printable text")
	}
}

// ValidateInfo checks what a device says about itself (each optional).
func ValidateInfo(in DeviceInfo, f *apperr.Fields) {
	for _, it := range []struct{ field, v string }{{"manufacturer", in.Manufacturer}, {"model", in.Model},
		{"serial", in.Serial}, {"firmware", in.Firmware}} {
		if utf8.RuneCountInString(it.v) > MaxInfoLength {
			f.Add(it.field, "too_long", fmt.Sprintf("at most %d characters", MaxInfoLength))
		} else if !printable(it.v) {
			f.Add(it.field, "invalid", "must be printable text")
		}
	}
}

// ValidateSettings checks device settings.
func ValidateSettings(s Settings, f *apperr.Fields) {
	if w := s.WheelCircumferenceM; w != 0 && (w < MinWheelM || w > MaxWheelM) {
		f.Add("settings.wheel_circumference_m", "out_of_range", fmt.Sprintf("must be between %.1f and %.1f metres", MinWheelM, MaxWheelM))
	}
}

func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}
