package bus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// domains are SportHub's domains; each has one stream capturing
// "<domain>.>" (see the blueprint's service table).
var domains = []string{
	"user", "social", "training", "equipment", "marketing",
	"integrations", "finance", "admin", "commerce", "platform",
}

// dlqToken is the first subject token of dead-lettered messages.
const dlqToken = "dlq"

// Domains returns the domains that have a stream, in a fixed order.
func Domains() []string { return slices.Clone(domains) }

// typeRe is <domain>.<service>.<event>.v<N>: lowercase, snake_case event.
var typeRe = regexp.MustCompile(`^([a-z]+)\.[a-z][a-z0-9_]*\.[a-z][a-z0-9]*(_[a-z0-9]+)*\.v[1-9][0-9]*$`)

// ValidateType reports whether typ is a well-formed event type of a known
// domain, e.g. "commerce.catalog.product_created.v1".
func ValidateType(typ string) error {
	m := typeRe.FindStringSubmatch(typ)
	if m == nil {
		return fmt.Errorf("event type %q: want <domain>.<service>.<event>.v<N>, lowercase, snake_case event", typ)
	}
	if !slices.Contains(domains, m[1]) {
		return fmt.Errorf("event type %q: unknown domain %q", typ, m[1])
	}
	return nil
}

// tokenRe is one literal token of a subscription filter.
var tokenRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// validateFilter checks a subscription filter (an event type with optional
// wildcards after the domain, e.g. "commerce.catalog.>" or
// "training.*.activity_completed.v1") and returns its domain.
func validateFilter(f string) (string, error) {
	toks := strings.Split(f, ".")
	if len(toks) < 2 {
		return "", fmt.Errorf("filter %q: want <domain>.<service>.<event>.v<N>, wildcards allowed after the domain", f)
	}
	if !slices.Contains(domains, toks[0]) {
		return "", fmt.Errorf("filter %q: the first token must be a known domain, not %q", f, toks[0])
	}
	for i, t := range toks[1:] {
		switch {
		case t == ">" && i == len(toks)-2:
		case t == "*":
		case tokenRe.MatchString(t):
		default:
			return "", fmt.Errorf("filter %q: bad token %q", f, t)
		}
	}
	if len(toks) > 4 {
		return "", fmt.Errorf("filter %q: an event type has four tokens", f)
	}
	if len(toks) == 4 && !strings.Contains(toks[3], "*") && toks[3] != ">" && !strings.HasPrefix(toks[3], "v") {
		return "", fmt.Errorf("filter %q: the last token is the version, v<N>", f)
	}
	return toks[0], nil
}

// Subject returns the wire subject of an event type or filter: the type
// itself with the SubjectPrefix in front.
func (b *Bus) Subject(typ string) string { return b.subjectPrefix + typ }

// Type strips the SubjectPrefix from a wire subject.
func (b *Bus) Type(subject string) string { return strings.TrimPrefix(subject, b.subjectPrefix) }

// StreamName returns the stream holding a domain's events.
func (b *Bus) StreamName(domain string) string {
	return b.cfg.StreamPrefix + "_" + strings.ToUpper(domain)
}

// DLQStream returns the name of the dead-letter stream.
func (b *Bus) DLQStream() string { return b.cfg.StreamPrefix + "_DLQ" }

// DLQSubject returns the wire subject a message of event type typ is
// dead-lettered to: "<prefix>dlq.<type>".
func (b *Bus) DLQSubject(typ string) string { return b.subjectPrefix + dlqToken + "." + typ }

// Streams returns the names of every stream the bus manages.
func (b *Bus) Streams() []string {
	out := make([]string, 0, len(domains)+1)
	for _, d := range domains {
		out = append(out, b.StreamName(d))
	}
	return append(out, b.DLQStream())
}
