// Package app holds the profiles service's use cases, one concern per file:
// the owner's profile, avatar, privacy and zones, goals, follows, public
// pages, achievements and account erasure. Use cases take the caller from
// the request context, keep the domain rules, and record each change's
// events and notification requests in the outbox in the same transaction.
package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"golang.org/x/sync/semaphore"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Source names the profiles service as the source of its events.
const Source = "profiles"

// Outbox records events in the caller's transaction.
type Outbox interface {
	AddEvents(ctx context.Context, events ...bus.Event) error
}

// App is the profiles service's application layer.
type App struct {
	repo   domain.Repository
	outbox Outbox
	notify func() // wakes the outbox relay after a commit
	blobs  blob.Store
	logger *slog.Logger
	now    func() time.Time
	// images bounds the pixels being decoded at once (memory).
	images *semaphore.Weighted
}

// imageBudget is how many pixels may be decoded at once across uploads:
// room for one picture of the largest accepted size and some small ones.
const imageBudget = 48_000_000

// New returns the application layer. notify and logger may be nil.
func New(repo domain.Repository, outbox Outbox, blobs blob.Store, notify func(), logger *slog.Logger) *App {
	if notify == nil {
		notify = func() {}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &App{repo: repo, outbox: outbox, notify: notify, blobs: blobs, logger: logger,
		now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }, images: semaphore.NewWeighted(imageBudget)}
}

// newID returns a new time-ordered id.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether id looks like a user, zone or goal id (a UUID),
// so malformed path values are "not found" without a query.
func ValidID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil && len(id) == 36
}

// caller returns the signed-in user's id.
func caller(ctx context.Context) (string, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return "", err
	}
	return p.Subject, nil
}

// viewer returns the caller's id, or "" for an anonymous request.
func viewer(ctx context.Context) string {
	if p, ok := authn.FromContext(ctx); ok {
		return p.Subject
	}
	return ""
}

// commit runs write and records the events it returns in one transaction,
// then wakes the relay.
func (a *App) commit(ctx context.Context, write func(ctx context.Context) ([]bus.Event, error)) error {
	err := a.repo.InTx(ctx, func(ctx context.Context) error {
		evs, err := write(ctx)
		if err != nil {
			return err
		}
		return a.outbox.AddEvents(ctx, evs...)
	})
	if err == nil {
		a.notify()
	}
	return err
}

// events collects events, keeping the first error building them.
type events struct {
	list []bus.Event
	err  error
}

func (e *events) add(typ, subject string, data any) {
	if e.err != nil {
		return
	}
	ev, err := bus.NewEvent(typ, Source, subject, data)
	e.list, e.err = append(e.list, ev), err
}

func (e *events) notification(typ, userID string, data map[string]string) {
	if e.err != nil {
		return
	}
	ev, err := notifyapi.NewRequest(Source, notifyapi.RequestedV1{Type: typ, UserID: userID, Data: data})
	e.list, e.err = append(e.list, ev), err
}

func (e *events) result() ([]bus.Event, error) { return e.list, e.err }

// avatarURL is the public URL of a profile's large avatar, or nil.
func avatarURL(name string, size int) *string {
	if name == "" {
		return nil
	}
	u := profilesapi.AvatarPath(size, name)
	return &u
}

// profileUpdated adds the profile_updated event carrying p.
func (e *events) profileUpdated(p domain.Profile) {
	sports := make([]profilesapi.SportLevel, len(p.Sports))
	for i, s := range p.Sports {
		sports[i] = profilesapi.SportLevel{Sport: s.Sport, Level: s.Level}
	}
	e.add(profilesapi.EventProfileUpdated, p.UserID, profilesapi.ProfileUpdatedV1{
		UserID: p.UserID, DisplayName: p.DisplayName, AvatarURL: avatarURL(p.Avatar, profilesapi.AvatarLarge),
		Visibility: p.Privacy.Visibility, Sports: sports, Region: p.Region})
}

// athleteOf is the athlete data of p as athlete_changed carries it.
func athleteOf(p domain.Profile) profilesapi.AthleteChangedV1 {
	zones := append([]int{}, p.HRZones...)
	return profilesapi.AthleteChangedV1{UserID: p.UserID, BirthYear: p.BirthYear, Sex: p.Sex, WeightKG: p.WeightKG,
		RestingHR: p.RestingHR, MaxHR: p.MaxHR, ThresholdHR: p.ThresholdHR, ThresholdPaceSPerKM: p.ThresholdPace,
		ThresholdPowerW: p.ThresholdPower, HRZones: zones}
}

// athleteChanged adds the athlete_changed event carrying p's athlete data.
func (e *events) athleteChanged(p domain.Profile) {
	e.add(profilesapi.EventAthleteChanged, p.UserID, athleteOf(p))
}

// errUnchanged aborts an update that would change nothing.
var errUnchanged = errors.New("unchanged")
