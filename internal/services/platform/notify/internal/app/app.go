// Package app holds notify's use cases: turning requests into planned
// deliveries, the delivery worker that sends them, the inbox, push
// subscriptions, live tickets, and the projection of users' contacts.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Config tunes the use cases.
type Config struct {
	ContactWait      time.Duration // how long a request waits for its recipient's contact
	MaxAttempts      int           // sends of one delivery before it fails
	RetryBase        time.Duration // delay after the first failed attempt; doubles each time
	RetryMax         time.Duration // longest delay between attempts
	Lease            time.Duration // how long a claimed delivery is hidden from other workers
	PollInterval     time.Duration // how often workers look for due work without a wake-up
	Concurrency      int           // sends in flight per channel
	TicketTTL        time.Duration // lifetime of a live ticket
	PushHosts        []string      // push services subscriptions may use
	MaxSubscriptions int           // push subscriptions per user
}

// Live carries inbox changes to the user's open live connections.
type Live interface {
	Publish(userID string, msgs ...notifyapi.LiveMessage)
}

// Senders are the outbound channels. Mail is always set (SMTP or files);
// SMS is nil when no gateway is configured; push is set by SetPush once
// the VAPID keys are known.
type Senders struct {
	Mail channel.Mailer
	SMS  *channel.SMS
}

// App is notify's application layer.
type App struct {
	cfg     Config
	store   *store.Store
	catalog *domain.Catalog
	senders Senders
	push    atomic.Pointer[channel.Push]
	live    Live
	notify  func() // wakes the outbox relay
	logger  *slog.Logger
	now     func() time.Time
	wake    map[string]chan struct{} // per channel, and "plan" for the planner
	sent    *prometheus.CounterVec
}

// New returns the application layer. relayNotify wakes the outbox relay
// after events were written; reg (may be nil) registers the metrics.
func New(cfg Config, s *store.Store, c *domain.Catalog, senders Senders, live Live, relayNotify func(),
	logger *slog.Logger, reg prometheus.Registerer) (*App, error) {
	a := &App{cfg: cfg, store: s, catalog: c, senders: senders, live: live, notify: relayNotify,
		logger: logger, now: func() time.Time { return time.Now().UTC() }, wake: map[string]chan struct{}{}}
	for _, k := range []string{planKey, notifyapi.ChannelEmail, notifyapi.ChannelPush, notifyapi.ChannelSMS} {
		a.wake[k] = make(chan struct{}, 1)
	}
	a.sent = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "sporthub_notify_deliveries_total",
		Help: "Notification deliveries by channel and final status.",
	}, []string{"channel", "status"})
	if reg != nil {
		if err := reg.Register(a.sent); err != nil {
			return nil, fmt.Errorf("register notify metrics: %w", err)
		}
	}
	return a, nil
}

// planKey names the planner's wake-up channel.
const planKey = "plan"

// SetPush installs the web push sender.
func (a *App) SetPush(p *channel.Push) { a.push.Store(p) }

// Catalog returns the registered notification types.
func (a *App) Catalog() *domain.Catalog { return a.catalog }

// kick wakes a worker without blocking.
func (a *App) kick(key string) {
	select {
	case a.wake[key] <- struct{}{}:
	default:
	}
}

func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return id.String()
}

// delivered builds the event reporting a delivery's final outcome.
func delivered(d domain.Delivery, userID string, at time.Time) (bus.Event, error) {
	return bus.NewEvent(notifyapi.EventDelivered, "notify", userID, notifyapi.DeliveredV1{
		NotificationID: d.NotificationID, UserID: userID, Type: d.Type, Channel: d.Channel, Status: d.Status, At: at,
	})
}

// ItemDTO is an inbox item in the public shape.
func ItemDTO(it domain.InboxItem) notifyapi.InboxItem {
	out := notifyapi.InboxItem{ID: it.ID, Type: it.Type, Title: it.Title, Body: it.Body, CreatedAt: it.CreatedAt, ReadAt: it.ReadAt}
	if it.Link != "" {
		l := it.Link
		out.Link = &l
	}
	return out
}

// publishUnread tells the user's live connections their unread count.
func (a *App) publishUnread(ctx context.Context, userID string, items ...domain.InboxItem) {
	if a.live == nil {
		return
	}
	n, err := a.store.Unread(ctx, userID)
	if err != nil {
		a.logger.WarnContext(ctx, "count unread for live update", "err", err)
		return
	}
	msgs := make([]notifyapi.LiveMessage, 0, len(items)+1)
	for _, it := range items {
		dto := ItemDTO(it)
		msgs = append(msgs, notifyapi.LiveMessage{Kind: notifyapi.LiveKindItem, Item: &dto})
	}
	msgs = append(msgs, notifyapi.LiveMessage{Kind: notifyapi.LiveKindUnread, Unread: &n})
	a.live.Publish(userID, msgs...)
}
