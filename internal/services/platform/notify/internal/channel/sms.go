package channel

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// SMSConfig points at the SMS gateway.
type SMSConfig struct {
	URL     string        `yaml:"url" doc:"SMS gateway URL that takes POST {from, to, text}; empty turns SMS off"`
	Token   string        `yaml:"token" secret:"true" doc:"bearer token of the SMS gateway"`
	From    string        `yaml:"from" doc:"sender name or number of SMS"`
	Timeout time.Duration `yaml:"timeout" doc:"time limit of one request to the SMS gateway"`
}

// Validate reports what is wrong with the configuration.
func (c SMSConfig) Validate() error {
	if c.URL == "" {
		return nil
	}
	var errs []error
	if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, fmt.Errorf("sms.url %q: want an http(s) URL", c.URL))
	}
	if c.Timeout <= 0 {
		errs = append(errs, errors.New("sms.timeout: must be positive"))
	}
	return errors.Join(errs...)
}

// SMS sends text messages through an HTTP gateway: POST JSON {from, to,
// text} with "Authorization: Bearer <token>".
type SMS struct {
	cfg SMSConfig
	hc  *http.Client
}

// NewSMS returns a sender for the configured gateway.
func NewSMS(cfg SMSConfig) *SMS {
	return &SMS{cfg: cfg, hc: &http.Client{Timeout: cfg.Timeout}}
}

type smsRequest struct {
	From string `json:"from"`
	To   string `json:"to"`
	Text string `json:"text"`
}

// Send sends one message. A 2xx answer is sent; 4xx (but 408 and 429) is a
// permanent failure; 5xx, 408, 429 and timeouts are worth retrying.
func (s *SMS) Send(ctx context.Context, to, text string) error {
	body, err := json.Marshal(smsRequest{From: s.cfg.From, To: to, Text: text})
	if err != nil {
		return Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return Permanent(fmt.Errorf("sms request: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	if s.cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.cfg.Token)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return fmt.Errorf("sms gateway: %w", err)
	}
	defer resp.Body.Close()
	return statusError("sms gateway", resp)
}
