package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
)

// Register creates a newly registered user's settings with the language
// they registered in, and emits their first settings_changed snapshot so
// that notify learns language and time zone at once. A user who already
// has settings (a redelivered event, or a change that came first) keeps
// them. It joins the caller's transaction (the consumer's inbox).
func (a *App) Register(ctx context.Context, userID, language string) error {
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		s := domain.Defaults(userID, language, a.now())
		created, err := a.repo.Create(ctx, s)
		if err != nil || !created {
			return nil, err
		}
		ev, err := changedEvent(s)
		return []bus.Event{ev}, err
	})
}

// DeleteUser erases a deleted user's settings (language, time zone, phone
// and the rest). Their marketing consent records are not deleted but cut
// loose from them: the user id is replaced by a random tombstone id that
// is stored nowhere else. Consent has to be provable for the messages
// already sent (when, and whether it was withdrawn), and the anonymous
// rows still show that; they can no longer be linked to the person, which
// is what erasure requires. One tombstone per deleted user keeps their
// grant/withdraw sequence readable as one history.
func (a *App) DeleteUser(ctx context.Context, userID string) error {
	tombstone := "deleted-" + uuid.NewString() // random (v4): no time or order to link back
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		_, err := a.repo.DeleteUser(ctx, userID, tombstone)
		return nil, err
	})
}
