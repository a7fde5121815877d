package upstream

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
)

// failKind classifies why an attempt failed; it decides retries and the
// problem code the client gets.
type failKind int

const (
	failNone      failKind = iota
	failConnect            // no connection was made: the request never left
	failTimeout            // no response headers within Config.Timeout
	failTransport          // the connection broke after the request was (maybe) sent
	failStatus             // the instance answered 502, 503 or 504
)

// attemptKey finds a request's *attempt in the outbound request's context,
// the only thing the ReverseProxy hooks receive.
type attemptKey struct{}

// errRetry tells the proxy to drop a 502/503/504 answer that will be retried.
var errRetry = errors.New("upstream: retrying on another instance")

// attempt is the state of one client request across its attempts. It is
// only touched by the goroutine serving the request: ReverseProxy calls its
// hooks synchronously.
type attempt struct {
	in         *http.Request // the client's request
	out        *http.Request // in with the attempt in its context; Body set per attempt
	idempotent bool
	body       replayBody

	n        int       // attempts started
	tried    []int     // indexes of the instances tried, in order
	triedArr [4]int    // backing array of tried
	inst     *instance // the current attempt's instance
	trial    bool      // the current attempt is a half-open breaker trial
	resolved bool      // the current attempt's outcome was recorded
	retry    bool      // the current attempt failed and will be retried
	lastKind failKind
	lastErr  error
}

func (st *attempt) hasTried(idx int) bool {
	for _, i := range st.tried {
		if i == idx {
			return true
		}
	}
	return false
}

// canRetry reports whether the request may go to another instance after a
// failure of kind. Idempotent requests are retried after any failure that
// happened before a response reached the client; others only when no
// connection was made, because then the instance never saw them.
func (st *attempt) canRetry(kind failKind, maxAttempts int) bool {
	if st.n >= maxAttempts || !st.body.replayable() {
		return false
	}
	return st.idempotent || kind == failConnect
}

// isIdempotent reports whether r may be sent twice without changing the effect.
func isIdempotent(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodTrace:
		return true
	}
	_, ok := r.Header["Idempotency-Key"]
	return ok
}

// classify tells connection failures from timeouts from broken exchanges.
func classify(err error) failKind {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return failConnect
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return failTimeout
	}
	return failTransport
}

// replayBody holds a request body so a later attempt can send it again.
// Idempotent requests with bodies up to MaxRetryBody are buffered whole;
// other bodies are streamed through a reader that records whether the
// transport read from it, since an untouched body can still be replayed.
type replayBody struct {
	empty    bool
	buffered bool
	buf      []byte
	stream   *trackedBody
}

// prepare reads or wraps r's body; it fails only when reading a body to
// buffer it fails.
func (b *replayBody) prepare(r *http.Request, idempotent bool) error {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		b.empty = true
		return nil
	}
	src := io.Reader(r.Body)
	if idempotent && r.ContentLength <= MaxRetryBody {
		limit := int64(MaxRetryBody + 1)
		size := 512
		if r.ContentLength > 0 {
			limit, size = r.ContentLength, int(r.ContentLength)
		}
		buf := bytes.NewBuffer(make([]byte, 0, size))
		if _, err := buf.ReadFrom(io.LimitReader(r.Body, limit)); err != nil {
			return err
		}
		if buf.Len() <= MaxRetryBody {
			b.buffered, b.buf = true, buf.Bytes()
			return nil
		}
		// A chunked body larger than the cap: stream what was read, then the rest.
		src = io.MultiReader(bytes.NewReader(buf.Bytes()), r.Body)
	}
	b.stream = &trackedBody{r: src}
	return nil
}

// replayable reports whether the next attempt can send the whole body.
func (b *replayBody) replayable() bool {
	return b.empty || b.buffered || !b.stream.touched.Load()
}

// apply sets out's body for the next attempt.
func (b *replayBody) apply(out *http.Request) {
	switch {
	case b.empty:
		out.Body, out.ContentLength = http.NoBody, 0
	case b.buffered:
		out.Body = io.NopCloser(bytes.NewReader(b.buf))
		out.ContentLength, out.TransferEncoding = int64(len(b.buf)), nil
	default:
		out.Body = b.stream
	}
}

// clientErr returns the error reading the client's body hit, if any: such a
// failure is the client's, not the instance's.
func (b *replayBody) clientErr() error {
	if b.stream == nil {
		return nil
	}
	if err := b.stream.err.Load(); err != nil {
		return *err
	}
	return nil
}

// trackedBody passes reads through and remembers whether any happened and
// whether the client's body failed. Close is a no-op: the server owns the
// client's body, and an untouched body must survive a failed connect.
type trackedBody struct {
	r       io.Reader
	touched atomic.Bool
	err     atomic.Pointer[error]
}

func (t *trackedBody) Read(p []byte) (int, error) {
	t.touched.Store(true)
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err.Store(&err)
	}
	return n, err
}

func (t *trackedBody) Close() error { return nil }
