package notifyapi

import "time"

// EventDelivered reports the final outcome of one notification on one
// channel: sent, failed (after its retries) or skipped (a preference, no
// address, no subscription...).
const EventDelivered = "platform.notify.delivered.v1"

// DeliveredV1 is the payload of EventDelivered; the envelope's subject is
// the recipient's user id.
type DeliveredV1 struct {
	NotificationID string    `json:"notification_id"`
	UserID         string    `json:"user_id"`
	Type           string    `json:"type"`
	Channel        string    `json:"channel"`
	Status         string    `json:"status"`
	At             time.Time `json:"at"`
}

// Delivery statuses.
const (
	StatusPending = "pending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
	StatusSkipped = "skipped"
)
