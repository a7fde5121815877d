package domain

import "time"

// Achievement is an award a user earned, at most once per code.
type Achievement struct {
	UserID    string
	Code      string
	AwardedAt time.Time
}
