package domain

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Catalog holds the registered notification types with their compiled
// templates.
type Catalog struct {
	types  map[string]*compiled
	order  []string
	appURL string
}

type compiled struct {
	tpl                  notifyapi.Template
	title, subject, text map[string]*template.Template
	html                 map[string]*htmltemplate.Template
	link                 *template.Template
}

// NewCatalog validates and compiles templates; a type registered twice is
// an error. appURL is the web app's base URL (.AppURL in templates).
func NewCatalog(templates []notifyapi.Template, appURL string) (*Catalog, error) {
	c := &Catalog{types: map[string]*compiled{}, appURL: strings.TrimRight(appURL, "/")}
	for _, t := range templates {
		if err := t.Validate(); err != nil {
			return nil, err
		}
		if _, dup := c.types[t.Type]; dup {
			return nil, fmt.Errorf("notification type %s is registered twice", t.Type)
		}
		ct := &compiled{tpl: t, title: map[string]*template.Template{}, subject: map[string]*template.Template{},
			text: map[string]*template.Template{}, html: map[string]*htmltemplate.Template{}}
		for dst, src := range map[*map[string]*template.Template]map[string]string{&ct.title: t.Title, &ct.subject: t.Subject, &ct.text: t.Text} {
			for lang, s := range src {
				(*dst)[lang] = template.Must(template.New(t.Type).Option("missingkey=zero").Parse(s))
			}
		}
		for lang, s := range t.HTML {
			ct.html[lang] = htmltemplate.Must(htmltemplate.New(t.Type).Option("missingkey=zero").Parse(s))
		}
		if t.Link != "" {
			ct.link = template.Must(template.New(t.Type).Option("missingkey=zero").Parse(t.Link))
		}
		c.types[t.Type] = ct
		c.order = append(c.order, t.Type)
	}
	sort.Strings(c.order)
	return c, nil
}

// Get returns the template of a type.
func (c *Catalog) Get(typ string) (notifyapi.Template, bool) {
	ct, ok := c.types[typ]
	if !ok {
		return notifyapi.Template{}, false
	}
	return ct.tpl, true
}

// All returns every template, sorted by type.
func (c *Catalog) All() []notifyapi.Template {
	out := make([]notifyapi.Template, 0, len(c.order))
	for _, t := range c.order {
		out = append(out, c.types[t].tpl)
	}
	return out
}

// AppURL is the web app's base URL, without a trailing slash.
func (c *Catalog) AppURL() string { return c.appURL }

// Rendered is a notification's content in one language.
type Rendered struct {
	Lang    string
	Title   string
	Subject string
	Text    string
	HTML    string
	Link    string // path in the web app (or absolute URL), "" for none
}

// Vars are what templates see besides the request's data.
type Vars struct {
	Data   map[string]string
	Name   string
	Time   string
	AppURL string
}

// pickLang returns lang when m has it, else "en", else "ru", else any.
func pickLang[T any](m map[string]T, lang string) (string, bool) {
	for _, l := range []string{lang, "en", "ru"} {
		if _, ok := m[l]; ok {
			return l, true
		}
	}
	for l := range m {
		return l, true
	}
	return "", false
}

// Render renders a type for a recipient: lang picks the language (falling
// back to en, then ru), loc and now make .Time, name is .Name.
func (c *Catalog) Render(typ, lang, name string, data map[string]string, now time.Time, loc *time.Location) (Rendered, error) {
	ct, ok := c.types[typ]
	if !ok {
		return Rendered{}, ErrUnknownType
	}
	if data == nil {
		data = map[string]string{}
	}
	lang, _ = pickLang(ct.text, lang)
	vars := Vars{Data: data, Name: name, Time: FormatTime(now, loc, lang), AppURL: c.appURL}
	out := Rendered{Lang: lang}
	exec := func(m map[string]*template.Template, dst *string) error {
		l, ok := pickLang(m, lang)
		if !ok {
			return nil
		}
		var b bytes.Buffer
		if err := m[l].Execute(&b, vars); err != nil {
			return fmt.Errorf("render %s (%s): %w", typ, l, err)
		}
		*dst = strings.TrimSpace(b.String())
		return nil
	}
	for m, dst := range map[*map[string]*template.Template]*string{&ct.title: &out.Title, &ct.subject: &out.Subject, &ct.text: &out.Text} {
		if err := exec(*m, dst); err != nil {
			return Rendered{}, err
		}
	}
	// The HTML part must say what the text part says: without an HTML
	// template in the text's language it is made from the text.
	if h, ok := ct.html[lang]; ok {
		var b bytes.Buffer
		if err := h.Execute(&b, vars); err != nil {
			return Rendered{}, fmt.Errorf("render %s html (%s): %w", typ, lang, err)
		}
		out.HTML = b.String()
	} else {
		out.HTML = TextToHTML(out.Subject, out.Text)
	}
	if ct.link != nil {
		var b bytes.Buffer
		if err := ct.link.Execute(&b, vars); err != nil {
			return Rendered{}, fmt.Errorf("render %s link: %w", typ, err)
		}
		out.Link = strings.TrimSpace(b.String())
	}
	if out.Subject == "" {
		out.Subject = out.Title
	}
	return out, nil
}

// urlRe finds web links in plain text.
var urlRe = regexp.MustCompile(`https?://[^\s<>"']+`)

// TextToHTML makes a minimal HTML document of a plain-text body: escaped,
// links clickable, line breaks kept.
func TextToHTML(title, text string) string {
	esc := htmltemplate.HTMLEscapeString
	var b strings.Builder
	last := 0
	for _, m := range urlRe.FindAllStringIndex(text, -1) {
		u := esc(text[m[0]:m[1]])
		b.WriteString(esc(text[last:m[0]]) + `<a href="` + u + `">` + u + `</a>`)
		last = m[1]
	}
	b.WriteString(esc(text[last:]))
	body := strings.ReplaceAll(b.String(), "\n", "<br>\n")
	return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) +
		"</title></head>\n<body style=\"font-family:sans-serif\">\n<p>" + body + "</p>\n</body></html>\n"
}

var monthsRU = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
	"сентября", "октября", "ноября", "декабря"}

// FormatTime writes t in loc the way a reader of lang expects, naming the
// time zone: "2 марта 2026, 14:05 (Europe/Moscow)" or "March 2, 2026,
// 2:05 PM (Europe/Moscow)".
func FormatTime(t time.Time, loc *time.Location, lang string) string {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	zone := loc.String()
	if lang == "ru" {
		return fmt.Sprintf("%d %s %d, %s (%s)", l.Day(), monthsRU[l.Month()-1], l.Year(), l.Format("15:04"), zone)
	}
	return l.Format("January 2, 2006, 3:04 PM") + " (" + zone + ")"
}
