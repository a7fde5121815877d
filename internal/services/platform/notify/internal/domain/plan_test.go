package domain_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

var social = notifyapi.Template{Type: "profiles.new_follower", Category: notifyapi.CategorySocial,
	DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelPush, notifyapi.ChannelEmail},
	Title:           map[string]string{"en": "New follower"}, Subject: map[string]string{"en": "s"}, Text: map[string]string{"en": "t"}}

// summary writes plans as "channel:status[:reason][@HH:MM]" joined by spaces.
func summary(ps []domain.ChannelPlan, now time.Time) string {
	var parts []string
	for _, p := range ps {
		s := p.Channel + ":" + p.Status
		if p.Reason != "" {
			s += ":" + p.Reason
		}
		if !p.NotBefore.Equal(now) {
			s += "@" + p.NotBefore.UTC().Format("15:04")
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestPlan(t *testing.T) {
	// 23:30 in Moscow (UTC+3) is 20:30 UTC; quiet hours 22:00-07:00 end at 04:00 UTC.
	now := time.Date(2026, 3, 2, 20, 30, 0, 0, time.UTC)
	verified := func(mod func(c *domain.Contact)) *domain.Contact {
		c := &domain.Contact{UserID: "u1", Email: "a@example.com", EmailVerified: true, TimeZone: "Europe/Moscow", Phone: "+79990000000"}
		if mod != nil {
			mod(c)
		}
		return c
	}
	quiet := func(c *domain.Contact) { c.QuietHours = domain.QuietHours{Enabled: true, Start: "22:00", End: "07:00"} }
	cases := []struct {
		name    string
		tpl     notifyapi.Template
		req     domain.Request
		contact *domain.Contact
		subs    int
		sms     bool
		want    string
	}{
		{name: "defaults", tpl: social, contact: verified(nil), subs: 1,
			want: "in_app:pending push:pending email:pending"},
		{name: "no push subscription", tpl: social, contact: verified(nil),
			want: "in_app:pending push:skipped:no_push_subscription email:pending"},
		{name: "user disables email, enables sms", tpl: social, subs: 1, sms: true, contact: verified(func(c *domain.Contact) {
			c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"email": false, "sms": true}, "other.type": {"push": false}}
		}), want: "in_app:pending push:pending email:skipped:disabled_by_user sms:pending"},
		{name: "sms enabled without a gateway", tpl: social, subs: 1, contact: verified(func(c *domain.Contact) {
			c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"sms": true}}
		}), want: "in_app:pending push:pending email:pending sms:skipped:channel_not_configured"},
		{name: "sms enabled without a phone", tpl: social, subs: 1, sms: true, contact: verified(func(c *domain.Contact) {
			c.Phone = ""
			c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"sms": true}}
		}), want: "in_app:pending push:pending email:pending sms:skipped:no_phone"},
		{name: "disabling an unused channel records nothing", tpl: social, subs: 1, contact: verified(func(c *domain.Contact) {
			c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"sms": false}}
		}), want: "in_app:pending push:pending email:pending"},
		{name: "unverified email", tpl: social, subs: 1, contact: verified(func(c *domain.Contact) { c.EmailVerified = false }),
			want: "in_app:pending push:pending email:skipped:email_not_verified"},
		{name: "quiet hours defer push and sms only", tpl: social, subs: 1, sms: true, contact: verified(func(c *domain.Contact) {
			quiet(c)
			c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"sms": true}}
		}), want: "in_app:pending push:pending@04:00 email:pending sms:pending@04:00"},
		{name: "critical ignores preferences and quiet hours", tpl: social, req: domain.Request{Critical: true}, subs: 1,
			contact: verified(func(c *domain.Contact) {
				quiet(c)
				c.EmailVerified = false
				c.Overrides = map[string]map[string]bool{"profiles.new_follower": {"email": false, "push": false, "in_app": false}}
			}), want: "in_app:pending push:pending email:pending"},
		{name: "unknown recipient with an address", tpl: social, req: domain.Request{Email: "new@example.com"},
			want: "in_app:pending push:skipped:no_push_subscription email:pending"},
		{name: "unknown recipient", tpl: social, want: "in_app:pending push:skipped:no_push_subscription email:skipped:no_email_address"},
		{name: "bad address in the request", tpl: social, req: domain.Request{Email: "Bob <bob@example.com>"}, contact: verified(nil),
			subs: 1, want: "in_app:pending push:pending email:skipped:invalid_email_address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Type = tc.tpl.Type
			ps := domain.Plan(domain.PlanInput{Template: tc.tpl, Request: tc.req, Contact: tc.contact,
				Subscriptions: tc.subs, SMSConfigured: tc.sms, Now: now})
			if got := summary(ps, now); got != tc.want {
				t.Fatalf("plan\n got %s\nwant %s", got, tc.want)
			}
			for _, p := range ps {
				if p.Channel == notifyapi.ChannelEmail && p.Status == notifyapi.StatusPending && p.Address == "" {
					t.Fatalf("email without an address: %+v", p)
				}
			}
		})
	}
}

func TestPlanAddresses(t *testing.T) {
	now := time.Now()
	c := &domain.Contact{Email: "own@example.com", EmailVerified: true, Phone: "+15550001111",
		Overrides: map[string]map[string]bool{social.Type: {"sms": true}}}
	ps := domain.Plan(domain.PlanInput{Template: social, Request: domain.Request{Type: social.Type, Email: "other@example.com"},
		Contact: c, SMSConfigured: true, Now: now})
	got := map[string]string{}
	for _, p := range ps {
		got[p.Channel] = p.Address
	}
	if got["email"] != "other@example.com" || got["sms"] != "+15550001111" {
		t.Fatalf("addresses %v: the request's email wins, sms goes to the phone", got)
	}
}

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"a@example.com": true, "a.b+c@sub.example.org": true, "": false, "no-at": false,
		"Bob <bob@example.com>": false, "a@b@c": false, strings.Repeat("a", 250) + "@b.co": false,
		fmt.Sprintf("x@%s.com", strings.Repeat("d", 60)): true,
	} {
		if got := domain.ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}
