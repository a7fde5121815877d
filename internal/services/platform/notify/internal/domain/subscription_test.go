package domain_test

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

func TestValidateSubscription(t *testing.T) {
	k, _ := ecdh.P256().GenerateKey(rand.Reader)
	p256dh := base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes())
	auth := base64.RawURLEncoding.EncodeToString(make([]byte, 16))
	notOnCurve := make([]byte, 65)
	notOnCurve[0] = 4
	hosts := domain.DefaultPushHosts
	cases := []struct {
		name, endpoint, p256dh, auth string
		hosts                        []string
		fields                       string // fields in error, comma-separated; "" = valid
	}{
		{"fcm", "https://fcm.googleapis.com/fcm/send/abc", p256dh, auth, hosts, ""},
		{"mozilla subdomain", "https://updates.push.services.mozilla.com/wpush/v2/x", p256dh, auth, hosts, ""},
		{"padded keys", "https://web.push.apple.com/x", p256dh + "=", auth + "==", hosts, ""},
		{"loopback over http when allowed", "http://127.0.0.1:9999/push", p256dh, auth, []string{"127.0.0.1"}, ""},
		{"http elsewhere", "http://fcm.googleapis.com/x", p256dh, auth, hosts, "endpoint"},
		{"unknown host", "https://evil.example.com/x", p256dh, auth, hosts, "endpoint"},
		{"suffix is not a substring", "https://evilpush.apple.com.example.net/x", p256dh, auth, hosts, "endpoint"},
		{"credentials", "https://u:p@fcm.googleapis.com/x", p256dh, auth, hosts, "endpoint"},
		{"empty", "", p256dh, auth, hosts, "endpoint"},
		{"too long", "https://fcm.googleapis.com/" + strings.Repeat("a", 1100), p256dh, auth, hosts, "endpoint"},
		{"short key", "https://fcm.googleapis.com/x", base64.RawURLEncoding.EncodeToString(make([]byte, 33)), auth, hosts, "keys.p256dh"},
		{"off the curve", "https://fcm.googleapis.com/x", base64.RawURLEncoding.EncodeToString(notOnCurve), auth, hosts, "keys.p256dh"},
		{"not base64", "https://fcm.googleapis.com/x", "!!!", "???", hosts, "keys.p256dh,keys.auth"},
		{"auth length", "https://fcm.googleapis.com/x", p256dh, base64.RawURLEncoding.EncodeToString(make([]byte, 12)), hosts, "keys.auth"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := domain.ValidateSubscription(tc.endpoint, tc.p256dh, tc.auth, tc.hosts)
			if tc.fields == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ae *apperr.Error
			if !apperr.IsKind(err, apperr.Invalid) || !errors.As(err, &ae) {
				t.Fatalf("want a validation error, got %v", err)
			}
			var got []string
			for _, f := range ae.Fields {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != tc.fields {
				t.Fatalf("fields %v, want %s", got, tc.fields)
			}
		})
	}
}
