package device

import (
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	cases := []struct{ ua, want string }{
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone"},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox on macOS"},
		{"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36", "Yandex Browser on Windows"},
		{"curl/8.5.0", "curl"},
		{"Go-http-client/1.1", "Go HTTP client"},
		{"SportHubApp/2.1 (build 77)", "SportHubApp/2.1"},
		{"", Unknown},
		{"   ", Unknown},
		{"\x01\x02", Unknown},
	}
	for _, c := range cases {
		if got := Name(c.ua); got != c.want {
			t.Errorf("Name(%q) = %q, want %q", c.ua, got, c.want)
		}
	}
	if got := Name(strings.Repeat("x", 5000)); len(got) != MaxLength {
		t.Errorf("long agent gives %d bytes", len(got))
	}
}
