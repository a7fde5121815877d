package notifyapi

import "time"

// TypeInfo describes one registered notification type (GET /types).
type TypeInfo struct {
	Type     string            `json:"type"`
	Category string            `json:"category"`
	Channels []string          `json:"channels"`
	Critical bool              `json:"critical"`
	Title    map[string]string `json:"title"`
}

// TypeList is the answer of GET /types.
type TypeList struct {
	Items []TypeInfo `json:"items"`
}

// InboxItem is one in-app notification.
type InboxItem struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      *string    `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

// InboxPage is one page of the inbox, newest first, with the unread count.
type InboxPage struct {
	Items      []InboxItem `json:"items"`
	NextCursor *string     `json:"next_cursor"`
	Unread     int         `json:"unread"`
}

// UnreadCount is the answer of GET /inbox/unread-count.
type UnreadCount struct {
	Unread int `json:"unread"`
}

// Ticket is a single-use credential for GET /inbox/live.
type Ticket struct {
	Ticket    string `json:"ticket"`
	ExpiresIn int    `json:"expires_in"` // seconds
}

// Kinds of live inbox messages.
const (
	LiveKindItem   = "item"
	LiveKindUnread = "unread"
)

// LiveMessage is what the live inbox WebSocket sends: {kind:"item", item}
// for a new item, {kind:"unread", unread} for the unread count.
type LiveMessage struct {
	Kind   string     `json:"kind"`
	Item   *InboxItem `json:"item,omitempty"`
	Unread *int       `json:"unread,omitempty"`
}

// VAPIDKey is the application server key browsers subscribe with.
type VAPIDKey struct {
	Key string `json:"key"` // base64url, uncompressed P-256 point
}

// PushKeys are a browser subscription's keys (PushSubscription.getKey).
type PushKeys struct {
	P256dh string `json:"p256dh"`
	Auth   string `json:"auth"`
}

// PushSubscription registers a browser for web push. It is the shape of
// the browser's PushSubscription.toJSON(), so the web app can send that
// as it is; expirationTime is accepted and ignored.
type PushSubscription struct {
	Endpoint       string   `json:"endpoint"`
	Keys           PushKeys `json:"keys"`
	ExpirationTime *float64 `json:"expirationTime,omitempty"`
}

// PushUnsubscribe removes a browser's subscription.
type PushUnsubscribe struct {
	Endpoint string `json:"endpoint"`
}

// Delivery is one notification on one channel in a delivery log.
type Delivery struct {
	ID             string    `json:"id"`
	NotificationID string    `json:"notification_id"`
	UserID         string    `json:"user_id"`
	Type           string    `json:"type"`
	Channel        string    `json:"channel"`
	Status         string    `json:"status"`
	Error          *string   `json:"error"`
	Attempts       int       `json:"attempts"`
	At             time.Time `json:"at"`
}

// DeliveryPage is one page of a delivery log, newest first.
type DeliveryPage struct {
	Items      []Delivery `json:"items"`
	NextCursor *string    `json:"next_cursor"`
}

// PushPayload is the JSON a push notification carries to the browser's
// service worker.
type PushPayload struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Link  string `json:"link"`
}
