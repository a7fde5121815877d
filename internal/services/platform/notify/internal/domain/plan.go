package domain

import (
	"net/mail"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Reasons a channel is skipped; the delivery log shows them as the error.
const (
	ReasonDisabled       = "disabled_by_user"
	ReasonNoAddress      = "no_email_address"
	ReasonUnverified     = "email_not_verified"
	ReasonInvalidAddress = "invalid_email_address"
	ReasonNoPhone        = "no_phone"
	ReasonNoSubscription = "no_push_subscription"
	ReasonNotConfigured  = "channel_not_configured"
	ReasonAccountDeleted = "account_deleted"
)

// ChannelPlan is the decision for one channel of a notification.
type ChannelPlan struct {
	Channel   string
	Status    string // pending or skipped
	Reason    string // why skipped
	Address   string // email address or phone number
	NotBefore time.Time
	// Deferred is set when quiet hours moved NotBefore.
	Deferred bool
}

// PlanInput is everything the channel decision depends on.
type PlanInput struct {
	Template      notifyapi.Template
	Request       Request
	Contact       *Contact // nil when notify knows nothing of the user
	Subscriptions int      // the user's push subscriptions
	SMSConfigured bool     // an SMS gateway is configured
	Now           time.Time
}

// Critical reports whether the request ignores preferences and quiet hours.
func (in PlanInput) Critical() bool { return in.Request.Critical || in.Template.Critical }

// Plan decides the channels of a notification: the template's defaults,
// changed by the user's per-type overrides (unless critical); email needs
// an address (a verified one unless the request names it or is critical),
// SMS a phone and a gateway, push a subscription. During the user's quiet
// hours push and SMS wait until they end; email and in-app never wait,
// and critical requests never wait.
func Plan(in PlanInput) []ChannelPlan {
	critical := in.Critical()
	enabled := map[string]bool{}
	for _, c := range in.Template.DefaultChannels {
		enabled[c] = true
	}
	candidates := slices.Clone(in.Template.DefaultChannels)
	if !critical && in.Contact != nil {
		for c, on := range in.Contact.Overrides[in.Template.Type] {
			if !slices.Contains(notifyapi.AllChannels, c) {
				continue
			}
			if !slices.Contains(candidates, c) {
				if !on {
					continue // disabling a channel the type does not use: nothing to record
				}
				candidates = append(candidates, c)
			}
			enabled[c] = on
		}
	}
	var quietUntil time.Time
	quiet := false
	if !critical && in.Contact != nil {
		quietUntil, quiet = in.Contact.QuietHours.Until(in.Now, in.Contact.Location())
	}
	var out []ChannelPlan
	for _, c := range notifyapi.AllChannels {
		if !slices.Contains(candidates, c) {
			continue
		}
		p := ChannelPlan{Channel: c, Status: notifyapi.StatusPending, NotBefore: in.Now}
		switch {
		case !enabled[c]:
			p.Status, p.Reason = notifyapi.StatusSkipped, ReasonDisabled
		case c == notifyapi.ChannelEmail:
			p.Address, p.Reason = emailAddress(in, critical)
		case c == notifyapi.ChannelSMS:
			switch {
			case !in.SMSConfigured:
				p.Reason = ReasonNotConfigured
			case in.Contact == nil || in.Contact.Phone == "":
				p.Reason = ReasonNoPhone
			default:
				p.Address = in.Contact.Phone
			}
		case c == notifyapi.ChannelPush:
			if in.Subscriptions == 0 {
				p.Reason = ReasonNoSubscription
			}
		}
		if p.Reason != "" {
			p.Status = notifyapi.StatusSkipped
		}
		if p.Status == notifyapi.StatusPending && quiet && (c == notifyapi.ChannelPush || c == notifyapi.ChannelSMS) {
			p.NotBefore, p.Deferred = quietUntil, true
		}
		out = append(out, p)
	}
	return out
}

// emailAddress picks the address of the email channel, or why there is none.
func emailAddress(in PlanInput, critical bool) (addr, reason string) {
	if in.Request.Email != "" {
		if !ValidEmail(in.Request.Email) {
			return "", ReasonInvalidAddress
		}
		return in.Request.Email, ""
	}
	if in.Contact == nil || in.Contact.Email == "" {
		return "", ReasonNoAddress
	}
	if !in.Contact.EmailVerified && !critical {
		return "", ReasonUnverified
	}
	return in.Contact.Email, ""
}

// ValidEmail reports whether s is a bare address ("a@b.c", no display
// name), short enough for SMTP.
func ValidEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}
