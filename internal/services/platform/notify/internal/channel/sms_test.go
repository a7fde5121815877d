package channel_test

import (
	"context"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
)

func TestSMSGateway(t *testing.T) {
	gw := channeltest.NewSMSGateway(t, "gw-token")
	s := channel.NewSMS(channel.SMSConfig{URL: gw.URL, Token: "gw-token", From: "SportHub", Timeout: 2 * time.Second})
	ctx := context.Background()
	if err := s.Send(ctx, "+79990001122", "Код: 1234"); err != nil {
		t.Fatal(err)
	}
	if got := gw.Accepted(); len(got) != 1 || got[0] != (channeltest.SMSMessage{From: "SportHub", To: "+79990001122", Text: "Код: 1234"}) {
		t.Fatalf("accepted %+v", got)
	}
	for status, permanent := range map[int]bool{400: true, 422: true, 429: false, 500: false, 503: false} {
		gw.Answer(status)
		err := s.Send(ctx, "+79990001122", "x")
		if err == nil || channel.IsPermanent(err) != permanent {
			t.Errorf("status %d: %v, permanent %v", status, err, channel.IsPermanent(err))
		}
	}
	bad := channel.NewSMS(channel.SMSConfig{URL: gw.URL, Token: "wrong", Timeout: 2 * time.Second})
	if err := bad.Send(ctx, "+7", "x"); !channel.IsPermanent(err) {
		t.Fatalf("a refused token is permanent: %v", err)
	}
	down := channel.NewSMS(channel.SMSConfig{URL: "http://127.0.0.1:1/send", Timeout: time.Second})
	if err := down.Send(ctx, "+7", "x"); err == nil || channel.IsPermanent(err) {
		t.Fatalf("gateway down is worth retrying: %v", err)
	}
	if (channel.SMSConfig{URL: "ftp://x", Timeout: time.Second}).Validate() == nil || (channel.SMSConfig{}).Validate() != nil {
		t.Fatal("sms config validation")
	}
}
