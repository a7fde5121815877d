package access

import (
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Notifications are the templates of the notifications access asks notify
// to send; the composition root hands them to notify. They live here, not
// in accessapi, because notifyapi imports accessapi (for PermissionInfo)
// and accessapi must not import notifyapi back.
//
// Variables: .Data.roles (the user's roles, comma-separated) and
// .Data.reason (why staff acted), plus notify's .Name, .Time and .AppURL.
func Notifications() []notifyapi.Template {
	return []notifyapi.Template{
		{
			Type:            accessapi.NotifyRolesChanged,
			Category:        notifyapi.CategoryAccount,
			DefaultChannels: []string{notifyapi.ChannelEmail, notifyapi.ChannelInApp},
			Title:           map[string]string{"ru": "Ваши роли изменены", "en": "Your roles have changed"},
			Subject:         map[string]string{"ru": "SportHub: ваши роли изменены", "en": "SportHub: your roles have changed"},
			Text: map[string]string{
				"ru": "{{.Name}}, ваши роли в SportHub изменены ({{.Time}}).\n\n" +
					"Теперь у вас роли: {{.Data.roles}}.\nПричина: {{.Data.reason}}\n\n" +
					"Новые права действуют после следующего входа. Если вы не ожидали этого изменения, обратитесь в поддержку.",
				"en": "{{.Name}}, your roles in SportHub have changed ({{.Time}}).\n\n" +
					"Your roles are now: {{.Data.roles}}.\nReason: {{.Data.reason}}\n\n" +
					"The new rights apply from your next sign-in. If you did not expect this change, please contact support.",
			},
		},
		{
			Type:            accessapi.NotifyUserBlocked,
			Category:        notifyapi.CategorySecurity,
			DefaultChannels: []string{notifyapi.ChannelEmail},
			Critical:        true,
			Title:           map[string]string{"ru": "Учётная запись заблокирована", "en": "Account blocked"},
			Subject:         map[string]string{"ru": "SportHub: ваша учётная запись заблокирована", "en": "SportHub: your account has been blocked"},
			Text: map[string]string{
				"ru": "{{.Name}}, ваша учётная запись SportHub заблокирована ({{.Time}}).\n\n" +
					"Причина: {{.Data.reason}}\n\n" +
					"Пока блокировка действует, войти в SportHub нельзя. Если вы считаете, что это ошибка, напишите в поддержку.",
				"en": "{{.Name}}, your SportHub account has been blocked ({{.Time}}).\n\n" +
					"Reason: {{.Data.reason}}\n\n" +
					"While the block lasts you cannot sign in to SportHub. If you believe this is a mistake, please contact support.",
			},
		},
		{
			Type:            accessapi.NotifyUserUnblocked,
			Category:        notifyapi.CategorySecurity,
			DefaultChannels: []string{notifyapi.ChannelEmail, notifyapi.ChannelInApp},
			Title:           map[string]string{"ru": "Учётная запись разблокирована", "en": "Account unblocked"},
			Subject:         map[string]string{"ru": "SportHub: ваша учётная запись разблокирована", "en": "SportHub: your account has been unblocked"},
			Text: map[string]string{
				"ru": "{{.Name}}, блокировка вашей учётной записи SportHub снята ({{.Time}}).\n\n" +
					"Комментарий: {{.Data.reason}}\n\nС возвращением! Войти можно здесь: {{.AppURL}}",
				"en": "{{.Name}}, the block on your SportHub account has been lifted ({{.Time}}).\n\n" +
					"Note: {{.Data.reason}}\n\nWelcome back! Sign in here: {{.AppURL}}",
			},
		},
	}
}
