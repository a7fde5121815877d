package channel

import (
	"bytes"
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// PushConfig says how web push notifications are signed and sent.
type PushConfig struct {
	VAPIDPublicKey   string        `yaml:"vapid_public_key" doc:"VAPID public key (base64url, uncompressed P-256); empty with the private key: generated on first start and kept in notify's database"`
	VAPIDPrivateKey  string        `yaml:"vapid_private_key" secret:"true" doc:"VAPID private key (base64url, 32 bytes)"`
	Subject          string        `yaml:"subject" doc:"contact push services may use: a mailto: address or an https URL"`
	TTL              time.Duration `yaml:"ttl" doc:"how long a push service keeps an undelivered notification"`
	Timeout          time.Duration `yaml:"timeout" doc:"time limit of one request to a push service"`
	EndpointHosts    []string      `yaml:"endpoint_hosts" doc:"push services browsers may subscribe through: host names, .suffix for subdomains, * for any"`
	MaxSubscriptions int           `yaml:"max_subscriptions" doc:"browsers one user may subscribe; the oldest subscription goes first"`
}

// Validate reports what is wrong with the configuration.
func (c PushConfig) Validate() error {
	var errs []error
	if (c.VAPIDPublicKey == "") != (c.VAPIDPrivateKey == "") {
		errs = append(errs, errors.New("push.vapid_public_key and push.vapid_private_key: give both or neither"))
	} else if c.VAPIDPublicKey != "" {
		if err := (VAPIDKeys{Public: c.VAPIDPublicKey, Private: c.VAPIDPrivateKey}).Validate(); err != nil {
			errs = append(errs, fmt.Errorf("push: %w", err))
		}
	}
	if c.Subject == "" {
		errs = append(errs, errors.New("push.subject: must not be empty"))
	}
	if c.TTL <= 0 || c.Timeout <= 0 || c.MaxSubscriptions < 1 {
		errs = append(errs, errors.New("push.ttl, push.timeout and push.max_subscriptions: must be positive"))
	}
	return errors.Join(errs...)
}

// VAPIDKeys is the application server's key pair, base64url without
// padding: the public key as an uncompressed P-256 point, the private key
// as its 32-byte scalar.
type VAPIDKeys struct {
	Public  string `json:"public"`
	Private string `json:"private"`
}

// GenerateVAPIDKeys makes a new key pair.
func GenerateVAPIDKeys() (VAPIDKeys, error) {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return VAPIDKeys{}, fmt.Errorf("generate vapid keys: %w", err)
	}
	return VAPIDKeys{
		Public:  base64.RawURLEncoding.EncodeToString(k.PublicKey().Bytes()),
		Private: base64.RawURLEncoding.EncodeToString(k.Bytes()),
	}, nil
}

// Validate checks that the keys decode and belong together.
func (k VAPIDKeys) Validate() error {
	priv, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.Private, "="))
	if err != nil {
		return fmt.Errorf("vapid private key: not base64url: %w", err)
	}
	key, err := ecdh.P256().NewPrivateKey(priv)
	if err != nil {
		return fmt.Errorf("vapid private key: %w", err)
	}
	pub, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k.Public, "="))
	if err != nil {
		return fmt.Errorf("vapid public key: not base64url: %w", err)
	}
	if !bytes.Equal(pub, key.PublicKey().Bytes()) {
		return errors.New("vapid public key does not match the private key")
	}
	return nil
}

// ErrGone means the push service no longer knows the subscription (404 or
// 410): the browser unsubscribed or the subscription expired.
var ErrGone = errors.New("push subscription is gone")

// PushTarget is one browser subscription.
type PushTarget struct {
	Endpoint string
	P256dh   string
	Auth     string
}

// Push sends web push notifications (RFC 8030) encrypted per RFC 8291 and
// signed with VAPID (RFC 8292).
type Push struct {
	cfg  PushConfig
	keys VAPIDKeys
	hc   *http.Client
}

// NewPush returns a sender signing with keys.
func NewPush(cfg PushConfig, keys VAPIDKeys) *Push {
	hc := &http.Client{
		Timeout: cfg.Timeout,
		// A push service answers; it never redirects. Following a redirect
		// would let an endpoint point the server at any URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Push{cfg: cfg, keys: keys, hc: hc}
}

// PublicKey is the key browsers subscribe with.
func (p *Push) PublicKey() string { return p.keys.Public }

// Send delivers payload to one browser. 404/410 is ErrGone (permanent);
// other 4xx but 429 are permanent; 429, 5xx and transport failures are
// worth retrying.
func (p *Push) Send(ctx context.Context, t PushTarget, payload []byte, urgent bool) error {
	urgency := webpush.UrgencyNormal
	if urgent {
		urgency = webpush.UrgencyHigh
	}
	resp, err := webpush.SendNotificationWithContext(ctx, payload,
		&webpush.Subscription{Endpoint: t.Endpoint, Keys: webpush.Keys{P256dh: t.P256dh, Auth: t.Auth}},
		&webpush.Options{
			HTTPClient:      p.hc,
			Subscriber:      strings.TrimPrefix(p.cfg.Subject, "mailto:"),
			TTL:             int(p.cfg.TTL.Seconds()),
			Urgency:         urgency,
			VAPIDPublicKey:  p.keys.Public,
			VAPIDPrivateKey: p.keys.Private,
		})
	if err != nil {
		if ctx.Err() == nil && !isTransport(err) {
			return Permanent(fmt.Errorf("web push: %w", err)) // the payload or keys cannot be encrypted
		}
		return fmt.Errorf("web push: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
		return Permanent(fmt.Errorf("push service answered %d: %w", resp.StatusCode, ErrGone))
	}
	return statusError("push service", resp)
}

// statusError classifies an HTTP answer: 2xx nil, 4xx (but 408 and 429)
// permanent, the rest worth retrying. It quotes the start of the body.
func statusError(who string, resp *http.Response) error {
	status := resp.StatusCode
	if status >= 200 && status < 300 {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 256))
	err := fmt.Errorf("%s answered %d: %s", who, status, strings.ToValidUTF8(strings.TrimSpace(string(body)), ""))
	if status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests {
		return Permanent(err)
	}
	return err
}

// isTransport reports whether err came from sending the request (the
// client wraps those in *url.Error) rather than from preparing it.
func isTransport(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue)
}
