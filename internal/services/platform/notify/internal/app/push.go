package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// vapidKey names the generated VAPID key pair in the service keys.
const vapidKey = "vapid"

// VAPIDKeys returns the configured key pair when given, else the one kept
// in the database, generating and storing it on first start (processes
// starting together agree on the first one stored).
func (a *App) VAPIDKeys(ctx context.Context, configured channel.VAPIDKeys) (channel.VAPIDKeys, error) {
	if configured.Public != "" {
		return configured, configured.Validate()
	}
	fresh, err := channel.GenerateVAPIDKeys()
	if err != nil {
		return channel.VAPIDKeys{}, err
	}
	b, err := json.Marshal(fresh)
	if err != nil {
		return channel.VAPIDKeys{}, err
	}
	stored, err := a.store.KeyOrSet(ctx, vapidKey, string(b))
	if err != nil {
		return channel.VAPIDKeys{}, err
	}
	var keys channel.VAPIDKeys
	if err := json.Unmarshal([]byte(stored), &keys); err != nil {
		return keys, fmt.Errorf("decode stored vapid keys: %w", err)
	}
	return keys, keys.Validate()
}

// VAPIDPublicKey is the key browsers subscribe with.
func (a *App) VAPIDPublicKey() (string, error) {
	p := a.push.Load()
	if p == nil {
		return "", domain.ErrPushDisabled
	}
	return p.PublicKey(), nil
}

// Subscribe registers a browser for a user's push notifications.
func (a *App) Subscribe(ctx context.Context, userID string, in notifyapi.PushSubscription) error {
	if err := domain.ValidateSubscription(in.Endpoint, in.Keys.P256dh, in.Keys.Auth, a.cfg.PushHosts); err != nil {
		return err
	}
	sub := domain.PushSubscription{Endpoint: in.Endpoint, UserID: userID,
		P256dh: strings.TrimRight(in.Keys.P256dh, "="), Auth: strings.TrimRight(in.Keys.Auth, "="), CreatedAt: a.now()}
	return a.store.SaveSubscription(ctx, sub, a.cfg.MaxSubscriptions)
}

// Unsubscribe removes one of the user's browsers.
func (a *App) Unsubscribe(ctx context.Context, userID, endpoint string) error {
	return a.store.DeleteSubscription(ctx, userID, endpoint)
}

// maxPushBody bounds a push notification's body: an encrypted push message
// holds about 4 KB.
const maxPushBody = 1000

// sendPush sends a notification to every browser of the user. It is sent
// when one browser took it; subscriptions the push service says are gone
// are deleted; with no browser left the delivery is skipped.
func (a *App) sendPush(ctx context.Context, j domain.Job) error {
	p := a.push.Load()
	if p == nil {
		return errors.New("web push is not set up yet")
	}
	subs, err := a.store.Subscriptions(ctx, j.Delivery.UserID)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		return errSkip{domain.ReasonNoSubscription}
	}
	body := j.Content.Text
	if r := []rune(body); len(r) > maxPushBody {
		body = string(r[:maxPushBody-1]) + "…"
	}
	link := j.Content.Link
	if strings.HasPrefix(link, "/") {
		link = a.catalog.AppURL() + link
	}
	payload, err := json.Marshal(notifyapi.PushPayload{Title: j.Content.Title, Body: body, Link: link})
	if err != nil {
		return channel.Permanent(err)
	}
	var errs []error
	sent, gone := 0, 0
	for _, s := range subs {
		err := p.Send(ctx, channel.PushTarget{Endpoint: s.Endpoint, P256dh: s.P256dh, Auth: s.Auth}, payload, j.Critical)
		switch {
		case err == nil:
			sent++
		case errors.Is(err, channel.ErrGone):
			gone++
			if derr := a.store.DropEndpoint(ctx, s.Endpoint); derr != nil {
				return derr
			}
		default:
			errs = append(errs, err)
		}
	}
	switch {
	case sent > 0:
		return nil
	case len(errs) == 0 && gone > 0:
		return errSkip{domain.ReasonNoSubscription}
	}
	err = errors.Join(errs...)
	for _, e := range errs {
		if !channel.IsPermanent(e) {
			return err // some browser may take it on a retry
		}
	}
	return channel.Permanent(err)
}
