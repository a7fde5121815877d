package channel

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"
)

// SMTPConfig says how email leaves SportHub.
type SMTPConfig struct {
	Addr     string        `yaml:"addr" doc:"SMTP server host:port; empty writes each email as an .eml file under data_dir/mail instead"`
	Username string        `yaml:"username" doc:"SMTP user name; empty sends without authentication"`
	Password string        `yaml:"password" secret:"true" doc:"SMTP password"`
	From     string        `yaml:"from" doc:"sender address of notification emails, e.g. SportHub <no-reply@example.com>"`
	TLS      string        `yaml:"tls" doc:"none, starttls (required) or tls (implicit TLS, port 465)"`
	Timeout  time.Duration `yaml:"timeout" doc:"time limit of one SMTP conversation"`
}

// TLS modes of SMTPConfig.
const (
	TLSNone     = "none"
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
)

// Validate reports what is wrong with the configuration.
func (c SMTPConfig) Validate() error {
	var errs []error
	if c.Addr != "" {
		if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
			errs = append(errs, fmt.Errorf("smtp.addr %q: want host:port", c.Addr))
		}
	}
	switch c.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		errs = append(errs, fmt.Errorf("smtp.tls %q: want none, starttls or tls", c.TLS))
	}
	if c.From == "" {
		errs = append(errs, errors.New("smtp.from: must not be empty"))
	} else if err := mail.NewMsg().From(c.From); err != nil {
		errs = append(errs, fmt.Errorf("smtp.from %q: %w", c.From, err))
	}
	if c.Timeout <= 0 {
		errs = append(errs, errors.New("smtp.timeout: must be positive"))
	}
	return errors.Join(errs...)
}

// Mailer sends emails.
type Mailer interface {
	Send(ctx context.Context, e Email) error
}

// message builds the multipart (text + HTML) message of e. enc is the
// parts' transfer encoding.
func message(from, domain string, e Email, enc mail.Encoding) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithEncoding(enc))
	if err := m.From(from); err != nil {
		return nil, Permanent(fmt.Errorf("sender %q: %w", from, err))
	}
	if err := m.To(e.To); err != nil {
		return nil, Permanent(fmt.Errorf("recipient: %w", err))
	}
	m.Subject(e.Subject)
	m.SetMessageIDWithValue(e.MessageID + "@" + domain)
	m.SetDate()
	m.SetBodyString(mail.TypeTextPlain, e.Text)
	m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	return m, nil
}

// SMTP sends email through an SMTP server, one connection per message.
type SMTP struct {
	cfg  SMTPConfig
	host string
	port int
}

// NewSMTP returns a mailer for the configured server.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smtp.addr: %w", err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return nil, fmt.Errorf("smtp.addr port %q: %w", port, err)
	}
	return &SMTP{cfg: cfg, host: host, port: p}, nil
}

// Send implements Mailer. 5xx answers are permanent failures; 4xx answers,
// timeouts and connection failures are worth retrying.
func (s *SMTP) Send(ctx context.Context, e Email) error {
	m, err := message(s.cfg.From, "sporthub", e, mail.EncodingQP)
	if err != nil {
		return err
	}
	opts := []mail.Option{mail.WithPort(s.port), mail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	case TLSStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if s.cfg.Username != "" {
		// With TLS the strongest mechanism the server offers; without, the
		// operator chose clear text (a trusted network), so PLAIN it is.
		auth := mail.SMTPAuthAutoDiscover
		if s.cfg.TLS == TLSNone {
			auth = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(s.cfg.Username), mail.WithPassword(s.cfg.Password))
	}
	c, err := mail.NewClient(s.host, opts...)
	if err != nil {
		return Permanent(fmt.Errorf("smtp client: %w", err))
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	err = c.DialAndSendWithContext(ctx, m)
	if err == nil || m.IsDelivered() {
		return nil // a failure after the server took the message (QUIT) is no reason to send it again
	}
	var se *mail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
		return Permanent(fmt.Errorf("smtp: %w", err))
	}
	return fmt.Errorf("smtp: %w", err)
}

// Files writes each email as an .eml file into a directory and logs where,
// so a developer without an SMTP server can open verification links.
type Files struct {
	dir    string
	from   string
	logger *slog.Logger
}

// NewFiles returns a mailer writing into dir (created when missing).
func NewFiles(dir, from string, logger *slog.Logger) (*Files, error) {
	if dir == "" {
		return nil, errors.New("mail directory is required when no SMTP server is configured")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create mail directory: %w", err)
	}
	return &Files{dir: dir, from: from, logger: logger}, nil
}

// Dir is where the files go.
func (f *Files) Dir() string { return f.dir }

// Send implements Mailer.
func (f *Files) Send(ctx context.Context, e Email) error {
	// 8bit keeps links readable in the file as they are.
	m, err := message(f.from, "sporthub", e, mail.NoEncoding)
	if err != nil {
		return err
	}
	path := filepath.Join(f.dir, time.Now().UTC().Format("20060102T150405")+"-"+e.MessageID+".eml")
	if err := m.WriteToFile(path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f.logger.InfoContext(ctx, "email written to a file (no SMTP server configured)", "path", path, "subject", e.Subject)
	return nil
}
