package store_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store"
)

func TestTrainingActivities(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		owner, other := newID(), newID()
		run := domain.TrainingActivity{ID: newID(), UserID: owner, Sport: "running", StartedAt: t0, TimeZone: "Europe/Moscow",
			DistanceM: 10123.4, MovingS: 2999, Efforts: []domain.Effort{{DistanceM: 5000, ElapsedS: 1400}, {DistanceM: 10000, ElapsedS: 2950}}}
		v1, v2, v3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(3*time.Minute)
		put := func(a domain.TrainingActivity, v time.Time, want bool) {
			t.Helper()
			if ok, err := s.PutTrainingActivity(ctx, a, v); err != nil || ok != want {
				t.Fatalf("put %s at %v: %v %v, want %v", a.ID, v, ok, err, want)
			}
		}
		list := func(uid string) []domain.TrainingActivity {
			t.Helper()
			acts, err := s.TrainingActivities(ctx, uid, t0.Add(-time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			return acts
		}
		put(run, v2, true)
		put(domain.TrainingActivity{ID: newID(), UserID: other, Sport: "cycling", StartedAt: t0, DistanceM: 1}, v1, true)
		got := list(owner)
		if len(got) != 1 || got[0].DistanceM != 10123.4 || got[0].TimeZone != "Europe/Moscow" || len(got[0].Efforts) != 2 ||
			got[0].Efforts[1] != (domain.Effort{DistanceM: 10000, ElapsedS: 2950}) || !got[0].StartedAt.Equal(t0.Truncate(time.Microsecond)) {
			t.Fatalf("stored %+v", got)
		}
		// An older version arriving late changes nothing; the same again is fine.
		stale := run
		stale.DistanceM = 1
		put(stale, v1, false)
		put(run, v2, true)
		if got := list(owner); got[0].DistanceM != 10123.4 {
			t.Fatalf("an older version won: %+v", got[0])
		}
		if acts, _ := s.TrainingActivities(ctx, owner, t0.Add(time.Second)); len(acts) != 0 {
			t.Fatalf("since is not honoured: %+v", acts)
		}
		// Deleted at v3: gone, and the version before the deletion cannot
		// bring it back.
		if ok, err := s.DeleteTrainingActivity(ctx, run.ID, owner, v3); err != nil || !ok {
			t.Fatalf("delete: %v %v", ok, err)
		}
		put(run, v2, false)
		if got := list(owner); len(got) != 0 {
			t.Fatalf("deleted activity listed: %+v", got)
		}
		// A deletion that arrives before the activity wins over it.
		early := domain.TrainingActivity{ID: newID(), UserID: owner, Sport: "running", StartedAt: t0}
		if ok, err := s.DeleteTrainingActivity(ctx, early.ID, owner, v3); err != nil || !ok {
			t.Fatalf("delete first: %v %v", ok, err)
		}
		put(early, v1, false)
		if got := list(owner); len(got) != 0 {
			t.Fatalf("activity deleted before it came is listed: %+v", got)
		}
		// A stale deletion does not remove a newer version.
		late := domain.TrainingActivity{ID: newID(), UserID: owner, Sport: "walking", StartedAt: t0, DistanceM: 3000}
		put(late, v3, true)
		if ok, err := s.DeleteTrainingActivity(ctx, late.ID, owner, v2); err != nil || ok {
			t.Fatalf("stale delete: %v %v", ok, err)
		}
		if got := list(owner); len(got) != 1 || got[0].ID != late.ID {
			t.Fatalf("after a stale delete %+v", got)
		}
		if got := list(other); len(got) != 1 {
			t.Fatalf("the other user's %+v", got)
		}
		if err := s.EraseUser(ctx, owner); err != nil {
			t.Fatal(err)
		}
		if got := list(owner); len(got) != 0 {
			t.Fatalf("erased user's activities %+v", got)
		}
		if got := list(other); len(got) != 1 {
			t.Fatalf("erasure took the other user's %+v", got)
		}
	})
}
