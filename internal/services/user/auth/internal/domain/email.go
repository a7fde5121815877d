package domain

import (
	"net/mail"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// MaxEmailLength is the longest address accepted (RFC 5321's path limit).
const MaxEmailLength = 254

// NormalizeEmail trims and lowercases an address and checks its form. The
// whole address is lowercased: mail systems treat local parts
// case-insensitively in practice, and two accounts must never differ only
// in case.
func NormalizeEmail(field, raw string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(raw))
	var f apperr.Fields
	switch {
	case e == "":
		f.Add(field, "required", "is required")
	case len(e) > MaxEmailLength:
		f.Add(field, "too_long", "must be at most 254 characters")
	default:
		a, err := mail.ParseAddress(e)
		_, domainPart, _ := strings.Cut(e, "@")
		if err != nil || a.Address != e || a.Name != "" || !strings.Contains(domainPart, ".") ||
			strings.ContainsAny(e, " \t\r\n<>") {
			f.Add(field, "invalid_email", "must be an email address like name@example.com")
		}
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	return e, nil
}

// Languages the service writes to users in.
var Languages = []string{"ru", "en"}

// DefaultLanguage is used when a registration names none.
const DefaultLanguage = "ru"
