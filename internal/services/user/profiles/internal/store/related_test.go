package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store"
)

func TestZones(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		owner, other := newID(), newID()
		z1 := domain.Zone{ID: newID(), UserID: owner, Name: ptr("Дом"), Lat: 55.7558, Lon: 37.6173, RadiusM: 500, CreatedAt: t0}
		z2 := domain.Zone{ID: newID(), UserID: owner, Lat: -33.8688, Lon: 151.2093, RadiusM: 2000, CreatedAt: t0.Add(time.Second)}
		z3 := domain.Zone{ID: newID(), UserID: other, Lat: 1, Lon: 2, RadiusM: 100, CreatedAt: t0}
		for _, z := range []domain.Zone{z2, z1, z3} {
			if err := s.InsertZone(ctx, z); err != nil {
				t.Fatal(err)
			}
		}
		zones, err := s.Zones(ctx, owner)
		if err != nil || len(zones) != 2 || zones[0].ID != z1.ID || *zones[0].Name != "Дом" || zones[0].Lat != 55.7558 ||
			zones[1].ID != z2.ID || zones[1].Name != nil || zones[1].Lon != 151.2093 || zones[1].RadiusM != 2000 {
			t.Fatalf("zones %+v %v", zones, err)
		}
		// Another user's zone cannot be deleted through one's own id.
		if err := s.DeleteZone(ctx, owner, z3.ID); !errors.Is(err, domain.ErrZoneNotFound) {
			t.Fatalf("cross-user delete: %v", err)
		}
		if err := s.DeleteZone(ctx, owner, z1.ID); err != nil {
			t.Fatal(err)
		}
		if zones, _ := s.Zones(ctx, other); len(zones) != 1 {
			t.Fatalf("other's zones %+v", zones)
		}
		if zones, _ := s.Zones(ctx, owner); len(zones) != 1 || zones[0].ID != z2.ID {
			t.Fatalf("after delete %+v", zones)
		}
	})
}

func TestGoals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		owner, other := newID(), newID()
		g := domain.Goal{ID: newID(), UserID: owner, Kind: "distance", Sport: ptr("running"), Period: ptr("month"),
			Target: 200000.5, CreatedAt: t0, UpdatedAt: t0}
		race := domain.Goal{ID: newID(), UserID: owner, Kind: "race", Target: 12600, RaceName: ptr("Белые ночи"),
			RaceDate: ptr("2026-06-28"), RaceDistanceM: ptr(42195.0), CreatedAt: t0.Add(time.Hour), UpdatedAt: t0.Add(time.Hour)}
		for _, x := range []domain.Goal{race, g} {
			if err := s.InsertGoal(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		goals, err := s.Goals(ctx, owner)
		if err != nil || len(goals) != 2 || goals[0].ID != g.ID || goals[0].Target != 200000.5 || *goals[0].Sport != "running" ||
			goals[1].RaceDate == nil || *goals[1].RaceDate != "2026-06-28" || goals[1].Period != nil ||
			goals[1].RaceDistanceM == nil || *goals[1].RaceDistanceM != 42195 || goals[0].RaceDistanceM != nil {
			t.Fatalf("goals %+v %v", goals, err)
		}
		if n, _ := s.CountGoals(ctx, owner); n != 2 {
			t.Fatalf("count %d", n)
		}
		if _, err := s.Goal(ctx, other, g.ID); !errors.Is(err, domain.ErrGoalNotFound) {
			t.Fatalf("cross-user read: %v", err)
		}
		hijack := g
		hijack.UserID, hijack.Target = other, 1
		if err := s.UpdateGoal(ctx, hijack); !errors.Is(err, domain.ErrGoalNotFound) {
			t.Fatalf("cross-user update: %v", err)
		}
		if err := s.DeleteGoal(ctx, other, g.ID); !errors.Is(err, domain.ErrGoalNotFound) {
			t.Fatalf("cross-user delete: %v", err)
		}
		if err := s.SetGoalProgress(ctx, g.ID, 1234.5); err != nil {
			t.Fatal(err)
		}
		g.Target, g.Period, g.UpdatedAt = 300000, ptr("year"), t0.Add(2*time.Hour)
		g.Progress = 1234.5
		if err := s.UpdateGoal(ctx, g); err != nil {
			t.Fatal(err)
		}
		got, err := s.Goal(ctx, owner, g.ID)
		if err != nil || got.Target != 300000 || *got.Period != "year" || got.Progress != 1234.5 || !got.CreatedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("updated %+v %v", got, err)
		}
		if err := s.DeleteGoal(ctx, owner, g.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SetGoalProgress(ctx, g.ID, 1); !errors.Is(err, domain.ErrGoalNotFound) {
			t.Fatalf("progress of a deleted goal: %v", err)
		}
	})
}

func TestFollows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		star := mustProfile(t, s, "Звезда")
		fans := make([]domain.Profile, 5)
		for i := range fans {
			fans[i] = mustProfile(t, s, "Фанат")
			// Two fans share a time: the id breaks the tie in the list.
			at := t0.Add(time.Duration(min(i, 3)) * time.Minute)
			mustFollow(t, s, fans[i].UserID, star.UserID, domain.FollowActive, at)
		}
		asker := mustProfile(t, s, "Просящий")
		mustFollow(t, s, asker.UserID, star.UserID, domain.FollowPending, t0)
		mustFollow(t, s, star.UserID, fans[0].UserID, domain.FollowActive, t0)

		if f, _ := s.Follow(ctx, asker.UserID, star.UserID); f == nil || f.Status != domain.FollowPending {
			t.Fatalf("follow %+v", f)
		}
		if f, _ := s.Follow(ctx, star.UserID, asker.UserID); f != nil {
			t.Fatalf("reverse follow %+v", f)
		}
		if err := s.InsertFollow(ctx, domain.Follow{FollowerID: asker.UserID, FolloweeID: star.UserID, Status: domain.FollowActive, RequestedAt: t0, Since: t0}); err == nil {
			t.Fatal("a second follow of the same pair was stored")
		}
		followers, following, err := s.Counts(ctx, star.UserID)
		if err != nil || followers != 5 || following != 1 {
			t.Fatalf("counts %d %d %v", followers, following, err)
		}

		// Walk the followers two at a time: newest first, each once.
		var seen []string
		page := domain.Page{Limit: 2}
		for {
			refs, err := s.Followers(ctx, star.UserID, page)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range refs {
				seen = append(seen, r.UserID)
				if r.DisplayName != "Фанат" {
					t.Fatalf("ref %+v", r)
				}
			}
			if len(refs) < 2 {
				break
			}
			last := refs[len(refs)-1]
			page = domain.Page{At: last.At, ID: last.UserID, Limit: 2}
		}
		if len(seen) != 5 || seen[len(seen)-1] != fans[0].UserID {
			t.Fatalf("walked %v", seen)
		}
		if refs, _ := s.Following(ctx, star.UserID, domain.Page{Limit: 10}); len(refs) != 1 || refs[0].UserID != fans[0].UserID {
			t.Fatalf("following %+v", refs)
		}

		reqs, err := s.FollowRequests(ctx, star.UserID, 10)
		if err != nil || len(reqs) != 1 || reqs[0].UserID != asker.UserID || !reqs[0].At.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("requests %+v %v", reqs, err)
		}
		if ok, err := s.ActivateFollow(ctx, fans[1].UserID, star.UserID, t0); err != nil || ok {
			t.Fatalf("activating an active follow: %v %v", ok, err)
		}
		later := t0.Add(time.Hour).Truncate(time.Microsecond)
		if ok, err := s.ActivateFollow(ctx, asker.UserID, star.UserID, later); err != nil || !ok {
			t.Fatalf("accept: %v %v", ok, err)
		}
		if f, _ := s.Follow(ctx, asker.UserID, star.UserID); f.Status != domain.FollowActive || !f.Since.Equal(later) || !f.RequestedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("accepted %+v", f)
		}
		if refs, _ := s.Followers(ctx, star.UserID, domain.Page{Limit: 1}); refs[0].UserID != asker.UserID {
			t.Fatalf("newest follower %+v", refs)
		}

		gone, err := s.DeleteFollow(ctx, fans[2].UserID, star.UserID)
		if err != nil || gone == nil || gone.Status != domain.FollowActive {
			t.Fatalf("delete %+v %v", gone, err)
		}
		if gone, err := s.DeleteFollow(ctx, fans[2].UserID, star.UserID); err != nil || gone != nil {
			t.Fatalf("second delete %+v %v", gone, err)
		}
	})
}

func TestActivateAllPending(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		owner := mustProfile(t, s, "Закрытый")
		a, b, c := mustProfile(t, s, "A"), mustProfile(t, s, "B"), mustProfile(t, s, "C")
		mustFollow(t, s, a.UserID, owner.UserID, domain.FollowPending, t0.Add(time.Minute))
		mustFollow(t, s, b.UserID, owner.UserID, domain.FollowPending, t0)
		mustFollow(t, s, c.UserID, owner.UserID, domain.FollowActive, t0)
		var ids []string
		err := s.InTx(ctx, func(ctx context.Context) error {
			var err error
			ids, err = s.ActivateAllPending(ctx, owner.UserID, t0.Add(time.Hour))
			return err
		})
		if err != nil || len(ids) != 2 || ids[0] != b.UserID || ids[1] != a.UserID {
			t.Fatalf("activated %v %v", ids, err)
		}
		if n, _, _ := s.Counts(ctx, owner.UserID); n != 3 {
			t.Fatalf("followers %d", n)
		}
		if reqs, _ := s.FollowRequests(ctx, owner.UserID, 10); len(reqs) != 0 {
			t.Fatalf("requests left %+v", reqs)
		}
	})
}

func TestEraseUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		gone, stays := mustProfile(t, s, "Уходящий"), mustProfile(t, s, "Остающийся")
		third := mustProfile(t, s, "Третий")
		mustFollow(t, s, gone.UserID, stays.UserID, domain.FollowActive, t0)
		mustFollow(t, s, stays.UserID, gone.UserID, domain.FollowPending, t0)
		mustFollow(t, s, third.UserID, stays.UserID, domain.FollowActive, t0)
		for _, uid := range []string{gone.UserID, stays.UserID} {
			if err := s.InsertZone(ctx, domain.Zone{ID: newID(), UserID: uid, Lat: 1, Lon: 1, RadiusM: 100, CreatedAt: t0}); err != nil {
				t.Fatal(err)
			}
			if err := s.InsertGoal(ctx, domain.Goal{ID: newID(), UserID: uid, Kind: "count", Period: ptr("week"), Target: 3, CreatedAt: t0, UpdatedAt: t0}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Award(ctx, domain.Achievement{UserID: uid, Code: "email_verified", AwardedAt: t0}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.EraseUser(ctx, gone.UserID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Profile(ctx, gone.UserID); !errors.Is(err, domain.ErrProfileNotFound) {
			t.Fatalf("profile left: %v", err)
		}
		zones, _ := s.Zones(ctx, gone.UserID)
		goals, _ := s.Goals(ctx, gone.UserID)
		as, _ := s.Achievements(ctx, gone.UserID)
		f1, _ := s.Follow(ctx, gone.UserID, stays.UserID)
		f2, _ := s.Follow(ctx, stays.UserID, gone.UserID)
		if len(zones)+len(goals)+len(as) != 0 || f1 != nil || f2 != nil {
			t.Fatalf("left behind: %d zones, %d goals, %d achievements, follows %v %v", len(zones), len(goals), len(as), f1, f2)
		}
		zones, _ = s.Zones(ctx, stays.UserID)
		goals, _ = s.Goals(ctx, stays.UserID)
		as, _ = s.Achievements(ctx, stays.UserID)
		followers, _, _ := s.Counts(ctx, stays.UserID)
		if len(zones) != 1 || len(goals) != 1 || len(as) != 1 || followers != 1 {
			t.Fatalf("the other user lost data: %d zones, %d goals, %d achievements, %d followers", len(zones), len(goals), len(as), followers)
		}
	})
}
