package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// PublicView is a profile as one caller may see it.
type PublicView struct {
	ProfileView
	Relationship domain.Relationship
	Access       domain.Access
}

// PublicProfile returns the user's profile as the caller (signed in or
// not) may see it: the fields the owner's privacy allows, and counts and
// achievements only where the caller sees the full profile.
func (a *App) PublicProfile(ctx context.Context, userID string) (PublicView, error) {
	p, rel, access, err := a.relation(ctx, userID)
	if err != nil {
		return PublicView{}, err
	}
	v := PublicView{ProfileView: ProfileView{Profile: p}, Relationship: rel, Access: access}
	if access == domain.AccessRestricted {
		return v, nil
	}
	if v.Followers, v.Following, err = a.repo.Counts(ctx, userID); err != nil {
		return v, err
	}
	v.Achievements, err = a.repo.Achievements(ctx, userID)
	return v, err
}

// relation reads the profile and decides what the caller sees of it.
func (a *App) relation(ctx context.Context, userID string) (domain.Profile, domain.Relationship, domain.Access, error) {
	if !ValidID(userID) {
		return domain.Profile{}, "", 0, domain.ErrProfileNotFound
	}
	p, err := a.repo.Profile(ctx, userID)
	if err != nil {
		return p, "", 0, err
	}
	vid := viewer(ctx)
	var f *domain.Follow
	if vid != "" && vid != userID {
		if f, err = a.repo.Follow(ctx, vid, userID); err != nil {
			return p, "", 0, err
		}
	}
	rel := domain.RelationshipOf(vid, userID, f)
	return p, rel, domain.AccessOf(p.Privacy.Visibility, rel), nil
}

// FollowList names a list of a profile's follows.
type FollowList int

// The lists.
const (
	ListFollowers FollowList = iota
	ListFollowing
)

// Follows returns one page of the user's followers or followees, for
// callers who see the full profile; others get ErrProfileRestricted.
func (a *App) Follows(ctx context.Context, userID string, which FollowList, page domain.Page) ([]domain.UserRef, error) {
	_, _, access, err := a.relation(ctx, userID)
	if err != nil {
		return nil, err
	}
	if access == domain.AccessRestricted {
		return nil, domain.ErrProfileRestricted
	}
	if which == ListFollowing {
		return a.repo.Following(ctx, userID, page)
	}
	return a.repo.Followers(ctx, userID, page)
}
