package notifyapi

// Channels a notification can go out on.
const (
	ChannelEmail = "email"
	ChannelPush  = "push"
	ChannelSMS   = "sms"
	ChannelInApp = "in_app"
)

// Categories group notification types in the settings page.
const (
	CategorySecurity  = "security"
	CategoryAccount   = "account"
	CategorySocial    = "social"
	CategoryTraining  = "training"
	CategoryMarketing = "marketing"
)

// Template describes one notification type and how to render it. The
// service that sends the type owns its template (<svc>api.Notifications)
// and the composition root hands every template to notify, so a new type
// needs no change to notify.
//
// Subject, Text and HTML are Go text/template (HTML: html/template)
// sources per language ("ru", "en"); they see the request's Data as .Data,
// plus .Name (the recipient's display name or email), .Time (now, in the
// recipient's time zone and language) and .AppURL.
type Template struct {
	Type            string
	Category        string
	DefaultChannels []string
	Critical        bool
	Title           map[string]string // short title per language (inbox, push, settings page)
	Subject         map[string]string // email subject
	Text            map[string]string // plain-text body: email text part, SMS, push and in-app body
	HTML            map[string]string // email HTML part; empty: derived from Text
	// Link, when set, is a template for the in-app item's and push
	// notification's target URL path (e.g. "/profile/{{.Data.follower_id}}").
	Link string
}

// AllChannels lists every channel, in the order settings pages show them.
var AllChannels = []string{ChannelInApp, ChannelPush, ChannelEmail, ChannelSMS}

// AllCategories lists every category.
var AllCategories = []string{CategorySecurity, CategoryAccount, CategorySocial, CategoryTraining, CategoryMarketing}
