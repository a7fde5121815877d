package channeltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// MailpitMessage is a message as mailpit's API shows it, with its headers.
type MailpitMessage struct {
	ID        string
	MessageID string
	From      struct{ Name, Address string }
	To        []struct{ Name, Address string }
	Subject   string
	Text      string
	HTML      string
	Headers   map[string][]string
}

// Mailpit reads what a mailpit server received, through its HTTP API.
type Mailpit struct{ URL string }

func (m Mailpit) get(path string, out any) error {
	resp, err := http.Get(strings.TrimRight(m.URL, "/") + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Messages returns every message sent to address, full, newest first.
func (m Mailpit) Messages(t testing.TB, address string) []MailpitMessage {
	t.Helper()
	var list struct {
		Messages []struct{ ID string }
	}
	if err := m.get("/api/v1/search?query="+url.QueryEscape("to:"+address), &list); err != nil {
		t.Fatalf("mailpit search: %v", err)
	}
	out := make([]MailpitMessage, 0, len(list.Messages))
	for _, s := range list.Messages {
		var msg MailpitMessage
		if err := m.get("/api/v1/message/"+s.ID, &msg); err != nil {
			t.Fatalf("mailpit message: %v", err)
		}
		if err := m.get("/api/v1/message/"+s.ID+"/headers", &msg.Headers); err != nil {
			t.Fatalf("mailpit headers: %v", err)
		}
		out = append(out, msg)
	}
	return out
}

// Wait waits up to 10s until n messages to address arrived and returns them.
func (m Mailpit) Wait(t testing.TB, address string, n int) []MailpitMessage {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		msgs := m.Messages(t, address)
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit: %d of %d messages to %s after 10s", len(msgs), n, address)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
