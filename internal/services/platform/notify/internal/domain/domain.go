// Package domain holds notify's rules without I/O: who a notification goes
// to and on which channels (preferences, quiet hours, critical notices),
// how templates render in the recipient's language and time zone, and what
// makes a push subscription acceptable.
package domain

import (
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Contact is what notify knows of a recipient, projected from the auth,
// settings and profiles events.
type Contact struct {
	UserID        string
	Email         string
	EmailVerified bool
	Name          string // display name; "" when the profile has none
	Language      string // "ru" | "en"; "" when unknown
	TimeZone      string // IANA; "" when unknown
	Units         string
	Phone         string // E.164; "" when none
	// Overrides are the user's per-type channel choices: type -> channel
	// -> enabled. Channels absent keep the template's default.
	Overrides  map[string]map[string]bool
	QuietHours QuietHours
}

// Location returns the contact's time zone, UTC when unknown or invalid.
func (c *Contact) Location() *time.Location {
	if c == nil || c.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Lang returns the contact's language, DefaultLanguage when unknown.
func (c *Contact) Lang() string {
	if c == nil || c.Language == "" {
		return DefaultLanguage
	}
	return c.Language
}

// DefaultLanguage is the platform's default locale.
const DefaultLanguage = "ru"

// Request is a notification request as notify keeps it.
type Request struct {
	ID        string // the request event's id: the de-duplication key
	Type      string
	UserID    string
	Email     string
	Data      map[string]string
	Critical  bool
	CreatedAt time.Time
}

// Delivery is one notification on one channel.
type Delivery struct {
	ID             string
	NotificationID string
	UserID         string
	Type           string
	Channel        string
	Status         string
	Reason         string // why skipped, or the last error
	Address        string // email address or phone; "" for push and in-app
	Attempts       int
	NextAttemptAt  time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Final reports whether the delivery has reached its last status.
func (d Delivery) Final() bool { return d.Status != notifyapi.StatusPending }

// InboxItem is one in-app notification.
type InboxItem struct {
	ID             string
	UserID         string
	NotificationID string
	Type           string
	Title          string
	Body           string
	Link           string
	CreatedAt      time.Time
	ReadAt         *time.Time
}

// PushSubscription is one browser registered for web push.
type PushSubscription struct {
	Endpoint  string
	UserID    string
	P256dh    string
	Auth      string
	CreatedAt time.Time
}

// Errors callers and the HTTP layer react to.
var (
	ErrUnknownType    = apperr.New(apperr.Invalid, "unknown_notification_type", "no template is registered for this notification type")
	ErrItemNotFound   = apperr.New(apperr.NotFound, "item_not_found", "no such inbox item")
	ErrInvalidTicket  = apperr.New(apperr.Unauthorized, "invalid_ticket", "the live ticket is unknown, used or expired")
	ErrPushDisabled   = apperr.New(apperr.Unavailable, "push_unavailable", "web push is not set up")
	ErrTooManyStreams = apperr.New(apperr.TooMany, "too_many_live_connections", "too many live inbox connections for this user")
	ErrStopping       = apperr.New(apperr.Unavailable, "service_stopping", "the notify service is stopping; reconnect")
)

// Notification is a request with its content once planned.
type Notification struct {
	Request
	Planned bool
	Content Rendered
}

// Job is a claimed delivery with the content to send.
type Job struct {
	Delivery Delivery
	Content  Rendered
	Critical bool
}
