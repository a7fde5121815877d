package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// InboxPage is one page of a user's inbox.
type InboxPage struct {
	Items  []domain.InboxItem
	Next   string // id to continue after; "" on the last page
	Unread int
}

// Inbox lists a user's items newest first.
func (a *App) Inbox(ctx context.Context, userID string, unreadOnly bool, after string, limit int) (InboxPage, error) {
	items, err := a.store.Items(ctx, userID, unreadOnly, after, limit+1)
	if err != nil {
		return InboxPage{}, err
	}
	var page InboxPage
	if len(items) > limit {
		items = items[:limit]
		page.Next = items[limit-1].ID
	}
	page.Items = items
	page.Unread, err = a.store.Unread(ctx, userID)
	return page, err
}

// Unread counts a user's unread items.
func (a *App) Unread(ctx context.Context, userID string) (int, error) {
	return a.store.Unread(ctx, userID)
}

// MarkRead marks one of the user's items read; items of other users are
// not found.
func (a *App) MarkRead(ctx context.Context, userID, id string) error {
	if err := a.store.MarkRead(ctx, userID, id, a.now()); err != nil {
		return err
	}
	a.publishUnread(ctx, userID)
	return nil
}

// MarkAllRead marks every item of the user read.
func (a *App) MarkAllRead(ctx context.Context, userID string) error {
	n, err := a.store.MarkAllRead(ctx, userID, a.now())
	if err != nil {
		return err
	}
	if n > 0 {
		a.publishUnread(ctx, userID)
	}
	return nil
}

// IssueTicket returns a single-use credential for the user's live inbox
// connection, valid for TicketTTL. Only its hash is stored.
func (a *App) IssueTicket(ctx context.Context, userID string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	ticket := base64.RawURLEncoding.EncodeToString(b)
	if err := a.store.InsertTicket(ctx, ticketHash(ticket), userID, a.now().Add(a.cfg.TicketTTL)); err != nil {
		return "", err
	}
	return ticket, nil
}

// UseTicket spends a ticket and returns its user.
func (a *App) UseTicket(ctx context.Context, ticket string) (string, error) {
	if ticket == "" {
		return "", domain.ErrInvalidTicket
	}
	return a.store.UseTicket(ctx, ticketHash(ticket), a.now())
}

func ticketHash(ticket string) string {
	h := sha256.Sum256([]byte(ticket))
	return hex.EncodeToString(h[:])
}

// TicketTTL is how long a ticket is valid.
func (a *App) TicketTTL() int { return int(a.cfg.TicketTTL.Seconds()) }

// DeliveryPage is one page of a delivery log.
type DeliveryPage struct {
	Items []domain.Delivery
	Next  string
}

// Deliveries lists a user's delivery log (every user's when userID is ""),
// newest first.
func (a *App) Deliveries(ctx context.Context, userID, after string, limit int) (DeliveryPage, error) {
	items, err := a.store.Deliveries(ctx, userID, after, limit+1)
	if err != nil {
		return DeliveryPage{}, err
	}
	var page DeliveryPage
	if len(items) > limit {
		items = items[:limit]
		page.Next = items[limit-1].ID
	}
	page.Items = items
	return page, nil
}
