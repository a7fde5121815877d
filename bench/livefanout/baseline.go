package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// broadcaster is the baseline: a bare coder/websocket server whose one hub
// goroutine writes each message to every connected client in turn. A
// connection costs what coder/websocket needs to keep it open (the
// goroutine of CloseRead, which answers pings and notices the close).
type broadcaster struct {
	mu    sync.Mutex
	conns map[*websocket.Conn]struct{}
	msgs  chan []byte
	srv   *http.Server
	ln    net.Listener
	done  chan struct{}
}

func startBroadcaster() (*broadcaster, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bare broadcaster: %w", err)
	}
	b := &broadcaster{conns: map[*websocket.Conn]struct{}{}, msgs: make(chan []byte, 1024), ln: ln, done: make(chan struct{})}
	b.srv = &http.Server{Handler: http.HandlerFunc(b.accept), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = b.srv.Serve(ln) }()
	go b.hub()
	return b, nil
}

// URL is where viewers connect.
func (b *broadcaster) URL() string { return "ws://" + b.ln.Addr().String() + "/live" }

func (b *broadcaster) accept(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	b.mu.Lock()
	b.conns[c] = struct{}{}
	b.mu.Unlock()
	ctx := c.CloseRead(context.Background())
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		delete(b.conns, c)
		b.mu.Unlock()
	})
}

// hub writes every message to every connection; a connection whose write
// fails is dropped.
func (b *broadcaster) hub() {
	defer close(b.done)
	var conns []*websocket.Conn
	for msg := range b.msgs {
		b.mu.Lock()
		conns = conns[:0]
		for c := range b.conns {
			conns = append(conns, c)
		}
		b.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		for _, c := range conns {
			if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
				_ = c.CloseNow()
			}
		}
		cancel()
	}
}

// send queues one update with sample time t.
func (b *broadcaster) send(t int64) error {
	b.msgs <- pointsMessage(nil, t)
	return nil
}

func (b *broadcaster) stop() {
	close(b.msgs)
	<-b.done
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = b.srv.Shutdown(ctx)
	b.mu.Lock()
	for c := range b.conns {
		_ = c.CloseNow()
	}
	b.mu.Unlock()
}

// pointsMessage is a live update of the size and shape the tracker sends:
// one new point.
func pointsMessage(buf []byte, t int64) []byte {
	buf = append(buf, `{"type":"points","session_id":"ses_bench0000000000000000","points":[{"t":`...)
	buf = strconv.AppendInt(buf, t, 10)
	buf = append(buf, `,"lat":55.7512345,"lon":37.6123456,"alt":151.2,"dist":1234.56,"speed":3.214,"hr":145,"cad":172}]}`...)
	return buf
}
