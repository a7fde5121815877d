package store_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/store"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/store/migrations"
)

func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store, db *sqldb.DB)) {
	sqldbtest.ForEachEngine(t, "settings", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		suite(t, store.New(db), db)
	})
}

func ptr[T any](v T) *T { return &v }

// full returns settings with every field away from its default.
func full(userID string) domain.Settings {
	at := time.Date(2025, 6, 7, 8, 9, 10, 123456789, time.FixedZone("MSK", 3*3600))
	s := domain.Defaults(userID, "en", at)
	s.Theme, s.Units, s.FirstDayOfWeek, s.Region, s.TimeZone, s.Currency = "dark", "imperial", 7, "KZ", "Asia/Almaty", "KZT"
	s.Phone = ptr("+77011234567")
	s.Notifications = map[string]domain.Channels{
		"profiles.new_follower": {Push: true, InApp: true},
		"auth.new_login":        {Email: true, SMS: true},
	}
	s.QuietHours = domain.QuietHours{Enabled: true, Start: "23:30", End: "06:15"}
	s.Consent = domain.Consent{Granted: true, GrantedAt: ptr(at.Add(time.Minute)), WithdrawnAt: ptr(at.Add(-time.Hour))}
	s.UpdatedAt = at.Add(time.Hour)
	return s
}

// stored is s as a round trip returns it: UTC, microseconds.
func stored(s domain.Settings) domain.Settings {
	r := func(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
	s.CreatedAt, s.UpdatedAt = r(s.CreatedAt), r(s.UpdatedAt)
	if s.Consent.GrantedAt != nil {
		s.Consent.GrantedAt = ptr(r(*s.Consent.GrantedAt))
	}
	if s.Consent.WithdrawnAt != nil {
		s.Consent.WithdrawnAt = ptr(r(*s.Consent.WithdrawnAt))
	}
	return s
}

func TestSettingsStore(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store, db *sqldb.DB) {
		ctx := context.Background()

		t.Run("round_trip", func(t *testing.T) {
			for _, want := range []domain.Settings{full("u-full"), domain.Defaults("u-default", "ru", time.Now())} {
				if ok, err := s.Create(ctx, want); err != nil || !ok {
					t.Fatalf("create: %v %v", ok, err)
				}
				got, err := s.Get(ctx, want.UserID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, stored(want)) {
					t.Fatalf("round trip:\n got %+v\nwant %+v", got, stored(want))
				}
			}
		})

		t.Run("create_keeps_existing", func(t *testing.T) {
			first := full("u-keep")
			if ok, err := s.Create(ctx, first); err != nil || !ok {
				t.Fatalf("create: %v %v", ok, err)
			}
			if ok, err := s.Create(ctx, domain.Defaults("u-keep", "ru", time.Now())); err != nil || ok {
				t.Fatalf("second create: %v %v, want false, nil", ok, err)
			}
			if got, _ := s.Get(ctx, "u-keep"); got.Theme != "dark" || got.Language != "en" {
				t.Fatalf("second create overwrote: %+v", got)
			}
		})

		t.Run("save", func(t *testing.T) {
			st := full("u-save")
			if _, err := s.Create(ctx, st); err != nil {
				t.Fatal(err)
			}
			st.Phone, st.Notifications, st.Consent = nil, map[string]domain.Channels{}, domain.Consent{}
			st.Language = "ru"
			if err := s.Save(ctx, st); err != nil {
				t.Fatal(err)
			}
			got, err := s.Get(ctx, "u-save")
			if err != nil || !reflect.DeepEqual(got, stored(st)) {
				t.Fatalf("after save:\n got %+v\nwant %+v (%v)", got, stored(st), err)
			}
			if err := s.Save(ctx, domain.Defaults("u-nobody", "ru", time.Now())); !errors.Is(err, domain.ErrSettingsNotFound) {
				t.Fatalf("save of a missing user: %v", err)
			}
			if _, err := s.Get(ctx, "u-nobody"); !errors.Is(err, domain.ErrSettingsNotFound) {
				t.Fatalf("get of a missing user: %v", err)
			}
		})

		t.Run("delete_anonymises_consent_history", func(t *testing.T) {
			if _, err := s.Create(ctx, full("u-del")); err != nil {
				t.Fatal(err)
			}
			at := time.Now().UTC()
			for i, g := range []bool{true, false, true} {
				if err := s.AddConsentRecord(ctx, domain.ConsentRecord{ID: "c-del-" + string(rune('a'+i)), UserID: "u-del",
					Granted: g, At: at.Add(time.Duration(i) * time.Second)}); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.AddConsentRecord(ctx, domain.ConsentRecord{ID: "c-other", UserID: "u-other", Granted: true, At: at}); err != nil {
				t.Fatal(err)
			}
			if h, _ := s.ConsentHistory(ctx, "u-del"); len(h) != 3 || !h[0].Granted || h[1].Granted {
				t.Fatalf("history before: %+v", h)
			}
			existed, err := s.DeleteUser(ctx, "u-del", "tomb-1")
			if err != nil || !existed {
				t.Fatalf("delete: %v %v", existed, err)
			}
			if _, err := s.Get(ctx, "u-del"); !errors.Is(err, domain.ErrSettingsNotFound) {
				t.Fatalf("settings survive deletion: %v", err)
			}
			if h, _ := s.ConsentHistory(ctx, "u-del"); len(h) != 0 {
				t.Fatalf("history still linked to the user: %+v", h)
			}
			if h, _ := s.ConsentHistory(ctx, "tomb-1"); len(h) != 3 || h[2].UserID != "tomb-1" {
				t.Fatalf("history under the tombstone: %+v", h)
			}
			if h, _ := s.ConsentHistory(ctx, "u-other"); len(h) != 1 {
				t.Fatalf("another user's history touched: %+v", h)
			}
			if existed, err := s.DeleteUser(ctx, "u-del", "tomb-2"); err != nil || existed {
				t.Fatalf("second delete: %v %v", existed, err)
			}
		})

		t.Run("locked_changes_do_not_lose_updates", func(t *testing.T) {
			if _, err := s.Create(ctx, domain.Defaults("u-race", "ru", time.Now())); err != nil {
				t.Fatal(err)
			}
			// Each writer adds its own override in a read-modify-write; with
			// the row locked none is lost.
			const writers = 8
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for i := range writers {
				wg.Go(func() {
					errs <- s.InTx(ctx, func(ctx context.Context) error {
						cur, err := s.GetForUpdate(ctx, "u-race")
						if err != nil {
							return err
						}
						cur.Notifications["svc.type_"+string(rune('a'+i))] = domain.Channels{Push: true}
						return s.Save(ctx, cur)
					})
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			got, _ := s.Get(ctx, "u-race")
			if len(got.Notifications) != writers {
				t.Fatalf("%d of %d overrides survived: %v", len(got.Notifications), writers, got.Notifications)
			}
		})
	})
}
