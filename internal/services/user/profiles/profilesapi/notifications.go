package profilesapi

import "github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"

// Notification types the profiles service asks notify to send.
const (
	NotifyFollowRequested    = "profiles.follow_requested"
	NotifyNewFollower        = "profiles.new_follower"
	NotifyAchievementAwarded = "profiles.achievement_awarded"
)

// Data keys of the notification requests. Follow notifications carry the
// follower's id and display name; achievement notifications the code and its
// name in each language.
const (
	DataFollowerID   = "follower_id"
	DataFollowerName = "follower_name"
	DataCode         = "code"
	DataTitleRU      = "title_ru"
	DataTitleEN      = "title_en"
)

// Notifications returns the templates of the profiles service's
// notification types; the composition root hands them to notify.
func Notifications() []notifyapi.Template {
	social := []string{notifyapi.ChannelInApp, notifyapi.ChannelPush}
	return []notifyapi.Template{
		{
			Type: NotifyFollowRequested, Category: notifyapi.CategorySocial, DefaultChannels: social,
			Title: map[string]string{"ru": "Запрос на подписку", "en": "Follow request"},
			Subject: map[string]string{
				"ru": "{{.Data.follower_name}} хочет подписаться на вас",
				"en": "{{.Data.follower_name}} wants to follow you",
			},
			Text: map[string]string{
				"ru": "{{.Data.follower_name}} просит разрешения подписаться на ваш профиль. Примите или отклоните запрос: {{.AppURL}}/profiles/requests",
				"en": "{{.Data.follower_name}} asked to follow your profile. Accept or decline the request: {{.AppURL}}/profiles/requests",
			},
			Link: "/profiles/requests",
		},
		{
			Type: NotifyNewFollower, Category: notifyapi.CategorySocial, DefaultChannels: social,
			Title: map[string]string{"ru": "Новый подписчик", "en": "New follower"},
			Subject: map[string]string{
				"ru": "{{.Data.follower_name}} подписался на вас",
				"en": "{{.Data.follower_name}} started following you",
			},
			Text: map[string]string{
				"ru": "{{.Data.follower_name}} теперь следит за вашими тренировками. Профиль: {{.AppURL}}/profiles/{{.Data.follower_id}}",
				"en": "{{.Data.follower_name}} now follows your training. Profile: {{.AppURL}}/profiles/{{.Data.follower_id}}",
			},
			Link: "/profiles/{{.Data.follower_id}}",
		},
		{
			Type: NotifyAchievementAwarded, Category: notifyapi.CategoryAccount, DefaultChannels: social,
			Title: map[string]string{"ru": "Новое достижение", "en": "New achievement"},
			Subject: map[string]string{
				"ru": "Достижение получено: {{.Data.title_ru}}",
				"en": "Achievement unlocked: {{.Data.title_en}}",
			},
			Text: map[string]string{
				"ru": "Поздравляем! Вы получили достижение «{{.Data.title_ru}}». Все награды — в вашем профиле: {{.AppURL}}/profiles/me",
				"en": "Congratulations! You earned the “{{.Data.title_en}}” achievement. See all your awards in your profile: {{.AppURL}}/profiles/me",
			},
			Link: "/profiles/me",
		},
	}
}
