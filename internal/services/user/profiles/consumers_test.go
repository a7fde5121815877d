package profiles_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func codes(p profilesapi.Profile) map[string]bool {
	out := map[string]bool{}
	for _, a := range p.Achievements {
		out[a.Code] = true
	}
	return out
}

func TestRegistrationAndAchievements(t *testing.T) {
	t.Parallel()
	f := start(t)
	uid := uuid.Must(uuid.NewV7()).String()
	f.users["anna"] = uid
	now := time.Now().UTC()

	reg := f.publish(t, authapi.EventUserRegistered, uid, authapi.UserRegisteredV1{UserID: uid, Email: "anna.k+sport@example.com", Language: "ru", RegisteredAt: now})
	eventually(t, "the profile exists", func() bool {
		return len(f.events(t, profilesapi.EventProfileUpdated)) == 1
	})
	if p := f.me(t, "anna"); p.DisplayName != "anna.k" || p.Visibility != "public" {
		t.Fatalf("registered profile %+v", p)
	}

	// A redelivered event (same id) is handled once.
	if err := f.bus.Publish(context.Background(), reg); err != nil {
		t.Fatal(err)
	}
	verified := f.publish(t, authapi.EventEmailVerified, uid, authapi.EmailVerifiedV1{UserID: uid, Email: "anna.k+sport@example.com", VerifiedAt: now})
	eventually(t, "email_verified awarded", func() bool { return codes(f.me(t, "anna"))["email_verified"] })
	if err := f.bus.Publish(context.Background(), verified); err != nil {
		t.Fatal(err)
	}
	// The same achievement by a new event is still awarded once.
	f.publish(t, authapi.EventEmailVerified, uid, authapi.EmailVerifiedV1{UserID: uid, Email: "anna.k+sport@example.com", VerifiedAt: now})

	// Completing the profile: name (have), birth year, sport, avatar.
	f.mustDo(t, "anna", "PATCH", base+"/me", map[string]any{"birth_year": 1995,
		"sports": []map[string]string{{"sport": "cycling", "level": "intermediate"}}}, 200)
	f.drained(t)
	if codes(f.me(t, "anna"))["profile_complete"] {
		t.Fatal("complete without an avatar")
	}
	f.mustDo(t, "anna", "PUT", base+"/me/avatar", raw{"image/png", avatartest.PNG(avatartest.Quadrants(64, 64))}, 200)
	eventually(t, "profile_complete awarded", func() bool { return codes(f.me(t, "anna"))["profile_complete"] })
	// Removing and re-adding the avatar does not award it again.
	f.mustDo(t, "anna", "DELETE", base+"/me/avatar", nil, 200)
	f.mustDo(t, "anna", "PUT", base+"/me/avatar", raw{"image/png", avatartest.PNG(avatartest.Quadrants(64, 64))}, 200)

	// The registration event arriving after the first visit names a
	// profile that still has the generated name, and only such a one.
	late := uuid.Must(uuid.NewV7()).String()
	f.users["late"] = late
	f.me(t, "late")
	f.publish(t, authapi.EventUserRegistered, late, authapi.UserRegisteredV1{UserID: late, Email: "boris@example.com", Language: "en", RegisteredAt: now})
	eventually(t, "the late registration names the profile", func() bool { return f.me(t, "late").DisplayName == "boris" })

	f.drained(t)
	time.Sleep(200 * time.Millisecond) // consumers may still be handling the duplicates
	f.drained(t)
	awards := map[string]int{}
	for _, ev := range f.events(t, profilesapi.EventAchievementAwarded) {
		var a profilesapi.AchievementAwardedV1
		if err := ev.Decode(&a); err != nil || a.UserID != uid || ev.Subject != uid || a.AwardedAt.IsZero() {
			t.Fatalf("award event %+v %v", a, err)
		}
		awards[a.Code]++
	}
	if len(awards) != 2 || awards["email_verified"] != 1 || awards["profile_complete"] != 1 {
		t.Fatalf("awards %v", awards)
	}
	notes := f.notifications(t, profilesapi.NotifyAchievementAwarded)
	if len(notes) != 2 {
		t.Fatalf("%d achievement notifications", len(notes))
	}
	data := notes[0]["data"].(map[string]any)
	if notes[0]["user_id"] != uid || data["code"] != "email_verified" || data["title_ru"] != "Почта подтверждена" || data["title_en"] != "Email verified" {
		t.Fatalf("notification %+v", notes[0])
	}
}
