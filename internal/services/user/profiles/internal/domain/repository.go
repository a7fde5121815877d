package domain

import (
	"context"
	"time"
)

// Page asks for one page of a list: items after the cursor position (At,
// ID of the last item seen; zero for the first page), at most Limit.
type Page struct {
	At    time.Time
	ID    string
	Limit int
}

// Repository stores profiles and everything hanging off them. Writes that
// must happen together run in InTx; every method joins the transaction of
// the context it is given.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// Profile returns a profile; ErrProfileNotFound when absent.
	Profile(ctx context.Context, userID string) (Profile, error)
	// CreateProfile inserts p unless a profile of that user exists, and
	// reports whether it did.
	CreateProfile(ctx context.Context, p Profile) (bool, error)
	// UpdateProfile locks the profile, lets fn change it and saves it with
	// its version raised; fn's error aborts the change.
	UpdateProfile(ctx context.Context, userID string, fn func(p *Profile) error) (Profile, error)
	// LockProfile takes the profile's row lock for the rest of the
	// transaction (serialising per-user limits); ErrProfileNotFound when absent.
	LockProfile(ctx context.Context, userID string) error
	// Counts returns the numbers of active followers and followees.
	Counts(ctx context.Context, userID string) (followers, following int, err error)

	Achievements(ctx context.Context, userID string) ([]Achievement, error)
	// Award records an achievement and reports whether it is new.
	Award(ctx context.Context, a Achievement) (bool, error)

	Zones(ctx context.Context, userID string) ([]Zone, error)
	InsertZone(ctx context.Context, z Zone) error
	// DeleteZone removes one of the user's zones; ErrZoneNotFound when the
	// user has no zone with that id.
	DeleteZone(ctx context.Context, userID, id string) error

	Goals(ctx context.Context, userID string) ([]Goal, error)
	// Goal returns one of the user's goals; ErrGoalNotFound otherwise.
	Goal(ctx context.Context, userID, id string) (Goal, error)
	InsertGoal(ctx context.Context, g Goal) error
	// UpdateGoal saves the goal's editable fields and progress.
	UpdateGoal(ctx context.Context, g Goal) error
	DeleteGoal(ctx context.Context, userID, id string) error
	CountGoals(ctx context.Context, userID string) (int, error)
	// SetGoalProgress sets the progress of a goal (for the training consumer).
	SetGoalProgress(ctx context.Context, id string, progress float64) error

	// PutTrainingActivity stores an activity as of version (its event's
	// time) unless a later version of it, or its deletion, is stored
	// already; it reports whether it stored it. Events may arrive out of
	// order: the latest version wins.
	PutTrainingActivity(ctx context.Context, a TrainingActivity, version time.Time) (bool, error)
	// DeleteTrainingActivity forgets an activity as of version, keeping a
	// tombstone so that an older version arriving later is ignored; it
	// reports whether it applied.
	DeleteTrainingActivity(ctx context.Context, id, userID string, version time.Time) (bool, error)
	// TrainingActivities lists the user's activities started at or after
	// since, oldest first.
	TrainingActivities(ctx context.Context, userID string, since time.Time) ([]TrainingActivity, error)

	// Follow returns the follow of followee by follower, or nil.
	Follow(ctx context.Context, followerID, followeeID string) (*Follow, error)
	InsertFollow(ctx context.Context, f Follow) error
	// ActivateFollow turns a pending request active; false when there was none.
	ActivateFollow(ctx context.Context, followerID, followeeID string, at time.Time) (bool, error)
	// ActivateAllPending accepts every pending request to followee and
	// returns the followers.
	ActivateAllPending(ctx context.Context, followeeID string, at time.Time) ([]string, error)
	// DeleteFollow removes a follow or request and returns what it was, or
	// nil when there was none.
	DeleteFollow(ctx context.Context, followerID, followeeID string) (*Follow, error)
	// FollowRequests lists the pending requests to followee, newest first.
	FollowRequests(ctx context.Context, followeeID string, limit int) ([]UserRef, error)
	// Followers and Following list active follows, most recent first.
	Followers(ctx context.Context, userID string, p Page) ([]UserRef, error)
	Following(ctx context.Context, userID string, p Page) ([]UserRef, error)

	// EraseUser removes everything of the user: profile, zones, goals,
	// achievements, training activities, and follows and requests both ways.
	EraseUser(ctx context.Context, userID string) error
}
