package testkit

import "testing"

// Environment variables naming the test mail server (mailpit): its SMTP
// address and the base URL of its HTTP API, where tests read what arrived.
const (
	EnvSMTPAddr   = "SPORTHUB_TEST_SMTP_ADDR"   // e.g. 127.0.0.1:1025
	EnvMailpitURL = "SPORTHUB_TEST_MAILPIT_URL" // e.g. http://127.0.0.1:8025
)

// SMTPAddr returns the host:port of the test SMTP server (see External).
func SMTPAddr(t testing.TB) string { return External(t, EnvSMTPAddr) }

// MailpitURL returns the base URL of the test mail server's HTTP API (see
// External).
func MailpitURL(t testing.TB) string { return External(t, EnvMailpitURL) }
