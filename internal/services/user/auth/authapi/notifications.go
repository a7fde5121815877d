package authapi

import "github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"

// Notification types the auth service sends. Every one is a security or
// account notice, so all are critical: preferences and quiet hours do not
// hold them back.
const (
	NotifyVerifyEmail      = "auth.verify_email"       // data: link
	NotifyAccountExists    = "auth.account_exists"     // data: link (sign-in page), reset_link
	NotifyPasswordReset    = "auth.password_reset"     // data: link
	NotifyPasswordChanged  = "auth.password_changed"   // data: none
	NotifyNewLogin         = "auth.new_login"          // data: device, ip
	NotifyAccountLocked    = "auth.account_locked"     // data: link (unlock), minutes
	NotifyTwoFactorChanged = "auth.two_factor_changed" // data: enabled ("true" or "false")
)

var emailOnly = []string{notifyapi.ChannelEmail}

// Notifications returns the templates of the auth service's notification
// types, in Russian and English. Links that act on the account (verify,
// reset, unlock) go by email only: they are secrets and must not sit in an
// inbox or on a lock screen.
func Notifications() []notifyapi.Template {
	return []notifyapi.Template{
		{
			Type: NotifyVerifyEmail, Category: notifyapi.CategoryAccount, DefaultChannels: emailOnly, Critical: true,
			Title:   map[string]string{"ru": "Подтверждение адреса почты", "en": "Confirm your email address"},
			Subject: map[string]string{"ru": "Подтвердите адрес почты в SportHub", "en": "Confirm your SportHub email address"},
			Text: map[string]string{
				"ru": "Здравствуйте!\n\nЧтобы завершить регистрацию в SportHub, подтвердите адрес почты по ссылке:\n{{.Data.link}}\n\nСсылка действует 24 часа. Если вы не регистрировались в SportHub, просто проигнорируйте это письмо: без подтверждения аккаунт не заработает.",
				"en": "Hello,\n\nTo finish signing up for SportHub, confirm your email address with this link:\n{{.Data.link}}\n\nThe link works for 24 hours. If you did not sign up for SportHub, ignore this email: the account stays inactive until the address is confirmed.",
			},
		},
		{
			Type: NotifyAccountExists, Category: notifyapi.CategorySecurity, DefaultChannels: emailOnly, Critical: true,
			Title:   map[string]string{"ru": "Попытка регистрации на ваш адрес", "en": "Someone tried to sign up with your address"},
			Subject: map[string]string{"ru": "У вас уже есть аккаунт SportHub", "en": "You already have a SportHub account"},
			Text: map[string]string{
				"ru": "Здравствуйте, {{.Name}}!\n\nКто-то ({{.Time}}) попытался зарегистрироваться в SportHub с вашим адресом почты, но аккаунт с этим адресом уже есть.\n\nЕсли это были вы, просто войдите: {{.Data.link}}\nЗабыли пароль? Задайте новый: {{.Data.reset_link}}\n\nЕсли это были не вы, ничего делать не нужно: ваш аккаунт не изменился.",
				"en": "Hello {{.Name}},\n\nSomeone ({{.Time}}) tried to sign up for SportHub with your email address, but an account with this address already exists.\n\nIf it was you, just sign in: {{.Data.link}}\nForgot your password? Set a new one: {{.Data.reset_link}}\n\nIf it was not you, there is nothing to do: your account has not changed.",
			},
		},
		{
			Type: NotifyPasswordReset, Category: notifyapi.CategorySecurity, DefaultChannels: emailOnly, Critical: true,
			Title:   map[string]string{"ru": "Восстановление пароля", "en": "Password reset"},
			Subject: map[string]string{"ru": "Сброс пароля SportHub", "en": "Reset your SportHub password"},
			Text: map[string]string{
				"ru": "Здравствуйте, {{.Name}}!\n\nМы получили запрос на сброс пароля вашего аккаунта SportHub. Задать новый пароль можно по ссылке:\n{{.Data.link}}\n\nСсылка действует 1 час и срабатывает один раз. После смены пароля все ваши сеансы будут завершены.\n\nЕсли вы не запрашивали сброс, проигнорируйте это письмо: пароль останется прежним.",
				"en": "Hello {{.Name}},\n\nWe received a request to reset the password of your SportHub account. Set a new password with this link:\n{{.Data.link}}\n\nThe link works once, for 1 hour. Once the password is changed, all your sessions are signed out.\n\nIf you did not ask for a reset, ignore this email: your password stays the same.",
			},
		},
		{
			Type: NotifyPasswordChanged, Category: notifyapi.CategorySecurity, Critical: true,
			DefaultChannels: []string{notifyapi.ChannelEmail, notifyapi.ChannelInApp},
			Title:           map[string]string{"ru": "Пароль изменён", "en": "Password changed"},
			Subject:         map[string]string{"ru": "Пароль SportHub изменён", "en": "Your SportHub password was changed"},
			Text: map[string]string{
				"ru": "Здравствуйте, {{.Name}}!\n\nПароль вашего аккаунта SportHub изменён ({{.Time}}). Другие сеансы завершены.\n\nЕсли это сделали не вы, сразу восстановите доступ через «Забыли пароль?» на странице входа: {{.AppURL}}/forgot-password",
				"en": "Hello {{.Name}},\n\nThe password of your SportHub account was changed ({{.Time}}). Your other sessions were signed out.\n\nIf this was not you, recover your account at once with \"Forgot password?\" on the sign-in page: {{.AppURL}}/forgot-password",
			},
		},
		{
			Type: NotifyNewLogin, Category: notifyapi.CategorySecurity, Critical: true,
			DefaultChannels: []string{notifyapi.ChannelEmail, notifyapi.ChannelPush, notifyapi.ChannelInApp},
			Title:           map[string]string{"ru": "Вход с нового устройства", "en": "New sign-in"},
			Subject:         map[string]string{"ru": "Новый вход в SportHub", "en": "New sign-in to SportHub"},
			Text: map[string]string{
				"ru": "В ваш аккаунт SportHub выполнен вход с нового устройства.\n\nУстройство: {{.Data.device}}\nIP-адрес: {{.Data.ip}}\nВремя: {{.Time}}\n\nЕсли это были вы, ничего делать не нужно. Если нет, смените пароль и завершите чужой сеанс в настройках безопасности.",
				"en": "Your SportHub account was signed in to from a new device.\n\nDevice: {{.Data.device}}\nIP address: {{.Data.ip}}\nTime: {{.Time}}\n\nIf this was you, there is nothing to do. If not, change your password and end the unknown session in your security settings.",
			},
		},
		{
			Type: NotifyAccountLocked, Category: notifyapi.CategorySecurity, DefaultChannels: emailOnly, Critical: true,
			Title:   map[string]string{"ru": "Вход временно заблокирован", "en": "Sign-in temporarily locked"},
			Subject: map[string]string{"ru": "Вход в SportHub временно заблокирован", "en": "Sign-in to your SportHub account is locked"},
			Text: map[string]string{
				"ru": "Здравствуйте, {{.Name}}!\n\nИз-за множества неудачных попыток входа мы заблокировали вход в ваш аккаунт SportHub на {{.Data.minutes}} мин. Это защищает аккаунт от подбора пароля.\n\nЕсли это были вы, снимите блокировку сразу по ссылке:\n{{.Data.link}}\n\nЕсли это были не вы, ваш пароль, возможно, пытаются подобрать: выберите длинный уникальный пароль и включите двухфакторную аутентификацию.",
				"en": "Hello {{.Name}},\n\nAfter many failed sign-in attempts we locked sign-in to your SportHub account for {{.Data.minutes}} minutes. This protects the account from password guessing.\n\nIf it was you, lift the lock at once with this link:\n{{.Data.link}}\n\nIf it was not you, someone may be trying to guess your password: choose a long, unique password and turn on two-factor authentication.",
			},
		},
		{
			Type: NotifyTwoFactorChanged, Category: notifyapi.CategorySecurity, Critical: true,
			DefaultChannels: []string{notifyapi.ChannelEmail, notifyapi.ChannelInApp},
			Title:           map[string]string{"ru": "Изменена двухфакторная аутентификация", "en": "Two-factor authentication changed"},
			Subject: map[string]string{
				"ru": `{{if eq .Data.enabled "true"}}Двухфакторная аутентификация SportHub включена{{else}}Двухфакторная аутентификация SportHub выключена{{end}}`,
				"en": `{{if eq .Data.enabled "true"}}Two-factor authentication is on for SportHub{{else}}Two-factor authentication is off for SportHub{{end}}`,
			},
			Text: map[string]string{
				"ru": "Здравствуйте, {{.Name}}!\n\n{{if eq .Data.enabled \"true\"}}Для вашего аккаунта SportHub включена двухфакторная аутентификация ({{.Time}}). Теперь при входе понадобится код из приложения-аутентификатора. Храните коды восстановления в надёжном месте.{{else}}Для вашего аккаунта SportHub выключена двухфакторная аутентификация ({{.Time}}). Теперь для входа достаточно пароля.{{end}}\n\nЕсли это сделали не вы, смените пароль и проверьте активные сеансы в настройках безопасности.",
				"en": "Hello {{.Name}},\n\n{{if eq .Data.enabled \"true\"}}Two-factor authentication was turned on for your SportHub account ({{.Time}}). Signing in now needs a code from your authenticator app. Keep your recovery codes somewhere safe.{{else}}Two-factor authentication was turned off for your SportHub account ({{.Time}}). Signing in now needs only your password.{{end}}\n\nIf this was not you, change your password and check your active sessions in the security settings.",
			},
		},
	}
}
