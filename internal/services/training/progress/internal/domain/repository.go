package domain

import (
	"context"
	"time"
)

// StoredActivity is what the store knows of an activity id before a
// change: whether it is there, whose it is, its day, and whether it is a
// deletion's tombstone.
type StoredActivity struct {
	Exists  bool
	Deleted bool
	UserID  string
	Day     string
}

// DayLoad is one day's summed load.
type DayLoad struct {
	Day  string
	Load float64
}

// ActivityQuery selects a user's activities (live, not deleted).
type ActivityQuery struct {
	UserID string
	// FromDay and ToDay bound the calendar day, inclusive ("" open).
	FromDay, ToDay string
	// Sport and Family filter when not "".
	Sport, Family string
}

// CohortQuery selects other athletes' bests of one effort: athletes who
// allow comparisons, of the given sex and birth years, except the user;
// each one's best since Since.
type CohortQuery struct {
	ExceptUser     string
	Family, Effort string
	Sex            string
	BirthYearFrom  int
	BirthYearTo    int
	Since          time.Time
}

// Repository stores the progress service's projection and settings.
// Every method joins the transaction of the context it is given.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// Stored tells what is stored under an activity id.
	Stored(ctx context.Context, id string) (StoredActivity, error)
	// PutActivity stores an activity and its efforts as of version (its
	// event's time) unless a later version or a deletion is stored; it
	// reports whether it stored it.
	PutActivity(ctx context.Context, a Activity, version time.Time) (bool, error)
	// DeleteActivity removes an activity's data as of version, leaving a
	// tombstone so that older events arriving late change nothing.
	DeleteActivity(ctx context.Context, id, userID string, version time.Time) (bool, error)
	// RecomputeDay sets a user's load of a day from their activities.
	RecomputeDay(ctx context.Context, userID, day string) error

	// Activity returns one of the user's activities; ErrActivityNotFound
	// for another user's, a deleted or an unknown one.
	Activity(ctx context.Context, userID, id string) (Activity, error)
	// Activities lists activities, oldest first.
	Activities(ctx context.Context, q ActivityQuery) ([]Activity, error)
	// SameDistance lists the user's activities of a's family that started
	// before a with a distance in [lo, hi], most recent first.
	SameDistance(ctx context.Context, a Activity, lo, hi float64, limit int) ([]Activity, error)
	// RouteCandidates lists the user's activities of a's family that
	// started before a, with a route starting within about radiusDeg
	// degrees of latitude of a's start and a distance in [lo, hi], most
	// recent first.
	RouteCandidates(ctx context.Context, a Activity, radiusDeg, lo, hi float64, limit int) ([]Activity, error)
	// LatestTimeZone is the zone of the user's latest activity ("" none).
	LatestTimeZone(ctx context.Context, userID string) (string, error)
	// DailyLoads lists the user's days with load up to toDay, oldest first.
	DailyLoads(ctx context.Context, userID, toDay string) ([]DayLoad, error)

	// Efforts lists the user's best efforts (of family, unless ""), since
	// a time (zero: all).
	Efforts(ctx context.Context, userID, family string, since time.Time) ([]EffortRow, error)
	// BestEffort is the user's current best of one effort (nil: none).
	BestEffort(ctx context.Context, userID, family, effort string) (*EffortRow, error)
	// Cohort returns each matching athlete's best time.
	Cohort(ctx context.Context, q CohortQuery) ([]float64, error)

	// PutAthlete stores an athlete's data as of version unless a later
	// version is stored.
	PutAthlete(ctx context.Context, a Athlete, version time.Time) error
	// Athlete returns the athlete (only the id set when unknown).
	Athlete(ctx context.Context, userID string) (Athlete, error)

	// Settings returns the user's settings (defaults when none stored).
	Settings(ctx context.Context, userID string) (Settings, error)
	PutSettings(ctx context.Context, s Settings) error

	// EraseUser removes everything of the user.
	EraseUser(ctx context.Context, userID string) error
}
