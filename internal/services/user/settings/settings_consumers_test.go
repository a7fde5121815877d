package settings_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// TestUserLifecycleEvents drives the service with auth's events through
// real embedded JetStream: a registration creates the settings in the
// chosen language, a deletion erases them and anonymises consent history.
func TestUserLifecycleEvents(t *testing.T) {
	t.Parallel()
	f := start(t)
	const user, bystander = "user-lifecycle", "user-bystander"
	language := func(id string) func() error {
		return func() error {
			var lang string
			if err := f.DB.SQL.QueryRow(`SELECT language FROM settings WHERE user_id = $1`, id).Scan(&lang); err != nil {
				return err
			}
			if lang != "en" {
				return fmt.Errorf("language %q", lang)
			}
			return nil
		}
	}
	registered := func(id, lang string) map[string]any {
		return map[string]any{"user_id": id, "email": id + "@example.com", "language": lang, "registered_at": time.Now().UTC()}
	}

	f.publish(t, "user.auth.user_registered.v1", "auth", user, registered(user, "en"))
	f.publish(t, "user.auth.user_registered.v1", "auth", bystander, registered(bystander, "en"))
	eventually(t, "settings created in the registration language", language(user))
	eventually(t, "bystander's settings created", language(bystander))
	f.settled(t)
	evs := f.eventsAbout(t, settingsapi.EventSettingsChanged, user)
	var first settingsapi.SettingsChangedV1
	if len(evs) != 1 || evs[0].Decode(&first) != nil || first.Language != "en" || first.TimeZone != "Europe/Moscow" || first.UserID != user {
		t.Fatalf("first snapshot: %d events, %+v", len(evs), first)
	}
	if r := f.do(t, "GET", me, f.Issuer.Mint(t, user), nil); r.Status != 200 || !strings.Contains(string(r.Body), `"language":"en"`) {
		t.Fatalf("GET after registration: %d %s", r.Status, r.Body)
	}

	// A second registration event (auth re-sent it) keeps the settings.
	f.publish(t, "user.auth.user_registered.v1", "auth", user, registered(user, "ru"))
	eventually(t, "third event handled", func() error {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM bus_inbox`).Scan(&n); err != nil || n != 3 {
			return fmt.Errorf("%d events handled (%v)", n, err)
		}
		return nil
	})
	if err := language(user)(); err != nil {
		t.Fatalf("a repeated registration reset the settings: %v", err)
	}
	tok := f.Issuer.Mint(t, user)
	for _, g := range []bool{true, false, true} {
		if r := f.do(t, "PUT", me+"/marketing-consent", tok, map[string]bool{"granted": g}); r.Status != 200 {
			t.Fatalf("consent: %d %s", r.Status, r.Body)
		}
	}
	if r := f.do(t, "PUT", me+"/marketing-consent", f.Issuer.Mint(t, bystander), map[string]bool{"granted": true}); r.Status != 200 {
		t.Fatalf("bystander consent: %d %s", r.Status, r.Body)
	}
	f.publish(t, "user.auth.user_deleted.v1", "auth", user, map[string]any{"user_id": user, "deleted_at": time.Now().UTC()})
	eventually(t, "settings deleted", func() error {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM settings WHERE user_id = $1`, user).Scan(&n); err != nil || n != 0 {
			return fmt.Errorf("%d rows (%v)", n, err)
		}
		return nil
	})
	count := func(where string, args ...any) int {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM consent_history WHERE `+where, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`user_id = $1`, user); n != 0 {
		t.Fatalf("%d consent records still name the deleted user", n)
	}
	var tombs int
	if err := f.DB.SQL.QueryRow(`SELECT count(DISTINCT user_id) FROM consent_history WHERE user_id LIKE 'deleted-%'`).Scan(&tombs); err != nil {
		t.Fatal(err)
	}
	if n := count(`user_id LIKE 'deleted-%'`); n != 3 || tombs != 1 {
		t.Fatalf("%d anonymous consent records under %d tombstones, want 3 under 1", n, tombs)
	}
	if n := count(`user_id = $1`, bystander); n != 1 {
		t.Fatalf("bystander's consent history: %d rows", n)
	}
	if err := language(bystander)(); err != nil {
		t.Fatalf("bystander's settings touched: %v", err)
	}
}
