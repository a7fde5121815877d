// Package channeltest runs the outside services notify talks to, for
// tests, as real HTTP servers that check what they receive: a web push
// service that verifies the VAPID signature and decrypts each message
// with the subscriber's private key (RFC 8291, RFC 8292), and an SMS
// gateway.
package channeltest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// PushMessage is one push message the service accepted, decrypted.
type PushMessage struct {
	Endpoint string
	Payload  []byte
	TTL      int
	Urgency  string
	Subject  string // the VAPID JWT's sub
}

// Subscriber is a browser subscription to the push service, with the
// private key only the browser holds.
type Subscriber struct {
	Endpoint string
	P256dh   string // base64url public key
	Auth     string // base64url auth secret
	priv     *ecdh.PrivateKey
	auth     []byte
}

// PushService is a web push service (RFC 8030) on a loopback port.
type PushService struct {
	URL string
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	vapidKey string // expected application server key; "" accepts any valid one
	subs     map[string]*Subscriber
	status   map[string]int // endpoint path -> forced status
	msgs     chan PushMessage
	refused  []string
}

// NewPushService starts a push service, stopped when the test ends.
func NewPushService(t testing.TB) *PushService {
	p := &PushService{t: t, subs: map[string]*Subscriber{}, status: map[string]int{}, msgs: make(chan PushMessage, 100)}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	p.URL = p.srv.URL
	return p
}

// ExpectVAPIDKey makes the service refuse messages signed with any other
// application server key.
func (p *PushService) ExpectVAPIDKey(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.vapidKey = key
}

// Subscribe creates a browser subscription with a fresh P-256 key pair and
// auth secret, as PushManager.subscribe does.
func (p *PushService) Subscribe() Subscriber {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		p.t.Fatal(err)
	}
	auth := make([]byte, 16)
	_, _ = rand.Read(auth)
	s := &Subscriber{
		Endpoint: p.URL + "/push/" + rand.Text(),
		P256dh:   base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		Auth:     base64.RawURLEncoding.EncodeToString(auth),
		priv:     priv, auth: auth,
	}
	p.mu.Lock()
	p.subs[strings.TrimPrefix(s.Endpoint, p.URL)] = s
	p.mu.Unlock()
	return *s
}

// Respond makes the service answer status for an endpoint from now on
// (e.g. 410 once the browser unsubscribed).
func (p *PushService) Respond(endpoint string, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.status[strings.TrimPrefix(endpoint, p.URL)] = status
}

// Next waits up to timeout for the next accepted message.
func (p *PushService) Next(timeout time.Duration) (PushMessage, bool) {
	select {
	case m := <-p.msgs:
		return m, true
	case <-time.After(timeout):
		return PushMessage{}, false
	}
}

// Refused lists why requests were refused.
func (p *PushService) Refused() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.refused...)
}

func (p *PushService) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	sub, ok := p.subs[r.URL.Path]
	forced := p.status[r.URL.Path]
	expected := p.vapidKey
	p.mu.Unlock()
	refuse := func(status int, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		p.mu.Lock()
		p.refused = append(p.refused, msg)
		p.mu.Unlock()
		http.Error(w, msg, status)
	}
	if r.Method != http.MethodPost || !ok {
		refuse(http.StatusNotFound, "no subscription %s %s", r.Method, r.URL.Path)
		return
	}
	if forced != 0 {
		w.WriteHeader(forced)
		return
	}
	claims, err := verifyVAPID(r.Header.Get("Authorization"), expected, p.URL)
	if err != nil {
		refuse(http.StatusUnauthorized, "vapid: %v", err)
		return
	}
	if ce := r.Header.Get("Content-Encoding"); ce != "aes128gcm" {
		refuse(http.StatusBadRequest, "content encoding %q", ce)
		return
	}
	ttl, err := strconv.Atoi(r.Header.Get("TTL"))
	if err != nil || ttl < 0 {
		refuse(http.StatusBadRequest, "TTL header %q", r.Header.Get("TTL"))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8192))
	if err != nil {
		refuse(http.StatusBadRequest, "read body: %v", err)
		return
	}
	plain, err := sub.decrypt(body)
	if err != nil {
		refuse(http.StatusBadRequest, "decrypt: %v", err)
		return
	}
	sub2, _ := claims.GetSubject()
	p.msgs <- PushMessage{Endpoint: sub.Endpoint, Payload: plain, TTL: ttl, Urgency: r.Header.Get("Urgency"), Subject: sub2}
	w.WriteHeader(http.StatusCreated)
}

// verifyVAPID checks "vapid t=<jwt>, k=<key>" (RFC 8292): k is a P-256
// point (the expected one, when given), the JWT is ES256-signed with it,
// its aud is the push service's origin, exp is in the future (at most
// 24 hours away) and sub is set.
func verifyVAPID(header, expectedKey, origin string) (jwt.MapClaims, error) {
	rest, ok := strings.CutPrefix(header, "vapid ")
	if !ok {
		return nil, fmt.Errorf("authorization %q is not vapid", header)
	}
	params := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		params[k] = v
	}
	if expectedKey != "" && params["k"] != expectedKey {
		return nil, fmt.Errorf("signed with key %q, want %q", params["k"], expectedKey)
	}
	raw, err := base64.RawURLEncoding.DecodeString(params["k"])
	if err != nil {
		return nil, fmt.Errorf("k: %w", err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
	if err != nil {
		return nil, fmt.Errorf("k: %w", err)
	}
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(params["t"], claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithAudience(origin), jwt.WithExpirationRequired())
	if err != nil {
		return nil, err
	}
	exp, _ := claims.GetExpirationTime()
	if exp.After(time.Now().Add(24 * time.Hour)) {
		return nil, fmt.Errorf("exp %v is more than 24 hours away", exp)
	}
	if sub, _ := claims.GetSubject(); sub == "" {
		return nil, errors.New("no sub")
	}
	return claims, nil
}

// decrypt opens an aes128gcm message (RFC 8188) encrypted for this
// subscriber (RFC 8291): header salt(16) rs(4) idlen(1) keyid(as_public).
func (s *Subscriber) decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("short body")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if idlen != 65 || len(body) < 21+idlen+17 {
		return nil, fmt.Errorf("key id length %d", idlen)
	}
	asPub, err := ecdh.P256().NewPublicKey(body[21 : 21+idlen])
	if err != nil {
		return nil, fmt.Errorf("sender key: %w", err)
	}
	ct := body[21+idlen:]
	if uint32(len(ct)) > rs {
		return nil, fmt.Errorf("one record of %d bytes exceeds rs %d", len(ct), rs)
	}
	secret, err := s.priv.ECDH(asPub)
	if err != nil {
		return nil, err
	}
	keyInfo := "WebPush: info\x00" + string(s.priv.PublicKey().Bytes()) + string(asPub.Bytes())
	ikm, err := hkdf.Key(sha256.New, secret, s.auth, keyInfo, 32)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, ct, nil)
	if err != nil {
		return nil, err
	}
	// Padding: the last record ends with the delimiter 0x02 and zeros.
	plain = []byte(strings.TrimRight(string(plain), "\x00"))
	if len(plain) == 0 || plain[len(plain)-1] != 0x02 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}
