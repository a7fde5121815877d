package store_test

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store"
)

func TestProfiles(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		t.Run("create once, read back every field", func(t *testing.T) {
			p := domain.NewProfile(newID(), "Анна", t0)
			p.Bio, p.BirthYear, p.Sex, p.HeightCM, p.WeightKG = "Бегаю по утрам", ptr(1990), ptr("female"), ptr(168), ptr(58.5)
			p.RestingHR, p.MaxHR, p.ThresholdPace, p.ThresholdPower = ptr(48), ptr(188), ptr(270), ptr(210)
			p.ThresholdHR, p.HRZones = ptr(171), []int{120, 145, 160, 175}
			p.Region, p.Avatar = ptr("RU-SPE"), "0123456789abcdef0123456789abcdef.jpg"
			p.Sports = []domain.SportLevel{{Sport: "running", Level: "advanced"}, {Sport: "swimming", Level: "beginner"}}
			p.Privacy.Activity.Pace = domain.Followers
			if ok, err := s.CreateProfile(ctx, p); err != nil || !ok {
				t.Fatalf("create: %v %v", ok, err)
			}
			if ok, err := s.CreateProfile(ctx, domain.NewProfile(p.UserID, "Другая", t0)); err != nil || ok {
				t.Fatalf("second create: %v %v", ok, err)
			}
			got, err := s.Profile(ctx, p.UserID)
			if err != nil {
				t.Fatal(err)
			}
			want := p
			want.CreatedAt, want.UpdatedAt = t0.Truncate(time.Microsecond), t0.Truncate(time.Microsecond)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
			}
		})
		t.Run("missing profile", func(t *testing.T) {
			if _, err := s.Profile(ctx, newID()); !errors.Is(err, domain.ErrProfileNotFound) {
				t.Fatalf("err = %v", err)
			}
			if err := s.LockProfile(ctx, newID()); !errors.Is(err, domain.ErrProfileNotFound) {
				t.Fatalf("lock: %v", err)
			}
			_, err := s.UpdateProfile(ctx, newID(), func(*domain.Profile) error { return nil })
			if !errors.Is(err, domain.ErrProfileNotFound) {
				t.Fatalf("update: %v", err)
			}
		})
		t.Run("update raises the version and clears fields", func(t *testing.T) {
			p := mustProfile(t, s, "Иван")
			p2, err := s.UpdateProfile(ctx, p.UserID, func(p *domain.Profile) error {
				p.DisplayName, p.BirthYear, p.Privacy.Visibility = "Иван П.", ptr(1985), domain.Private
				p.ThresholdHR, p.HRZones = ptr(165), []int{110, 130, 150, 170}
				return nil
			})
			if err != nil || p2.Version != p.Version+1 {
				t.Fatalf("update: %v, version %d", err, p2.Version)
			}
			if got, _ := s.Profile(ctx, p.UserID); *got.ThresholdHR != 165 || len(got.HRZones) != 4 || got.HRZones[3] != 170 {
				t.Fatalf("athlete fields after update %+v", got)
			}
			_, err = s.UpdateProfile(ctx, p.UserID, func(p *domain.Profile) error {
				p.BirthYear, p.ThresholdHR, p.HRZones = nil, nil, nil
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.Profile(ctx, p.UserID)
			if got.DisplayName != "Иван П." || got.BirthYear != nil || got.Privacy.Visibility != domain.Private || got.Version != p.Version+2 ||
				got.ThresholdHR != nil || got.HRZones == nil || len(got.HRZones) != 0 {
				t.Fatalf("stored %+v", got)
			}
		})
		t.Run("an update that fails changes nothing", func(t *testing.T) {
			p := mustProfile(t, s, "Пётр")
			boom := errors.New("boom")
			_, err := s.UpdateProfile(ctx, p.UserID, func(p *domain.Profile) error { p.DisplayName = "X"; return boom })
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
			if got, _ := s.Profile(ctx, p.UserID); got.DisplayName != "Пётр" || got.Version != p.Version {
				t.Fatalf("changed: %+v", got)
			}
		})
		t.Run("concurrent updates do not lose one another", func(t *testing.T) {
			p := mustProfile(t, s, "Счётчик")
			var wg sync.WaitGroup
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := s.UpdateProfile(ctx, p.UserID, func(p *domain.Profile) error {
						p.Bio += "x"
						return nil
					})
					if err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if got, _ := s.Profile(ctx, p.UserID); got.Bio != "xxxxxxxx" || got.Version != p.Version+8 {
				t.Fatalf("bio %q version %d", got.Bio, got.Version)
			}
		})
	})
}

func TestAchievements(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		uid := newID()
		for i, want := range []bool{true, false} {
			ok, err := s.Award(ctx, domain.Achievement{UserID: uid, Code: "email_verified", AwardedAt: t0.Add(time.Duration(i) * time.Hour)})
			if err != nil || ok != want {
				t.Fatalf("award %d: %v %v", i, ok, err)
			}
		}
		if _, err := s.Award(ctx, domain.Achievement{UserID: uid, Code: "first_follower", AwardedAt: t0.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		as, err := s.Achievements(ctx, uid)
		if err != nil || len(as) != 2 || as[0].Code != "email_verified" || !as[0].AwardedAt.Equal(t0.Truncate(time.Microsecond)) || as[1].Code != "first_follower" {
			t.Fatalf("achievements %+v %v", as, err)
		}
	})
}
