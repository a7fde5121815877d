package password

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Length limits in characters (SP 800-63B: at least 8, allow at least 64).
const (
	MinLength = 8
	MaxLength = 256
)

// common.txt holds every password of eight characters or more among the
// 30,000 most common ones of zxcvbn's frequency list (Dropbox, MIT
// licence; derived from Mark Burnett's 10 million leaked passwords), in
// order of frequency: 11,611 entries, lowercase. Shorter ones fail the
// length rule anyway.
//
//go:embed common.txt
var commonText string

var common = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 12000)
	sc := bufio.NewScanner(strings.NewReader(commonText))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			set[w] = struct{}{}
		}
	}
	return set
})

// IsCommon reports whether password is on the list of common passwords
// (compared case-insensitively).
func IsCommon(password string) bool {
	_, ok := common()[strings.ToLower(password)]
	return ok
}

// CommonCount is how many passwords the list holds.
func CommonCount() int { return len(common()) }

// Check applies the rules for choosing a password for the account with
// email: MinLength to MaxLength characters, not a common password, not
// the email address or its local part. There are no composition rules.
// Problems are reported as a validation error on field.
func Check(field, password, email string) error {
	n := utf8.RuneCountInString(password)
	var fields apperr.Fields
	switch {
	case !utf8.ValidString(password):
		fields.Add(field, "invalid", "must be valid text")
	case n < MinLength:
		fields.Add(field, "too_short", "must be at least 8 characters")
	case n > MaxLength:
		fields.Add(field, "too_long", "must be at most 256 characters")
	case IsCommon(password):
		fields.Add(field, "too_common", "is one of the most common passwords; choose another")
	case email != "" && containsEmail(password, email):
		fields.Add(field, "contains_email", "must not be your email address")
	}
	return fields.Err()
}

func containsEmail(password, email string) bool {
	p := strings.ToLower(strings.TrimSpace(password))
	e := strings.ToLower(email)
	local, _, _ := strings.Cut(e, "@")
	return p == e || (utf8.RuneCountInString(local) >= MinLength && p == local)
}
