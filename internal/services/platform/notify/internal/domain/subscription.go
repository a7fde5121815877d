package domain

import (
	"crypto/ecdh"
	"encoding/base64"
	"net"
	"net/url"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// MaxEndpointLen bounds a push endpoint URL.
const MaxEndpointLen = 1024

// DefaultPushHosts are the push services of the major browsers: Chrome and
// Edge (FCM), Firefox (Mozilla autopush), Windows (WNS), Safari (Apple).
var DefaultPushHosts = []string{"fcm.googleapis.com", ".push.services.mozilla.com", ".notify.windows.com", ".push.apple.com"}

// ValidateSubscription checks a browser's push subscription: the endpoint
// is an https URL on an allowed push service (hosts: exact names, ".suffix"
// for subdomains, "*" for any; plain http only for a loopback host, which
// tests use), p256dh the base64url of an uncompressed P-256 point (65
// bytes) and auth the base64url of 16 bytes. Only allowing known push
// services keeps the server from being made to POST to arbitrary URLs.
func ValidateSubscription(endpoint, p256dh, auth string, hosts []string) error {
	var f apperr.Fields
	if msg := checkEndpoint(endpoint, hosts); msg != "" {
		f.Add("endpoint", "invalid", msg)
	}
	if b, ok := DecodeKey(p256dh); !ok || len(b) != 65 {
		f.Add("keys.p256dh", "invalid", "must be the base64url of a 65-byte uncompressed P-256 public key")
	} else if _, err := ecdh.P256().NewPublicKey(b); err != nil {
		f.Add("keys.p256dh", "invalid", "is not a point on P-256")
	}
	if b, ok := DecodeKey(auth); !ok || len(b) != 16 {
		f.Add("keys.auth", "invalid", "must be the base64url of 16 bytes")
	}
	return f.Err()
}

func checkEndpoint(endpoint string, hosts []string) string {
	if endpoint == "" {
		return "is required"
	}
	if len(endpoint) > MaxEndpointLen {
		return "is too long"
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" {
		return "must be an absolute URL without credentials"
	}
	host := u.Hostname()
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(host):
	default:
		return "must be an https URL"
	}
	if !HostAllowed(host, hosts) {
		return "is not on a known push service"
	}
	return ""
}

// HostAllowed matches host against a list of exact names, ".suffix"
// entries and "*".
func HostAllowed(host string, hosts []string) bool {
	host = strings.ToLower(host)
	for _, h := range hosts {
		h = strings.ToLower(h)
		switch {
		case h == "*", h == host:
			return true
		case strings.HasPrefix(h, ".") && strings.HasSuffix(host, h):
			return true
		}
	}
	return false
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// DecodeKey decodes base64url with or without padding.
func DecodeKey(s string) ([]byte, bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil
}
