package access_test

import (
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/sporthub/sporthub/internal/services/admin/access"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func TestNotificationTemplates(t *testing.T) {
	tpls := access.Notifications()
	var types []string
	for _, tpl := range tpls {
		types = append(types, tpl.Type)
		if err := tpl.Validate(); err != nil {
			t.Error(err)
		}
		data := map[string]any{"Name": "Анна", "Time": "1 марта 2026, 10:00", "AppURL": "https://sporthub.example",
			"Data": map[string]string{"roles": "athlete, coach", "reason": "по заявке"}}
		for _, field := range []map[string]string{tpl.Title, tpl.Subject, tpl.Text} {
			for _, lang := range []string{"ru", "en"} {
				src := field[lang]
				if src == "" {
					t.Errorf("%s: missing %s text", tpl.Type, lang)
					continue
				}
				var out strings.Builder
				if err := template.Must(template.New("").Option("missingkey=error").Parse(src)).Execute(&out, data); err != nil {
					t.Errorf("%s %s: %v", tpl.Type, lang, err)
				}
				if strings.Contains(out.String(), "<no value>") {
					t.Errorf("%s %s renders a missing value: %s", tpl.Type, lang, out.String())
				}
			}
		}
		if tpl.Type != accessapi.NotifyRolesChanged && !strings.Contains(tpl.Text["ru"], "{{.Data.reason}}") {
			t.Errorf("%s does not tell the user the reason", tpl.Type)
		}
	}
	want := []string{accessapi.NotifyRolesChanged, accessapi.NotifyUserBlocked, accessapi.NotifyUserUnblocked}
	if !slices.Equal(types, want) {
		t.Fatalf("types %v, want %v", types, want)
	}
	blocked := tpls[1]
	if !blocked.Critical || !slices.Equal(blocked.DefaultChannels, []string{notifyapi.ChannelEmail}) || blocked.Category != notifyapi.CategorySecurity {
		t.Fatalf("user_blocked must be a critical, email-only security notice: %+v", blocked)
	}
}
