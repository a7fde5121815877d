package channel_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channel"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
)

func smtpConfig(addr string) channel.SMTPConfig {
	return channel.SMTPConfig{Addr: addr, From: "SportHub <no-reply@sporthub.test>", TLS: channel.TLSNone, Timeout: 10 * time.Second}
}

func TestSMTPThroughMailpit(t *testing.T) {
	addr, mp := testkit.SMTPAddr(t), channeltest.Mailpit{URL: testkit.MailpitURL(t)}
	to := testkit.UniqueName("smtp-") + "@example.com"
	for name, cfg := range map[string]channel.SMTPConfig{
		"anonymous": smtpConfig(addr),
		"authenticated": func() channel.SMTPConfig {
			c := smtpConfig(addr)
			c.Username, c.Password = "sporthub", "secret"
			return c
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			m, err := channel.NewSMTP(cfg)
			if err != nil {
				t.Fatal(err)
			}
			subject := "Подтвердите адрес " + name
			err = m.Send(context.Background(), channel.Email{MessageID: testkit.UniqueName("d"), To: to, Subject: subject,
				Text: "Ссылка: https://app.example/verify?token=abc\nвторая строка",
				HTML: `<p>Ссылка: <a href="https://app.example/verify?token=abc">подтвердить</a></p>`})
			if err != nil {
				t.Fatal(err)
			}
			var got *channeltest.MailpitMessage
			for _, msg := range mp.Wait(t, to, 1) {
				if msg.Subject == subject {
					got = &msg
				}
			}
			if got == nil {
				t.Fatalf("no message with subject %q", subject)
			}
			if len(got.To) != 1 || got.To[0].Address != to || got.From.Address != "no-reply@sporthub.test" || got.From.Name != "SportHub" {
				t.Fatalf("addresses: from %+v to %+v", got.From, got.To)
			}
			if text := strings.ReplaceAll(got.Text, "\r\n", "\n"); !strings.Contains(text, "https://app.example/verify?token=abc\nвторая строка") {
				t.Fatalf("text part: %q", got.Text)
			}
			if !strings.Contains(got.HTML, `<a href="https://app.example/verify?token=abc">подтвердить</a>`) {
				t.Fatalf("html part: %q", got.HTML)
			}
			if ct := strings.Join(got.Headers["Content-Type"], ";"); !strings.HasPrefix(ct, "multipart/alternative") {
				t.Fatalf("not multipart text + html: %s", ct)
			}
		})
	}
}

func TestSMTPFailures(t *testing.T) {
	addr := testkit.SMTPAddr(t)
	m, _ := channel.NewSMTP(smtpConfig(addr))
	// A bad recipient is refused before anything is sent, for good.
	err := m.Send(context.Background(), channel.Email{MessageID: "x", To: "not an address", Subject: "s", Text: "t", HTML: "h"})
	if err == nil || !channel.IsPermanent(err) {
		t.Fatalf("bad recipient: %v (permanent %v)", err, channel.IsPermanent(err))
	}
	// Nobody listening: worth retrying.
	down, _ := channel.NewSMTP(smtpConfig("127.0.0.1:1"))
	err = down.Send(context.Background(), channel.Email{MessageID: "x", To: "a@example.com", Subject: "s", Text: "t", HTML: "h"})
	if err == nil || channel.IsPermanent(err) {
		t.Fatalf("server down: %v (permanent %v)", err, channel.IsPermanent(err))
	}
	// A server demanding TLS that is not there fails, and is not permanent.
	tls := smtpConfig(addr)
	tls.TLS = channel.TLSStartTLS
	strict, _ := channel.NewSMTP(tls)
	if err := strict.Send(context.Background(), channel.Email{MessageID: "x", To: "a@example.com", Subject: "s", Text: "t", HTML: "h"}); err == nil {
		t.Fatal("sent in clear text although STARTTLS is required")
	}
}

func TestFilesMailer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mail")
	var logs testkit.SyncBuffer
	m, err := channel.NewFiles(dir, "SportHub <no-reply@sporthub.test>", slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	err = m.Send(context.Background(), channel.Email{MessageID: "d-1", To: "ann@example.com", Subject: "Verify",
		Text: "link https://app/verify?token=1", HTML: "<p>link</p>"})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*-d-1.eml"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	eml := string(b)
	for _, want := range []string{"To: <ann@example.com>", "Subject: Verify", "multipart/alternative", "text/plain", "text/html",
		"https://app/verify?token=1", "Message-ID: <d-1@sporthub>"} {
		if !strings.Contains(eml, want) {
			t.Errorf("eml lacks %q:\n%s", want, eml)
		}
	}
	if l := logs.String(); !strings.Contains(l, files[0]) || !strings.Contains(l, "Verify") || !strings.Contains(l, "level=INFO") {
		t.Fatalf("log does not name the file and subject: %s", l)
	}
}

func TestSMTPConfigValidate(t *testing.T) {
	ok := smtpConfig("mail.example.com:587")
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, mod := range []func(*channel.SMTPConfig){
		func(c *channel.SMTPConfig) { c.Addr = "no-port" },
		func(c *channel.SMTPConfig) { c.TLS = "ssl" },
		func(c *channel.SMTPConfig) { c.From = "" },
		func(c *channel.SMTPConfig) { c.From = "not an address" },
		func(c *channel.SMTPConfig) { c.Timeout = 0 },
	} {
		c := ok
		mod(&c)
		if c.Validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
}
