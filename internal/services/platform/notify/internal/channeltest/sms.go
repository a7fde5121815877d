package channeltest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// SMSMessage is one message the gateway received.
type SMSMessage struct {
	From string `json:"from"`
	To   string `json:"to"`
	Text string `json:"text"`
}

// SMSGateway is an HTTP SMS gateway on a loopback port. It checks the
// bearer token and the JSON body; answers can be scripted per request.
type SMSGateway struct {
	URL   string
	Token string

	mu       sync.Mutex
	answers  []int // statuses for the next requests; 200 once used up
	requests int
	accepted []SMSMessage
	arrived  chan SMSMessage
}

// NewSMSGateway starts a gateway requiring token, stopped when the test ends.
func NewSMSGateway(t testing.TB, token string) *SMSGateway {
	g := &SMSGateway{Token: token, arrived: make(chan SMSMessage, 100)}
	srv := httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(srv.Close)
	g.URL = srv.URL + "/send"
	return g
}

// Answer scripts the statuses of the next requests (e.g. 503, 503: fail
// twice, then accept).
func (g *SMSGateway) Answer(statuses ...int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.answers = append(g.answers, statuses...)
}

// Requests is how many well-formed requests arrived, accepted or not.
func (g *SMSGateway) Requests() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.requests
}

// Accepted lists the messages answered with 2xx.
func (g *SMSGateway) Accepted() []SMSMessage {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]SMSMessage(nil), g.accepted...)
}

// Arrived delivers each accepted message.
func (g *SMSGateway) Arrived() <-chan SMSMessage { return g.arrived }

func (g *SMSGateway) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/send" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+g.Token {
		http.Error(w, "bad token", http.StatusUnauthorized)
		return
	}
	var m SMSMessage
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if r.Header.Get("Content-Type") != "application/json" || dec.Decode(&m) != nil || m.To == "" || m.Text == "" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	g.requests++
	status := http.StatusOK
	if len(g.answers) > 0 {
		status, g.answers = g.answers[0], g.answers[1:]
	}
	if status < 300 {
		g.accepted = append(g.accepted, m)
	}
	g.mu.Unlock()
	if status < 300 {
		g.arrived <- m
	}
	w.WriteHeader(status)
}
