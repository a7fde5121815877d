package domain

import (
	"maps"
	"reflect"
	"time"
)

// Patch is a partial change of a user's settings: nil fields keep their
// value. Phone is set only when PhoneSet; a nil Phone then clears it. A
// notification type mapped to nil drops that override.
type Patch struct {
	Theme          *string
	Units          *string
	FirstDayOfWeek *int
	Language       *string
	Region         *string
	TimeZone       *string
	Currency       *string
	PhoneSet       bool
	Phone          *string
	Notifications  map[string]*Channels
	QuietEnabled   *bool
	QuietStart     *string
	QuietEnd       *string
	// Consent, when set, gives (true) or withdraws (false) marketing consent.
	Consent *bool
}

// Result is what applying a patch did.
type Result struct {
	Settings Settings
	// Changed is false when the patch left every value as it was.
	Changed bool
	// ConsentChanged is true when marketing consent was given or withdrawn.
	ConsentChanged bool
}

// Apply returns s changed by p, validated, with UpdatedAt (and the consent
// times) set to now when anything changed. s itself is not modified.
func Apply(s Settings, p Patch, now time.Time) (Result, error) {
	n := s.Clone()
	set(&n.Theme, p.Theme)
	set(&n.Units, p.Units)
	set(&n.FirstDayOfWeek, p.FirstDayOfWeek)
	set(&n.Language, p.Language)
	set(&n.Region, p.Region)
	set(&n.TimeZone, p.TimeZone)
	set(&n.Currency, p.Currency)
	if p.PhoneSet {
		n.Phone = p.Phone
	}
	for typ, ch := range p.Notifications {
		if ch == nil {
			delete(n.Notifications, typ)
		} else {
			n.Notifications[typ] = *ch
		}
	}
	set(&n.QuietHours.Enabled, p.QuietEnabled)
	set(&n.QuietHours.Start, p.QuietStart)
	set(&n.QuietHours.End, p.QuietEnd)
	if err := n.Validate(); err != nil {
		return Result{}, err
	}
	var res Result
	if p.Consent != nil && *p.Consent != s.Consent.Granted {
		res.ConsentChanged = true
		n.Consent.Granted = *p.Consent
		t := now
		if *p.Consent {
			n.Consent.GrantedAt = &t
		} else {
			n.Consent.WithdrawnAt = &t
		}
	}
	res.Changed = res.ConsentChanged || !sameValues(s, n)
	if res.Changed {
		n.UpdatedAt = now
	}
	res.Settings = n
	return res, nil
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// sameValues reports whether a and b hold the same settings (times aside).
func sameValues(a, b Settings) bool {
	if (a.Phone == nil) != (b.Phone == nil) || a.Phone != nil && *a.Phone != *b.Phone {
		return false
	}
	if !maps.Equal(a.Notifications, b.Notifications) {
		return false
	}
	a.Phone, b.Phone = nil, nil
	a.Notifications, b.Notifications = nil, nil
	return reflect.DeepEqual(a, b)
}
