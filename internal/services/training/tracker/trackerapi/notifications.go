package trackerapi

import "github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"

// Notification types the tracker asks notify to send, both to an athlete's
// safety contacts.
const (
	NotifyStopped = "tracker.stopped"
	NotifySOS     = "tracker.sos"
)

// Data keys of the safety notifications: the athlete's display name, how
// long they have not moved (minutes, stopped only), and the path of a
// share link of the live session (/live/<token>) that lets the contact
// see where the athlete is.
const (
	DataName    = "name"
	DataMinutes = "minutes"
	DataLink    = "link"
)

// Notifications returns the templates of the tracker's notification types;
// the composition root hands them to notify. Both are safety notices: SOS
// is critical (it ignores preferences and quiet hours and goes out on
// every channel); a stop alert goes out at once too, quiet hours included.
func Notifications() []notifyapi.Template {
	return []notifyapi.Template{
		{
			Type: NotifyStopped, Category: notifyapi.CategoryTraining, Critical: true,
			DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelPush, notifyapi.ChannelEmail},
			Title:           map[string]string{"ru": "Спортсмен остановился", "en": "An athlete has stopped"},
			Subject: map[string]string{
				"ru": "{{.Data.name}} не двигается уже {{.Data.minutes}} мин",
				"en": "{{.Data.name}} has not moved for {{.Data.minutes}} min",
			},
			Text: map[string]string{
				"ru": "{{.Data.name}} указал(а) вас контактом безопасности. Во время тренировки {{.Data.name}} не двигается уже {{.Data.minutes}} мин ({{.Time}}). Возможно, это просто остановка, но лучше проверить. Где сейчас спортсмен: {{.AppURL}}{{.Data.link}}",
				"en": "{{.Data.name}} chose you as a safety contact. During a workout, {{.Data.name}} has not moved for {{.Data.minutes}} min ({{.Time}}). It may be just a break, but it is worth checking. See where they are: {{.AppURL}}{{.Data.link}}",
			},
			Link: "{{.Data.link}}",
		},
		{
			Type: NotifySOS, Category: notifyapi.CategoryTraining, Critical: true,
			DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelPush, notifyapi.ChannelEmail, notifyapi.ChannelSMS},
			Title:           map[string]string{"ru": "SOS: нужна помощь", "en": "SOS: help needed"},
			Subject: map[string]string{
				"ru": "SOS от {{.Data.name}}",
				"en": "SOS from {{.Data.name}}",
			},
			Text: map[string]string{
				"ru": "{{.Data.name}} нажал(а) SOS во время тренировки ({{.Time}}) и указал(а) вас контактом безопасности. Свяжитесь со спортсменом или вызовите помощь. Где сейчас спортсмен: {{.AppURL}}{{.Data.link}}",
				"en": "{{.Data.name}} pressed SOS during a workout ({{.Time}}) and chose you as a safety contact. Get in touch or call for help. See where they are: {{.AppURL}}{{.Data.link}}",
			},
			Link: "{{.Data.link}}",
		},
	}
}
