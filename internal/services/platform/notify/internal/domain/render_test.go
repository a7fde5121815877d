package domain_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

var follower = notifyapi.Template{
	Type: "profiles.new_follower", Category: notifyapi.CategorySocial,
	DefaultChannels: []string{notifyapi.ChannelInApp, notifyapi.ChannelEmail},
	Title:           map[string]string{"ru": "Новый подписчик", "en": "New follower"},
	Subject:         map[string]string{"ru": "{{.Data.who}} подписался на вас", "en": "{{.Data.who}} follows you"},
	Text: map[string]string{
		"ru": "{{.Name}}, на вас подписался {{.Data.who}} ({{.Time}}). {{.AppURL}}/p/{{.Data.id}}",
		"en": "{{.Name}}, {{.Data.who}} now follows you ({{.Time}}). {{.AppURL}}/p/{{.Data.id}}",
	},
	HTML: map[string]string{"en": `<p>{{.Data.who}} follows you: <a href="{{.AppURL}}/p/{{.Data.id}}">profile</a></p>`},
	Link: "/p/{{.Data.id}}",
}

func catalog(t *testing.T, ts ...notifyapi.Template) *domain.Catalog {
	t.Helper()
	c, err := domain.NewCatalog(ts, "https://app.example.com/")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRender(t *testing.T) {
	c := catalog(t, follower)
	msk, _ := time.LoadLocation("Europe/Moscow")
	now := time.Date(2026, 3, 2, 11, 5, 0, 0, time.UTC)
	data := map[string]string{"who": `Ann <script>`, "id": "42"}

	ru, err := c.Render(follower.Type, "ru", "Борис", data, now, msk)
	if err != nil {
		t.Fatal(err)
	}
	if ru.Lang != "ru" || ru.Title != "Новый подписчик" || ru.Subject != "Ann <script> подписался на вас" ||
		ru.Text != "Борис, на вас подписался Ann <script> (2 марта 2026, 14:05 (Europe/Moscow)). https://app.example.com/p/42" ||
		ru.Link != "/p/42" {
		t.Fatalf("ru: %+v", ru)
	}
	// Russian has no HTML template: it is derived from the text, escaped,
	// with the link clickable.
	if !strings.Contains(ru.HTML, "Ann &lt;script&gt;") || strings.Contains(ru.HTML, "<script>") ||
		!strings.Contains(ru.HTML, `<a href="https://app.example.com/p/42">https://app.example.com/p/42</a>`) {
		t.Fatalf("derived html: %s", ru.HTML)
	}
	if h := domain.TextToHTML("t", "go https://x.test/a?b=1&c=<2> now\nnext"); !strings.Contains(h,
		`go <a href="https://x.test/a?b=1&amp;c=">https://x.test/a?b=1&amp;c=</a>&lt;2&gt; now<br>`) {
		t.Fatalf("links and escaping: %s", h)
	}

	en, err := c.Render(follower.Type, "en", "Bob", data, now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if en.Text != "Bob, Ann <script> now follows you (March 2, 2026, 11:05 AM (UTC)). https://app.example.com/p/42" {
		t.Fatalf("en text: %q", en.Text)
	}
	if en.HTML != `<p>Ann &lt;script&gt; follows you: <a href="https://app.example.com/p/42">profile</a></p>` {
		t.Fatalf("en html: %s", en.HTML)
	}

	// A language without a template falls back to English.
	de, err := c.Render(follower.Type, "de", "", data, now, time.UTC)
	if err != nil || de.Lang != "en" || de.Title != "New follower" {
		t.Fatalf("fallback: %+v %v", de, err)
	}
	// A template with Russian only falls back to Russian.
	ruOnly := follower
	ruOnly.Type = "profiles.ru_only"
	ruOnly.Title, ruOnly.Subject, ruOnly.Text, ruOnly.HTML = map[string]string{"ru": "Т"}, map[string]string{"ru": "С"}, map[string]string{"ru": "Текст"}, nil
	r, err := catalog(t, ruOnly).Render(ruOnly.Type, "en", "", nil, now, time.UTC)
	if err != nil || r.Lang != "ru" || r.Text != "Текст" {
		t.Fatalf("ru fallback: %+v %v", r, err)
	}
	// Missing data renders empty, not "<no value>".
	r, err = c.Render(follower.Type, "en", "", nil, now, time.UTC)
	if err != nil || strings.Contains(r.Text, "no value") || r.Link != "/p/" {
		t.Fatalf("missing data: %+v %v", r, err)
	}
	if _, err := c.Render("nope.nope", "en", "", nil, now, time.UTC); err == nil {
		t.Fatal("rendered an unknown type")
	}
}

func TestCatalogRefusesBadTemplates(t *testing.T) {
	dup := []notifyapi.Template{follower, follower}
	if _, err := domain.NewCatalog(dup, "http://x"); err == nil {
		t.Fatal("a type registered twice was accepted")
	}
	bad := follower
	bad.Text = map[string]string{"en": "{{.Data.who"}
	if _, err := domain.NewCatalog([]notifyapi.Template{bad}, "http://x"); err == nil || !strings.Contains(err.Error(), "text[en]") {
		t.Fatalf("unparsable template: %v", err)
	}
	noSubject := follower
	noSubject.Subject = nil
	if err := noSubject.Validate(); err == nil {
		t.Fatal("an email template without a subject was accepted")
	}
	for _, mod := range []func(*notifyapi.Template){
		func(t *notifyapi.Template) { t.Type = "NoDot" },
		func(t *notifyapi.Template) { t.Category = "misc" },
		func(t *notifyapi.Template) { t.DefaultChannels = []string{"pigeon"} },
		func(t *notifyapi.Template) { t.DefaultChannels = nil },
		func(t *notifyapi.Template) { t.Title = map[string]string{"de": "x"} },
	} {
		tpl := follower
		mod(&tpl)
		if tpl.Validate() == nil {
			t.Errorf("accepted %+v", tpl)
		}
	}
	c := catalog(t, follower)
	if got := c.All(); len(got) != 1 || got[0].Type != follower.Type || c.AppURL() != "https://app.example.com" {
		t.Fatalf("catalog: %+v %s", got, c.AppURL())
	}
}
