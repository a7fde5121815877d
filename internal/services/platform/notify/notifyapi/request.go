package notifyapi

import (
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/bus"
)

// EventRequested asks notify to send a notification. Any service writes it
// into its own outbox, in the transaction of the change that causes it.
const EventRequested = "platform.notify.requested.v1"

// RequestedV1 is one notification request. The event's id de-duplicates it:
// a redelivered request is sent once.
type RequestedV1 struct {
	// Type names a registered Template, e.g. "auth.verify_email".
	Type string `json:"type"`
	// UserID is the recipient.
	UserID string `json:"user_id"`
	// Email, when set, is the address to use instead of the user's own
	// (e.g. an address not verified yet).
	Email string `json:"email,omitempty"`
	// Data are the template's variables.
	Data map[string]string `json:"data,omitempty"`
	// Critical notices (security) ignore preferences and quiet hours.
	Critical bool `json:"critical,omitempty"`
}

// NewRequest returns the event that asks notify to send req; source is the
// requesting service's name.
func NewRequest(source string, req RequestedV1) (bus.Event, error) {
	if req.Type == "" || req.UserID == "" {
		return bus.Event{}, fmt.Errorf("notification request: type and user id are required")
	}
	return bus.NewEvent(EventRequested, source, req.UserID, req)
}
