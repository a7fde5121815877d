package notifyapi

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"slices"
	"text/template"
)

// typeRe is "<service>.<name>", lowercase snake_case.
var typeRe = regexp.MustCompile(`^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$`)

// Languages every template should speak; rendering falls back to "en",
// then "ru", when the recipient's language is missing.
var Languages = []string{"ru", "en"}

// Validate reports what is wrong with a template: its type, category and
// channels, a title and a text body in some language, an email subject
// when it goes out by email, and every template source must parse. Owners
// call it in their tests; notify refuses to start with an invalid one.
func (t Template) Validate() error {
	var errs []error
	if !typeRe.MatchString(t.Type) {
		errs = append(errs, fmt.Errorf("type %q: want <service>.<name>, lowercase snake_case", t.Type))
	}
	if !slices.Contains(AllCategories, t.Category) {
		errs = append(errs, fmt.Errorf("category %q: want one of %v", t.Category, AllCategories))
	}
	if len(t.DefaultChannels) == 0 {
		errs = append(errs, errors.New("no default channels"))
	}
	for _, c := range t.DefaultChannels {
		if !slices.Contains(AllChannels, c) {
			errs = append(errs, fmt.Errorf("channel %q: want one of %v", c, AllChannels))
		}
	}
	if !hasLanguage(t.Title) || !hasLanguage(t.Text) {
		errs = append(errs, errors.New("title and text need at least one of ru, en"))
	}
	if slices.Contains(t.DefaultChannels, ChannelEmail) && !hasLanguage(t.Subject) {
		errs = append(errs, errors.New("an email channel needs a subject in ru or en"))
	}
	check := func(field, lang, src string, html bool) {
		var err error
		if html {
			_, err = htmltemplate.New(field).Parse(src)
		} else {
			_, err = template.New(field).Parse(src)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s[%s]: %w", field, lang, err))
		}
	}
	for field, m := range map[string]map[string]string{"title": t.Title, "subject": t.Subject, "text": t.Text} {
		for lang, src := range m {
			check(field, lang, src, false)
		}
	}
	for lang, src := range t.HTML {
		check("html", lang, src, true)
	}
	if t.Link != "" {
		check("link", "", t.Link, false)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("notification template %s: %w", t.Type, err)
	}
	return nil
}

func hasLanguage(m map[string]string) bool {
	for _, l := range Languages {
		if m[l] != "" {
			return true
		}
	}
	return false
}
