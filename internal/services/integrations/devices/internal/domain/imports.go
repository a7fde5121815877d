package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"regexp"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Import is an accepted activity file and what became of it.
type Import struct {
	ID, UserID, DeviceID string
	FileName, Format     string
	SHA256               string
	SizeBytes            int64
	Status               string
	Reason, Detail       string
	Warnings             []string
	ActivityID           string
	DuplicateOf          string
	Sport                string
	StartedAt            time.Time
	ElapsedS, DistanceM  float64
	// BlobKey holds the activity (claim check) until the tracker took it;
	// OriginalKey the file as uploaded, gzip-compressed.
	BlobKey, OriginalKey string
	CreatedAt, UpdatedAt time.Time
}

// Duplicate rules: two recordings are the same activity when they start
// within SameStartWindow of each other and their durations differ by at
// most SameElapsedRatio of the longer one.
const (
	SameStartWindow  = 60 * time.Second
	SameElapsedRatio = 0.10
)

// SameActivity reports whether an import and a newly decoded activity are
// the same recording (the same ride exported twice, as FIT and as GPX).
func SameActivity(prev Import, start time.Time, elapsedS float64) bool {
	if d := prev.StartedAt.Sub(start); d > SameStartWindow || d < -SameStartWindow {
		return false
	}
	longer := math.Max(prev.ElapsedS, elapsedS)
	return longer == 0 || math.Abs(prev.ElapsedS-elapsedS) <= SameElapsedRatio*longer
}

// DistanceOf is the distance a file states, else the device's last
// cumulative distance, else 0 (the tracker computes its own).
func DistanceOf(a *activity.Activity) float64 {
	if activity.Has(a.Totals.DistanceM) && a.Totals.DistanceM >= 0 {
		return a.Totals.DistanceM
	}
	d := 0.0
	for _, s := range a.Samples {
		if activity.Has(s.Dist) && s.Dist > d {
			d = s.Dist
		}
	}
	return d
}

// ElapsedOf is the file's stated elapsed time when it has one, else the
// time from start to the last sample.
func ElapsedOf(a *activity.Activity) float64 {
	if activity.Has(a.Totals.ElapsedS) && a.Totals.ElapsedS > 0 {
		return a.Totals.ElapsedS
	}
	return a.ElapsedS()
}

var keySegmentRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)

// userKey is a user id usable as a blob key segment (ids are UUIDs; any
// other shape is hashed).
func userKey(userID string) string {
	if keySegmentRe.MatchString(userID) {
		return userID
	}
	sum := sha256.Sum256([]byte(userID))
	return "u-" + hex.EncodeToString(sum[:16])
}

// ImportsPrefix is where a user's import blobs live.
func ImportsPrefix(userID string) string { return "imports/" + userKey(userID) + "/" }

// ActivityKey is the claim-check blob of an import: the activity in
// activity.MarshalBinary form.
func ActivityKey(userID, importID string) string {
	return ImportsPrefix(userID) + importID + ".activity"
}

// OriginalKey is the uploaded file of an import, gzip-compressed.
func OriginalKey(userID, importID string) string {
	return ImportsPrefix(userID) + importID + ".orig.gz"
}
