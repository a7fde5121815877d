package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// maxRequestsListed bounds the follow requests one answer lists.
const maxRequestsListed = 500

// Follow makes the caller follow the user: at once for a public profile,
// else as a request the owner answers. The owner is notified either way.
// Following again answers the follow's current state.
func (a *App) Follow(ctx context.Context, targetID string) (domain.FollowStatus, error) {
	uid, err := caller(ctx)
	if err != nil {
		return "", err
	}
	if !ValidID(targetID) {
		return "", domain.ErrProfileNotFound
	}
	if targetID == uid {
		return "", domain.ErrCannotFollowSelf
	}
	var status domain.FollowStatus
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		// The followee's lock orders this against a change of its visibility.
		if err := a.repo.LockProfile(ctx, targetID); err != nil {
			return nil, err
		}
		target, err := a.repo.Profile(ctx, targetID)
		if err != nil {
			return nil, err
		}
		if f, err := a.repo.Follow(ctx, uid, targetID); err != nil || f != nil {
			if f != nil {
				status = f.Status
			}
			return nil, err
		}
		// The follower needs a profile for the lists; made here, not before,
		// so a refused follow creates nothing.
		var ev events
		me, err := a.repo.Profile(ctx, uid)
		if errors.Is(err, domain.ErrProfileNotFound) {
			me = domain.NewProfile(uid, "", a.now())
			evs, cerr := a.create(ctx, me)
			ev.list, err = evs, cerr
		}
		if err != nil {
			return nil, err
		}
		now := a.now()
		status = domain.StatusFor(target.Privacy.Visibility)
		if err := a.repo.InsertFollow(ctx, domain.Follow{FollowerID: uid, FolloweeID: targetID, Status: status,
			RequestedAt: now, Since: now}); err != nil {
			return nil, err
		}
		f := profilesapi.FollowV1{FollowerID: uid, FolloweeID: targetID, At: now}
		data := map[string]string{profilesapi.DataFollowerID: uid, profilesapi.DataFollowerName: me.DisplayName}
		if status == domain.FollowActive {
			ev.add(profilesapi.EventFollowed, targetID, f)
			ev.notification(profilesapi.NotifyNewFollower, targetID, data)
		} else {
			ev.add(profilesapi.EventFollowRequested, targetID, f)
			ev.notification(profilesapi.NotifyFollowRequested, targetID, data)
		}
		return ev.result()
	})
	return status, err
}

// Unfollow ends the caller's follow of the user, or withdraws the
// caller's pending request. Nothing to end is not an error.
func (a *App) Unfollow(ctx context.Context, targetID string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if !ValidID(targetID) {
		return nil
	}
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		f, err := a.repo.DeleteFollow(ctx, uid, targetID)
		if err != nil || f == nil || f.Status != domain.FollowActive {
			return nil, err
		}
		var ev events
		ev.add(profilesapi.EventUnfollowed, targetID, profilesapi.FollowV1{FollowerID: uid, FolloweeID: targetID, At: a.now()})
		return ev.result()
	})
}

// FollowRequests lists the requests waiting for the caller's answer.
func (a *App) FollowRequests(ctx context.Context) ([]domain.UserRef, error) {
	uid, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return a.repo.FollowRequests(ctx, uid, maxRequestsListed)
}

// Accept accepts the follower's pending request to follow the caller.
func (a *App) Accept(ctx context.Context, followerID string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if !ValidID(followerID) {
		return domain.ErrFollowRequestNotFound
	}
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		now := a.now()
		ok, err := a.repo.ActivateFollow(ctx, followerID, uid, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, domain.ErrFollowRequestNotFound
		}
		var ev events
		f := profilesapi.FollowV1{FollowerID: followerID, FolloweeID: uid, At: now}
		ev.add(profilesapi.EventFollowAccepted, uid, f)
		ev.add(profilesapi.EventFollowed, uid, f)
		return ev.result()
	})
}

// Decline refuses the follower's pending request to follow the caller.
func (a *App) Decline(ctx context.Context, followerID string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if !ValidID(followerID) {
		return domain.ErrFollowRequestNotFound
	}
	return a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		f, err := a.repo.Follow(ctx, followerID, uid)
		if err != nil {
			return nil, err
		}
		if f == nil || f.Status != domain.FollowPending {
			return nil, domain.ErrFollowRequestNotFound
		}
		_, err = a.repo.DeleteFollow(ctx, followerID, uid)
		return nil, err
	})
}
