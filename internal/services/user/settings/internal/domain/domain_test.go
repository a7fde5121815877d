package domain_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
)

func ptr[T any](v T) *T { return &v }

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestDefaults(t *testing.T) {
	s := domain.Defaults("u1", "en", t0)
	if s.Theme != "system" || s.Units != "metric" || s.FirstDayOfWeek != 1 || s.Language != "en" ||
		s.Region != "RU" || s.TimeZone != "Europe/Moscow" || s.Currency != "RUB" || s.Phone != nil ||
		len(s.Notifications) != 0 || s.QuietHours != (domain.QuietHours{Start: "22:00", End: "07:00"}) ||
		s.Consent.Granted || s.Consent.At() != nil {
		t.Fatalf("defaults: %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for _, lang := range []string{"", "de", "RU"} {
		if got := domain.Defaults("u1", lang, t0).Language; got != "ru" {
			t.Errorf("language %q -> %q, want ru", lang, got)
		}
	}
}

// fieldsOf returns the fields a validation error names, or fails.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
		t.Fatalf("want a validation error, got %v", err)
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestApplyRefusesBadValues(t *testing.T) {
	base := domain.Defaults("u1", "ru", t0)
	cases := []struct {
		name  string
		patch domain.Patch
		want  []string
	}{
		{"theme", domain.Patch{Theme: ptr("blue")}, []string{"theme:not_allowed"}},
		{"units", domain.Patch{Units: ptr("furlongs")}, []string{"units:not_allowed"}},
		{"first day", domain.Patch{FirstDayOfWeek: ptr(3)}, []string{"first_day_of_week:not_allowed"}},
		{"language", domain.Patch{Language: ptr("de")}, []string{"language:not_allowed"}},
		{"region", domain.Patch{Region: ptr("ru")}, []string{"region:invalid_format"}},
		{"currency", domain.Patch{Currency: ptr("GBP")}, []string{"currency:not_allowed"}},
		{"zone unknown", domain.Patch{TimeZone: ptr("Mars/Olympus")}, []string{"time_zone:unknown_time_zone"}},
		{"zone empty", domain.Patch{TimeZone: ptr("")}, []string{"time_zone:unknown_time_zone"}},
		{"zone local", domain.Patch{TimeZone: ptr("Local")}, []string{"time_zone:unknown_time_zone"}},
		{"zone path", domain.Patch{TimeZone: ptr("../../etc/passwd")}, []string{"time_zone:unknown_time_zone"}},
		{"phone no plus", domain.Patch{PhoneSet: true, Phone: ptr("79161234567")}, []string{"phone:invalid_phone"}},
		{"phone too long", domain.Patch{PhoneSet: true, Phone: ptr("+7916123456789012")}, []string{"phone:invalid_phone"}},
		{"phone letters", domain.Patch{PhoneSet: true, Phone: ptr("+7916CALLME")}, []string{"phone:invalid_phone"}},
		{"phone leading zero", domain.Patch{PhoneSet: true, Phone: ptr("+0123456789")}, []string{"phone:invalid_phone"}},
		{"notification type", domain.Patch{Notifications: map[string]*domain.Channels{"Bad Type": {}}},
			[]string{"notifications.Bad Type:invalid_type"}},
		{"notification type without service", domain.Patch{Notifications: map[string]*domain.Channels{"login": {}}},
			[]string{"notifications.login:invalid_type"}},
		{"quiet start", domain.Patch{QuietStart: ptr("24:00")}, []string{"quiet_hours.start:invalid_time"}},
		{"quiet end", domain.Patch{QuietEnd: ptr("7:00")}, []string{"quiet_hours.end:invalid_time"}},
		{"quiet same", domain.Patch{QuietStart: ptr("07:00")}, []string{"quiet_hours.end:same_as_start"}},
		{"all at once", domain.Patch{Theme: ptr("x"), Currency: ptr("y")}, []string{"theme:not_allowed", "currency:not_allowed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := domain.Apply(base, tc.patch, t0.Add(time.Hour))
			got := fieldsOf(t, err)
			slices.Sort(got)
			slices.Sort(tc.want)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("fields %v, want %v", got, tc.want)
			}
		})
	}
	many := map[string]*domain.Channels{}
	for i := range domain.MaxOverrides + 1 {
		many["svc.t"+string(rune('a'+i%26))+string(rune('a'+i/26))] = &domain.Channels{}
	}
	if _, err := domain.Apply(base, domain.Patch{Notifications: many}, t0); !slices.Contains(fieldsOf(t, err), "notifications:too_many") {
		t.Fatalf("too many overrides accepted: %v", err)
	}
}

func TestApplyIsPartial(t *testing.T) {
	base := domain.Defaults("u1", "ru", t0)
	base.Phone = ptr("+79161234567")
	base.Notifications["profiles.new_follower"] = domain.Channels{Push: true}
	now := t0.Add(time.Hour)

	res, err := domain.Apply(base, domain.Patch{Theme: ptr("dark"), TimeZone: ptr("Asia/Almaty"),
		Notifications: map[string]*domain.Channels{"auth.new_login": {Email: true, InApp: true}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Settings
	if !res.Changed || res.ConsentChanged || s.Theme != "dark" || s.TimeZone != "Asia/Almaty" || s.Language != "ru" ||
		s.Phone == nil || *s.Phone != "+79161234567" || len(s.Notifications) != 2 || !s.UpdatedAt.Equal(now) {
		t.Fatalf("patched: %+v (%+v)", s, res)
	}
	if base.Theme != "system" || len(base.Notifications) != 1 {
		t.Fatalf("Apply changed its input: %+v", base)
	}

	res, err = domain.Apply(s, domain.Patch{PhoneSet: true, Notifications: map[string]*domain.Channels{"profiles.new_follower": nil}}, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.Settings.Phone != nil || len(res.Settings.Notifications) != 1 || !res.Changed {
		t.Fatalf("null phone and dropped override: %+v", res.Settings)
	}

	same, err := domain.Apply(res.Settings, domain.Patch{Theme: ptr("dark"), PhoneSet: true, Consent: ptr(false)}, now.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if same.Changed || same.ConsentChanged || !same.Settings.UpdatedAt.Equal(res.Settings.UpdatedAt) {
		t.Fatalf("a patch of the same values changed something: %+v", same)
	}
}

func TestConsentTimes(t *testing.T) {
	s := domain.Defaults("u1", "ru", t0)
	grant := t0.Add(time.Hour)
	res, err := domain.Apply(s, domain.Patch{Consent: ptr(true)}, grant)
	if err != nil || !res.ConsentChanged || !res.Changed || !res.Settings.Consent.Granted ||
		!res.Settings.Consent.At().Equal(grant) || res.Settings.Consent.WithdrawnAt != nil {
		t.Fatalf("grant: %+v %v", res, err)
	}
	withdraw := grant.Add(time.Hour)
	res, err = domain.Apply(res.Settings, domain.Patch{Consent: ptr(false)}, withdraw)
	c := res.Settings.Consent
	if err != nil || !res.ConsentChanged || c.Granted || !c.At().Equal(withdraw) || !c.GrantedAt.Equal(grant) {
		t.Fatalf("withdraw: %+v %v", c, err)
	}
}
