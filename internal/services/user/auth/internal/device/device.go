// Package device names the device a session was started from, in a short
// form people recognise ("Chrome on Windows", "Safari on iPhone"), from
// the User-Agent header.
package device

import "strings"

// MaxLength bounds the stored name.
const MaxLength = 100

// Unknown is the name of a device the User-Agent does not reveal.
const Unknown = "Unknown device"

// browsers in the order they must be tested: many User-Agents name
// several (Edge says Chrome and Safari too).
var browsers = []struct{ token, name string }{
	{"YaBrowser/", "Yandex Browser"},
	{"SamsungBrowser/", "Samsung Internet"},
	{"Edg/", "Edge"}, {"EdgA/", "Edge"}, {"EdgiOS/", "Edge"}, {"Edge/", "Edge"},
	{"OPR/", "Opera"}, {"Opera", "Opera"},
	{"Vivaldi/", "Vivaldi"},
	{"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
	{"CriOS/", "Chrome"}, {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"},
	{"Safari/", "Safari"},
	{"curl/", "curl"}, {"Go-http-client/", "Go HTTP client"}, {"okhttp/", "OkHttp"},
	{"python-requests/", "Python requests"}, {"PostmanRuntime/", "Postman"},
}

var systems = []struct{ token, name string }{
	{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"},
	{"CrOS", "ChromeOS"}, {"Windows", "Windows"},
	{"Macintosh", "macOS"}, {"Mac OS X", "macOS"},
	{"Linux", "Linux"}, {"FreeBSD", "FreeBSD"},
}

// Name returns the short name of the device behind userAgent.
func Name(userAgent string) string {
	ua := strings.TrimSpace(userAgent)
	if ua == "" {
		return Unknown
	}
	browser := ""
	for _, b := range browsers {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	system := ""
	for _, s := range systems {
		if strings.Contains(ua, s.token) {
			system = s.name
			break
		}
	}
	var out string
	switch {
	case browser != "" && system != "":
		out = browser + " on " + system
	case browser != "":
		out = browser
	case system != "":
		out = "Browser on " + system
	default:
		// An app or tool we do not know: its product token ("SportHubApp/2.1").
		out, _, _ = strings.Cut(ua, " ")
	}
	return clip(out)
}

// clip keeps a name printable and short.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > MaxLength {
		s = strings.ToValidUTF8(s[:MaxLength], "")
	}
	if s == "" {
		return Unknown
	}
	return s
}
