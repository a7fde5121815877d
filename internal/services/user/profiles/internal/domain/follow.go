package domain

import (
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// FollowStatus is where a follow stands.
type FollowStatus string

// Follow statuses: a pending request, or an active follow.
const (
	FollowPending FollowStatus = "pending"
	FollowActive  FollowStatus = "active"
)

// Follow is one user following (or asking to follow) another.
type Follow struct {
	FollowerID  string
	FolloweeID  string
	Status      FollowStatus
	RequestedAt time.Time
	// Since is when the follow became active (RequestedAt for a pending one).
	Since time.Time
}

// StatusFor is how a new follow of a profile with visibility v starts:
// active at once for a public profile, a request otherwise.
func StatusFor(v string) FollowStatus {
	if v == Public {
		return FollowActive
	}
	return FollowPending
}

// UserRef is a user as lists show them.
type UserRef struct {
	UserID      string
	DisplayName string
	Avatar      string
	// At is when the relation started: the follow's Since, or the request's time.
	At time.Time
}

// Relationship is the viewer's relationship to a profile: self, following,
// requested or none (see profilesapi).
type Relationship string

// RelationshipOf returns the relationship of viewerID ("" when anonymous)
// to the profile of ownerID, given the viewer's follow of the owner (nil
// when there is none).
func RelationshipOf(viewerID, ownerID string, f *Follow) Relationship {
	switch {
	case viewerID != "" && viewerID == ownerID:
		return profilesapi.RelationshipSelf
	case f == nil:
		return profilesapi.RelationshipNone
	case f.Status == FollowActive:
		return profilesapi.RelationshipFollowing
	default:
		return profilesapi.RelationshipRequested
	}
}

// Access is how much of a profile a viewer sees.
type Access int

// Access levels, least first.
const (
	// AccessRestricted: display name and avatar only.
	AccessRestricted Access = iota
	// AccessFull: everything but body metrics and sex.
	AccessFull
	// AccessOwner: everything.
	AccessOwner
)

// AccessOf decides what a viewer with relationship rel sees of a profile
// with visibility v: the owner everything; a public profile shows its
// public fields to anyone, a followers-only profile to accepted followers,
// and a private profile to nobody but its owner. Body metrics are only ever
// the owner's.
func AccessOf(v string, rel Relationship) Access {
	switch {
	case rel == profilesapi.RelationshipSelf:
		return AccessOwner
	case v == Public:
		return AccessFull
	case v == Followers && rel == profilesapi.RelationshipFollowing:
		return AccessFull
	default:
		return AccessRestricted
	}
}
