package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// The projection of the profiles service's events. Each runs in the
// consumer's transaction; events of deleted users are dropped. A change
// that narrows who may watch a live session disconnects the viewers who
// lost access at once.

// PrivacyChanged records a user's visibility and activity defaults.
func (a *App) PrivacyChanged(ctx context.Context, p profilesapi.PrivacyChangedV1) error {
	if gone, err := a.store.IsErased(ctx, p.UserID); err != nil || gone {
		return err
	}
	d := p.ActivityDefaults
	if err := a.store.SetPrivacy(ctx, p.UserID, p.ProfileVisibility, d.Map, d.HeartRate, d.Pace); err != nil {
		return err
	}
	if d.Map == domain.Private {
		a.revoke(ctx, p.UserID, live.Update{RevokeFollowers: true})
	}
	return nil
}

// ProfileUpdated records a user's display name and visibility.
func (a *App) ProfileUpdated(ctx context.Context, p profilesapi.ProfileUpdatedV1) error {
	if gone, err := a.store.IsErased(ctx, p.UserID); err != nil || gone {
		return err
	}
	return a.store.SetProfile(ctx, p.UserID, p.DisplayName, p.Visibility)
}

// ZonesChanged records a user's privacy zones; masked routes computed
// under the old zones are recomputed when next shown.
func (a *App) ZonesChanged(ctx context.Context, p profilesapi.PrivacyZonesChangedV1) error {
	if gone, err := a.store.IsErased(ctx, p.UserID); err != nil || gone {
		return err
	}
	return a.store.SetZones(ctx, p.UserID, domain.ZonesFrom(p.Zones))
}

// AthleteChanged records a user's athlete data for their analyses.
func (a *App) AthleteChanged(ctx context.Context, p profilesapi.AthleteChangedV1) error {
	if gone, err := a.store.IsErased(ctx, p.UserID); err != nil || gone {
		return err
	}
	return a.store.SetAthlete(ctx, p.UserID, domain.AthleteFrom(p, a.now()))
}

// Followed records an active follow.
func (a *App) Followed(ctx context.Context, p profilesapi.FollowV1) error {
	m, err := a.store.Erased(ctx, []string{p.FollowerID, p.FolloweeID})
	if err != nil || m[p.FollowerID] || m[p.FolloweeID] {
		return err
	}
	return a.store.Follow(ctx, p.FollowerID, p.FolloweeID)
}

// Unfollowed records the end of a follow and disconnects the former
// follower from the followee's live session.
func (a *App) Unfollowed(ctx context.Context, p profilesapi.FollowV1) error {
	if err := a.store.Unfollow(ctx, p.FollowerID, p.FolloweeID); err != nil {
		return err
	}
	a.revoke(ctx, p.FolloweeID, live.Update{RevokeViewer: p.FollowerID})
	return nil
}

// revoke sends a revocation to the viewers of the user's open session.
// It is sent before the consumer's transaction commits: a viewer dropped
// early reconnects and is refused, or admitted again when the change rolls
// back; either way nobody keeps access they lost.
func (a *App) revoke(ctx context.Context, userID string, u live.Update) {
	s, err := a.store.OpenSession(ctx, userID)
	if errors.Is(err, domain.ErrSessionNotFound) {
		return
	}
	if err != nil {
		a.logger.Warn("revoke live viewers", "user_id", userID, "err", err)
		return
	}
	a.hub.Publish(s.ID, u)
}
