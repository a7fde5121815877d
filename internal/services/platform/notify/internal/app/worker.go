package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// RunWorkers runs the delivery workers (one per outbound channel, so a slow
// SMTP server never holds up push or SMS) and the planner of waiting
// notifications until ctx is cancelled; sends in flight then finish.
func (a *App) RunWorkers(ctx context.Context) {
	var wg sync.WaitGroup
	for _, ch := range []string{notifyapi.ChannelEmail, notifyapi.ChannelPush, notifyapi.ChannelSMS} {
		wg.Go(func() { a.runChannel(ctx, ch) })
	}
	wg.Go(func() { a.runPlanner(ctx) })
	wg.Wait()
}

// wait sleeps until woken for key, the poll interval passes or ctx ends.
func (a *App) wait(ctx context.Context, key string) {
	t := time.NewTimer(a.cfg.PollInterval)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-a.wake[key]:
	case <-t.C:
	}
}

func (a *App) runPlanner(ctx context.Context) {
	lastPrune := time.Time{}
	for ctx.Err() == nil {
		if _, err := a.PlanWaiting(ctx); err != nil && ctx.Err() == nil {
			a.logger.WarnContext(ctx, "plan waiting notifications", "err", err)
		}
		if now := a.now(); now.Sub(lastPrune) > time.Minute {
			lastPrune = now
			if _, err := a.store.PruneTickets(ctx, now); err != nil && ctx.Err() == nil {
				a.logger.WarnContext(ctx, "prune live tickets", "err", err)
			}
		}
		a.wait(ctx, planKey)
	}
}

// runChannel claims due deliveries of one channel and sends them, at most
// Concurrency at once, until ctx is cancelled.
func (a *App) runChannel(ctx context.Context, ch string) {
	for ctx.Err() == nil {
		n, err := a.SendDue(ctx, ch)
		if err != nil && ctx.Err() == nil {
			a.logger.WarnContext(ctx, "send due deliveries", "channel", ch, "err", err)
		}
		if n == 0 || err != nil {
			a.wait(ctx, ch)
		}
	}
}

// SendDue claims one batch of due deliveries of a channel, sends them and
// records the outcomes; it returns how many it claimed.
func (a *App) SendDue(ctx context.Context, ch string) (int, error) {
	jobs, err := a.store.Claim(ctx, ch, a.now(), a.cfg.Lease, a.cfg.Concurrency)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			// A send started before shutdown finishes: its own timeout bounds it.
			sctx := context.WithoutCancel(ctx)
			if err := a.record(sctx, j, a.send(sctx, j)); err != nil {
				a.logger.ErrorContext(sctx, "record delivery outcome", "delivery_id", j.Delivery.ID, "err", err)
			}
		})
	}
	wg.Wait()
	return len(jobs), nil
}

// errSkip ends a delivery as skipped instead of failed.
type errSkip struct{ reason string }

func (e errSkip) Error() string { return "skipped: " + e.reason }

// send sends one claimed delivery on its channel.
func (a *App) send(ctx context.Context, j domain.Job) error {
	d, c := j.Delivery, j.Content
	switch d.Channel {
	case notifyapi.ChannelEmail:
		return a.senders.Mail.Send(ctx, channel.Email{MessageID: d.ID, To: d.Address, Subject: c.Subject, Text: c.Text, HTML: c.HTML})
	case notifyapi.ChannelSMS:
		if a.senders.SMS == nil {
			return errSkip{domain.ReasonNotConfigured}
		}
		return a.senders.SMS.Send(ctx, d.Address, smsText(c))
	case notifyapi.ChannelPush:
		return a.sendPush(ctx, j)
	}
	return channel.Permanent(fmt.Errorf("channel %q has no sender", d.Channel))
}

// smsText is the text of an SMS: the title and the plain-text body.
func smsText(c domain.Rendered) string {
	if c.Title == "" {
		return c.Text
	}
	return c.Title + "\n" + c.Text
}

// record stores a send's outcome: sent; failed when permanent or out of
// attempts; otherwise another attempt after an exponential back-off.
func (a *App) record(ctx context.Context, j domain.Job, sendErr error) error {
	d := j.Delivery
	now := a.now()
	var skip errSkip
	status, reason := notifyapi.StatusSent, ""
	switch {
	case sendErr == nil:
	case errors.As(sendErr, &skip):
		status, reason = notifyapi.StatusSkipped, skip.reason
	case channel.IsPermanent(sendErr) || d.Attempts >= a.cfg.MaxAttempts:
		status, reason = notifyapi.StatusFailed, errorText(sendErr)
	default:
		next := now.Add(a.backoff(d.Attempts))
		a.logger.InfoContext(ctx, "delivery failed; will retry", "delivery_id", d.ID, "type", d.Type,
			"channel", d.Channel, "attempt", d.Attempts, "retry_at", next, "err", sendErr)
		return a.store.Retry(ctx, d.ID, errorText(sendErr), next, now)
	}
	if status == notifyapi.StatusFailed {
		a.logger.WarnContext(ctx, "delivery failed", "delivery_id", d.ID, "type", d.Type, "channel", d.Channel,
			"attempts", d.Attempts, "err", sendErr)
	}
	d.Status = status
	ev, err := delivered(d, d.UserID, now)
	if err != nil {
		return err
	}
	finished := false
	err = a.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if finished, err = a.store.Finish(ctx, d.ID, status, reason, now); err != nil || !finished {
			return err
		}
		return bus.AddToOutbox(ctx, a.store.DB(), ev)
	})
	if err != nil {
		return err
	}
	if finished {
		a.sent.WithLabelValues(d.Channel, status).Inc()
		if a.notify != nil {
			a.notify()
		}
	}
	return nil
}

// backoff is the delay after the n-th failed attempt: RetryBase doubled
// each time, at most RetryMax.
func (a *App) backoff(n int) time.Duration {
	d := a.cfg.RetryBase
	for i := 1; i < n && d < a.cfg.RetryMax; i++ {
		d *= 2
	}
	return min(d, a.cfg.RetryMax)
}

// errorText is an error as the delivery log keeps it: one line, bounded.
func errorText(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "")
	}
	return s
}
