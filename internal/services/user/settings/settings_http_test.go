package settings_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

type caller string

const (
	anonymous caller = ""
	owner     caller = "user-owner"
	other     caller = "user-other"
)

const me = settingsapi.BasePath + "/me"

// scenario is one request and what must come back; events counts the
// events of each type about the caller that the request must emit (types
// not named: none).
type scenario struct {
	name   string
	who    caller
	method string
	path   string
	body   any
	status int
	code   string   // problem code for errors
	fields []string // field errors the problem must name
	check  func(t *testing.T, s settingsapi.Settings)
	events map[string]int
}

var eventTypes = []string{settingsapi.EventSettingsChanged, settingsapi.EventMarketingConsentChanged}

func (f *fixture) run(t *testing.T, cases []scenario) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := map[string]int{}
			for _, typ := range eventTypes {
				before[typ] = len(f.eventsAbout(t, typ, string(tc.who)))
			}
			token := ""
			if tc.who != anonymous {
				token = f.Issuer.Mint(t, string(tc.who))
			}
			r := f.do(t, tc.method, tc.path, token, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				var p web.Problem
				r.json(t, &p)
				if p.Code != tc.code || r.Header.Get("Content-Type") != web.ProblemContentType {
					t.Fatalf("problem %+v, want code %s", p, tc.code)
				}
				for _, field := range tc.fields {
					if !hasField(p, field) {
						t.Errorf("no error for %s in %+v", field, p.Errors)
					}
				}
			} else if tc.check != nil {
				var s settingsapi.Settings
				r.json(t, &s)
				tc.check(t, s)
			}
			if tc.who == anonymous {
				return
			}
			f.settled(t)
			for _, typ := range eventTypes {
				if got := len(f.eventsAbout(t, typ, string(tc.who))) - before[typ]; got != tc.events[typ] {
					t.Errorf("%d %s events, want %d", got, typ, tc.events[typ])
				}
			}
		})
	}
}

func hasField(p web.Problem, field string) bool {
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

func changed(n int) map[string]int { return map[string]int{settingsapi.EventSettingsChanged: n} }

var consentChanged = map[string]int{settingsapi.EventSettingsChanged: 1, settingsapi.EventMarketingConsentChanged: 1}

func TestSettingsAPI(t *testing.T) {
	t.Parallel()
	f := start(t)
	follower := "profiles.new_follower"
	f.run(t, []scenario{
		{name: "anonymous read", who: anonymous, method: "GET", path: me, status: 401, code: "unauthenticated"},
		{name: "anonymous change", who: anonymous, method: "PATCH", path: me, body: map[string]any{"theme": "dark"}, status: 401, code: "unauthenticated"},
		{name: "anonymous consent", who: anonymous, method: "PUT", path: me + "/marketing-consent", body: map[string]any{"granted": true}, status: 401, code: "unauthenticated"},
		{name: "defaults before anything is stored", who: owner, method: "GET", path: me, status: 200, check: func(t *testing.T, s settingsapi.Settings) {
			if s.Theme != "system" || s.Units != "metric" || s.FirstDayOfWeek != 1 || s.Language != "ru" || s.Region != "RU" ||
				s.TimeZone != "Europe/Moscow" || s.Currency != "RUB" || s.Phone != nil || len(s.Notifications) != 0 ||
				s.QuietHours != (settingsapi.QuietHours{Start: "22:00", End: "07:00"}) || s.MarketingConsent.Granted ||
				s.MarketingConsent.At != nil || s.UpdatedAt.IsZero() {
				t.Fatalf("defaults: %+v", s)
			}
		}},
		{name: "partial change", who: owner, method: "PATCH", path: me, status: 200, events: changed(1),
			body: map[string]any{"theme": "dark", "time_zone": "Asia/Almaty", "phone": "+79161234567",
				"notifications": map[string]any{follower: map[string]bool{"push": true, "email": false, "sms": false, "in_app": true}},
				"quiet_hours":   map[string]any{"enabled": true}},
			check: func(t *testing.T, s settingsapi.Settings) {
				if s.Theme != "dark" || s.TimeZone != "Asia/Almaty" || s.Phone == nil || *s.Phone != "+79161234567" ||
					s.Notifications[follower] != (settingsapi.Channels{Push: true, InApp: true}) ||
					s.QuietHours != (settingsapi.QuietHours{Enabled: true, Start: "22:00", End: "07:00"}) ||
					s.Language != "ru" || s.Currency != "RUB" {
					t.Fatalf("after patch: %+v", s)
				}
			}},
		{name: "another user sees only their own", who: other, method: "GET", path: me, status: 200, check: func(t *testing.T, s settingsapi.Settings) {
			if s.Theme != "system" || s.Phone != nil || len(s.Notifications) != 0 {
				t.Fatalf("other user sees the owner's settings: %+v", s)
			}
		}},
		{name: "another user changes only their own", who: other, method: "PATCH", path: me, body: map[string]any{"currency": "EUR"},
			status: 200, events: changed(1), check: func(t *testing.T, s settingsapi.Settings) {
				if s.Currency != "EUR" || s.Theme != "system" {
					t.Fatalf("other after patch: %+v", s)
				}
			}},
		{name: "no field names another user", who: other, method: "PATCH", path: me, body: map[string]any{"user_id": string(owner), "theme": "light"},
			status: 400, code: "validation_failed", fields: []string{"user_id"}},
		{name: "owner unaffected by the other user", who: owner, method: "GET", path: me, status: 200, check: func(t *testing.T, s settingsapi.Settings) {
			if s.Currency != "RUB" || s.Theme != "dark" {
				t.Fatalf("owner changed by another user: %+v", s)
			}
		}},
		{name: "same values change nothing", who: owner, method: "PATCH", path: me, body: map[string]any{"theme": "dark", "time_zone": "Asia/Almaty"}, status: 200},
		{name: "empty patch changes nothing", who: owner, method: "PATCH", path: me, body: map[string]any{}, status: 200},
		{name: "bad values", who: owner, method: "PATCH", path: me, status: 400, code: "validation_failed",
			body: map[string]any{"theme": "blue", "time_zone": "Mars/Base", "phone": "8 916 123", "first_day_of_week": 3,
				"language": "de", "currency": "GBP", "region": "Russia", "units": "stones",
				"quiet_hours": map[string]any{"start": "25:00", "end": "7:00"}},
			fields: []string{"theme", "time_zone", "phone", "first_day_of_week", "language", "currency", "region", "units", "quiet_hours.start", "quiet_hours.end"}},
		{name: "bad notification type", who: owner, method: "PATCH", path: me, status: 400, code: "validation_failed",
			body:   map[string]any{"theme": "light", "notifications": map[string]any{"Not A Type": map[string]bool{"push": true, "email": true, "sms": true, "in_app": true}}},
			fields: []string{"notifications.Not A Type"}},
		{name: "override without every channel", who: owner, method: "PATCH", path: me, status: 400, code: "validation_failed",
			body: map[string]any{"notifications": map[string]any{"auth.new_login": map[string]bool{"push": true}}}, fields: []string{"notifications.auth.new_login"}},
		{name: "unknown channel", who: owner, method: "PATCH", path: me, status: 400, code: "validation_failed",
			body: map[string]any{"notifications": map[string]any{"auth.new_login": map[string]bool{"fax": true}}}},
		{name: "wrong type", who: owner, method: "PATCH", path: me, body: map[string]any{"first_day_of_week": "monday"}, status: 400, code: "validation_failed", fields: []string{"first_day_of_week"}},
		{name: "malformed json", who: owner, method: "PATCH", path: me, body: `{"theme":`, status: 400, code: "malformed_json"},
		{name: "read-only field", who: owner, method: "PATCH", path: me, body: map[string]any{"updated_at": time.Now()}, status: 400, code: "validation_failed", fields: []string{"updated_at"}},
		{name: "bad input changed nothing", who: owner, method: "GET", path: me, status: 200, check: func(t *testing.T, s settingsapi.Settings) {
			if s.Theme != "dark" || s.TimeZone != "Asia/Almaty" || s.Units != "metric" || len(s.Notifications) != 1 {
				t.Fatalf("a refused patch changed something: %+v", s)
			}
		}},
		{name: "null clears the phone", who: owner, method: "PATCH", path: me, body: `{"phone": null}`, status: 200, events: changed(1),
			check: func(t *testing.T, s settingsapi.Settings) {
				if s.Phone != nil || s.Theme != "dark" {
					t.Fatalf("after clearing the phone: %+v", s)
				}
			}},
		{name: "null drops an override", who: owner, method: "PATCH", path: me, body: `{"notifications": {"profiles.new_follower": null}}`,
			status: 200, events: changed(1), check: func(t *testing.T, s settingsapi.Settings) {
				if len(s.Notifications) != 0 {
					t.Fatalf("override kept: %+v", s.Notifications)
				}
			}},
		{name: "consent needs an answer", who: owner, method: "PUT", path: me + "/marketing-consent", body: map[string]any{}, status: 400, code: "validation_failed", fields: []string{"granted"}},
		{name: "give consent", who: owner, method: "PUT", path: me + "/marketing-consent", body: map[string]any{"granted": true},
			status: 200, events: consentChanged, check: func(t *testing.T, s settingsapi.Settings) {
				if !s.MarketingConsent.Granted || s.MarketingConsent.At == nil || time.Since(*s.MarketingConsent.At) > time.Minute {
					t.Fatalf("consent: %+v", s.MarketingConsent)
				}
			}},
		{name: "consent again changes nothing", who: owner, method: "PUT", path: me + "/marketing-consent", body: map[string]any{"granted": true}, status: 200},
		{name: "withdraw consent in a patch", who: owner, method: "PATCH", path: me, body: map[string]any{"marketing_consent": map[string]any{"granted": false}},
			status: 200, events: consentChanged, check: func(t *testing.T, s settingsapi.Settings) {
				if s.MarketingConsent.Granted || s.MarketingConsent.At == nil {
					t.Fatalf("consent: %+v", s.MarketingConsent)
				}
			}},
		{name: "consent patch needs granted", who: owner, method: "PATCH", path: me, body: map[string]any{"marketing_consent": map[string]any{}},
			status: 400, code: "validation_failed", fields: []string{"marketing_consent.granted"}},
	})

	t.Run("events carry the snapshot", func(t *testing.T) {
		evs := f.eventsAbout(t, settingsapi.EventSettingsChanged, string(owner))
		var last settingsapi.SettingsChangedV1
		if err := evs[len(evs)-1].Decode(&last); err != nil {
			t.Fatal(err)
		}
		if last.UserID != string(owner) || last.Theme != "dark" || last.TimeZone != "Asia/Almaty" || last.MarketingConsent.Granted ||
			last.MarketingConsent.At == nil || last.QuietHours.Start != "22:00" || last.Notifications == nil {
			t.Fatalf("last snapshot: %+v", last)
		}
		cevs := f.eventsAbout(t, settingsapi.EventMarketingConsentChanged, string(owner))
		var grant, withdraw settingsapi.MarketingConsentChangedV1
		if len(cevs) != 2 || cevs[0].Decode(&grant) != nil || cevs[1].Decode(&withdraw) != nil {
			t.Fatalf("consent events: %+v", cevs)
		}
		if !grant.Granted || withdraw.Granted || grant.UserID != string(owner) || !withdraw.At.After(grant.At) {
			t.Fatalf("consent events: %+v then %+v", grant, withdraw)
		}
	})

	t.Run("consent history is kept", func(t *testing.T) {
		rows, err := f.DB.SQL.Query(`SELECT granted FROM consent_history WHERE user_id = $1 ORDER BY at`, string(owner))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []bool
		for rows.Next() {
			var g bool
			if err := rows.Scan(&g); err != nil {
				t.Fatal(err)
			}
			got = append(got, g)
		}
		if !slices.Equal(got, []bool{true, false}) {
			t.Fatalf("consent history %v, want [true false]", got)
		}
	})
}
