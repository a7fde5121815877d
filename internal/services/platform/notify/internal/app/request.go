package app

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Limits of a request's data, so one bad producer cannot bloat the store.
const (
	maxDataKeys  = 32
	maxDataValue = 4096
)

// checkRequest validates a request: its type must be registered, and the
// recipient and data well-formed. Failures are permanent: no retry fixes
// them.
func (a *App) checkRequest(req notifyapi.RequestedV1) error {
	if _, ok := a.catalog.Get(req.Type); !ok {
		return bus.Permanent(fmt.Errorf("notification type %q: %w", req.Type, domain.ErrUnknownType))
	}
	if req.UserID == "" || len(req.UserID) > 64 || len(req.Email) > 254 {
		return bus.Permanent(fmt.Errorf("notification %s: bad user id or email", req.Type))
	}
	if len(req.Data) > maxDataKeys {
		return bus.Permanent(fmt.Errorf("notification %s: %d data keys, at most %d", req.Type, len(req.Data), maxDataKeys))
	}
	for k, v := range req.Data {
		if len(v) > maxDataValue || !utf8.ValidString(v) || !utf8.ValidString(k) {
			return bus.Permanent(fmt.Errorf("notification %s: data %q is too long or not UTF-8", req.Type, k))
		}
	}
	return nil
}

// HandleRequest stores a notification request exactly once (the event id
// de-duplicates it) and plans its channels in the same transaction: the
// in-app item is written at once, the other channels become pending
// deliveries the worker sends after the commit. When notify knows nothing
// of the recipient yet (their registration event may arrive just after)
// the request waits, up to ContactWait, for the planner.
func (a *App) HandleRequest(ctx context.Context, consumer, eventID string, at time.Time, req notifyapi.RequestedV1) error {
	if err := a.checkRequest(req); err != nil {
		return err
	}
	var res planResult
	err := bus.HandleOnce(ctx, a.store.DB(), consumer, eventID, func(ctx context.Context) error {
		res = planResult{}
		tpl, _ := a.catalog.Get(req.Type)
		r := domain.Request{ID: eventID, Type: req.Type, UserID: req.UserID, Email: req.Email, Data: req.Data,
			Critical: req.Critical || tpl.Critical, CreatedAt: at.UTC()}
		if inserted, err := a.store.InsertNotification(ctx, r); err != nil || !inserted {
			return err
		}
		var err error
		res, err = a.planIfReady(ctx, domain.Notification{Request: r})
		return err
	})
	if err != nil {
		return err
	}
	a.afterPlan(ctx, res)
	return nil
}

// planResult is what a plan left to do after its transaction committed.
type planResult struct {
	waiting  bool               // the contact is not known yet
	userID   string             //
	items    []domain.InboxItem // new in-app items to push to live connections
	pending  map[string]bool    // channels with deliveries to send
	finals   [][2]string        // channel and status of each final delivery
	recorded bool               // events were added to the outbox
}

// afterPlan wakes the relay and the workers and updates live connections.
func (a *App) afterPlan(ctx context.Context, res planResult) {
	for _, f := range res.finals {
		a.sent.WithLabelValues(f[0], f[1]).Inc()
	}
	if res.recorded && a.notify != nil {
		a.notify()
	}
	for ch := range res.pending {
		a.kick(ch)
	}
	if len(res.items) > 0 {
		a.publishUnread(ctx, res.userID, res.items...)
	}
}

// planIfReady plans n when its recipient's contact is known, the account
// was deleted, or the wait is over; otherwise it leaves n waiting.
func (a *App) planIfReady(ctx context.Context, n domain.Notification) (planResult, error) {
	deleted, err := a.store.Deleted(ctx, n.UserID)
	if err != nil {
		return planResult{}, err
	}
	contact, err := a.store.Contact(ctx, n.UserID)
	if err != nil {
		return planResult{}, err
	}
	if !deleted && contact == nil && a.now().Sub(n.CreatedAt) < a.cfg.ContactWait {
		return planResult{waiting: true}, nil
	}
	return a.plan(ctx, n, contact, deleted)
}

// plan renders n for its recipient and records one delivery per channel.
func (a *App) plan(ctx context.Context, n domain.Notification, contact *domain.Contact, deleted bool) (planResult, error) {
	now := a.now()
	res := planResult{userID: n.UserID, pending: map[string]bool{}}
	if deleted {
		_, err := a.store.SavePlan(ctx, n.ID, domain.Rendered{})
		return res, err
	}
	tpl, ok := a.catalog.Get(n.Type)
	if !ok {
		return res, bus.Permanent(fmt.Errorf("notification type %q: %w", n.Type, domain.ErrUnknownType))
	}
	name := n.Email
	if contact != nil {
		name = contact.Name
		if name == "" {
			name = contact.Email
		}
	}
	content, renderErr := a.catalog.Render(n.Type, contact.Lang(), name, n.Data, now, contact.Location())
	if renderErr != nil {
		a.logger.ErrorContext(ctx, "render notification", "notification_id", n.ID, "type", n.Type, "err", renderErr)
	}
	if planned, err := a.store.SavePlan(ctx, n.ID, content); err != nil || !planned {
		return res, err
	}
	subs, err := a.store.Subscriptions(ctx, n.UserID)
	if err != nil {
		return res, err
	}
	plans := domain.Plan(domain.PlanInput{Template: tpl, Request: n.Request, Contact: contact,
		Subscriptions: len(subs), SMSConfigured: a.senders.SMS != nil, Now: now})
	var events []bus.Event
	for _, p := range plans {
		d := domain.Delivery{ID: newID(), NotificationID: n.ID, UserID: n.UserID, Type: n.Type, Channel: p.Channel,
			Status: p.Status, Reason: p.Reason, Address: p.Address, NextAttemptAt: p.NotBefore, CreatedAt: now, UpdatedAt: now}
		switch {
		case renderErr != nil && d.Status == notifyapi.StatusPending:
			d.Status, d.Reason = notifyapi.StatusFailed, "render_failed"
		case d.Status == notifyapi.StatusPending && d.Channel == notifyapi.ChannelInApp:
			it := domain.InboxItem{ID: newID(), UserID: n.UserID, NotificationID: n.ID, Type: n.Type,
				Title: content.Title, Body: content.Text, Link: content.Link, CreatedAt: now}
			if err := a.store.InsertItem(ctx, it); err != nil {
				return res, err
			}
			res.items = append(res.items, it)
			d.Status, d.Attempts = notifyapi.StatusSent, 1
		case d.Status == notifyapi.StatusPending:
			res.pending[d.Channel] = true
		}
		if err := a.store.InsertDelivery(ctx, d); err != nil {
			return res, err
		}
		if d.Final() {
			ev, err := delivered(d, n.UserID, now)
			if err != nil {
				return res, err
			}
			events = append(events, ev)
			res.finals = append(res.finals, [2]string{d.Channel, d.Status})
		}
	}
	if len(events) > 0 {
		if err := bus.AddToOutbox(ctx, a.store.DB(), events...); err != nil {
			return res, err
		}
		res.recorded = true
	}
	return res, nil
}

// PlanWaiting plans the notifications that were waiting for their
// recipient's contact, once it is known or the wait is over. It returns
// how many were planned.
func (a *App) PlanWaiting(ctx context.Context) (int, error) {
	waiting, err := a.store.Unplanned(ctx, a.now().Add(-a.cfg.ContactWait), 100)
	if err != nil {
		return 0, err
	}
	planned := 0
	for _, n := range waiting {
		var res planResult
		err := a.store.InTx(ctx, func(ctx context.Context) error {
			var err error
			res, err = a.planIfReady(ctx, n)
			return err
		})
		if err != nil {
			return planned, fmt.Errorf("plan waiting notification %s: %w", n.ID, err)
		}
		if !res.waiting {
			planned++
			a.afterPlan(ctx, res)
		}
	}
	return planned, nil
}
