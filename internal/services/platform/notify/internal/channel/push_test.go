package channel_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func pushConfig() channel.PushConfig {
	return channel.PushConfig{Subject: "mailto:ops@sporthub.test", TTL: 2 * time.Hour, Timeout: 5 * time.Second,
		EndpointHosts: []string{"127.0.0.1"}, MaxSubscriptions: 5}
}

func TestWebPush(t *testing.T) {
	svc := channeltest.NewPushService(t)
	keys, err := channel.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	svc.ExpectVAPIDKey(keys.Public)
	p := channel.NewPush(pushConfig(), keys)
	sub := svc.Subscribe()
	target := channel.PushTarget{Endpoint: sub.Endpoint, P256dh: sub.P256dh, Auth: sub.Auth}
	payload, _ := json.Marshal(notifyapi.PushPayload{Title: "Новый подписчик", Body: "Анна подписалась на вас", Link: "https://app/p/1"})

	if err := p.Send(context.Background(), target, payload, true); err != nil {
		t.Fatalf("send: %v (refused: %v)", err, svc.Refused())
	}
	m, ok := svc.Next(5 * time.Second)
	if !ok {
		t.Fatalf("nothing arrived; refused: %v", svc.Refused())
	}
	var got notifyapi.PushPayload
	if err := json.Unmarshal(m.Payload, &got); err != nil {
		t.Fatalf("decrypted payload %q: %v", m.Payload, err)
	}
	if got.Title != "Новый подписчик" || got.Body != "Анна подписалась на вас" || got.Link != "https://app/p/1" {
		t.Fatalf("payload %+v", got)
	}
	if m.TTL != 7200 || m.Urgency != "high" || m.Subject != "mailto:ops@sporthub.test" {
		t.Fatalf("headers: ttl %d urgency %q sub %q", m.TTL, m.Urgency, m.Subject)
	}

	// Signed with another key: the push service refuses it.
	other, _ := channel.GenerateVAPIDKeys()
	err = channel.NewPush(pushConfig(), other).Send(context.Background(), target, payload, false)
	if err == nil || !channel.IsPermanent(err) || len(svc.Refused()) != 1 || !strings.Contains(svc.Refused()[0], "signed with key") {
		t.Fatalf("foreign key: %v, refused %v", err, svc.Refused())
	}

	// Keys that do not decrypt: the service cannot open it.
	wrong := svc.Subscribe()
	mixed := channel.PushTarget{Endpoint: sub.Endpoint, P256dh: wrong.P256dh, Auth: sub.Auth}
	if err := p.Send(context.Background(), mixed, payload, false); err == nil {
		t.Fatal("a message encrypted for another key was accepted")
	}

	for status, want := range map[int]string{http.StatusGone: "gone", http.StatusNotFound: "gone",
		http.StatusBadRequest: "permanent", http.StatusTooManyRequests: "retry", http.StatusBadGateway: "retry"} {
		s := svc.Subscribe()
		svc.Respond(s.Endpoint, status)
		err := p.Send(context.Background(), channel.PushTarget{Endpoint: s.Endpoint, P256dh: s.P256dh, Auth: s.Auth}, payload, false)
		got := "retry"
		switch {
		case errors.Is(err, channel.ErrGone) && channel.IsPermanent(err):
			got = "gone"
		case channel.IsPermanent(err):
			got = "permanent"
		case err == nil:
			got = "sent"
		}
		if got != want {
			t.Errorf("status %d: %s (%v), want %s", status, got, err, want)
		}
	}
}

func TestVAPIDKeys(t *testing.T) {
	k, err := channel.GenerateVAPIDKeys()
	if err != nil || k.Validate() != nil || len(k.Public) != 87 || len(k.Private) != 43 {
		t.Fatalf("generated %+v: %v", k, err)
	}
	other, _ := channel.GenerateVAPIDKeys()
	if (channel.VAPIDKeys{Public: other.Public, Private: k.Private}).Validate() == nil {
		t.Fatal("mismatched keys accepted")
	}
	if (channel.VAPIDKeys{Public: k.Public, Private: "short"}).Validate() == nil {
		t.Fatal("bad private key accepted")
	}
	cfg := pushConfig()
	cfg.VAPIDPublicKey = k.Public
	if cfg.Validate() == nil {
		t.Fatal("a public key without its private key was accepted")
	}
	cfg.VAPIDPrivateKey = k.Private
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}
