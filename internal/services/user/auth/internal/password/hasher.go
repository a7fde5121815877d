// Package password hashes and checks passwords: argon2id in the PHC string
// format, with the number of hashes computed at once bounded (each takes
// tens of milliseconds and ~19 MiB, so a login storm must queue, not
// exhaust memory or starve the rest of the process), and the NIST SP
// 800-63B rules for choosing one: a length window, no composition rules,
// and a list of common passwords that are refused.
package password

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// ErrBusy is returned when no hashing slot frees up within the wait: the
// caller answers 503 with Retry-After instead of queueing without end.
var ErrBusy = apperr.New(apperr.Unavailable, "busy", "the service is busy; try again in a moment")

// Hasher computes and checks argon2id hashes, at most Concurrency at once.
type Hasher struct {
	params Params
	slots  chan struct{}
	wait   time.Duration

	inFlight atomic.Int64
	peak     atomic.Int64
	count    atomic.Int64

	dummyOnce sync.Once
	dummy     encoded
}

// NewHasher returns a hasher writing hashes with params, running at most
// concurrency at once and waiting at most wait for a free slot.
func NewHasher(params Params, concurrency int, wait time.Duration) (*Hasher, error) {
	if err := params.Validate(); err != nil {
		return nil, err
	}
	if concurrency < 1 {
		return nil, fmt.Errorf("hash concurrency %d: want at least 1", concurrency)
	}
	return &Hasher{params: params, slots: make(chan struct{}, concurrency), wait: wait}, nil
}

// acquire takes a hashing slot, waiting at most h.wait.
func (h *Hasher) acquire(ctx context.Context) (func(), error) {
	select {
	case h.slots <- struct{}{}:
	default:
		t := time.NewTimer(h.wait)
		defer t.Stop()
		select {
		case h.slots <- struct{}{}:
		case <-t.C:
			return nil, ErrBusy
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	h.count.Add(1)
	n := h.inFlight.Add(1)
	for {
		p := h.peak.Load()
		if n <= p || h.peak.CompareAndSwap(p, n) {
			break
		}
	}
	return func() { h.inFlight.Add(-1); <-h.slots }, nil
}

// Peak is the largest number of hashes that ever ran at once.
func (h *Hasher) Peak() int { return int(h.peak.Load()) }

// Count is how many hashes have been computed (or checked).
func (h *Hasher) Count() int { return int(h.count.Load()) }

// normalize applies NFKC, so the same password typed on different
// keyboards (composed or decomposed accents) hashes the same (SP 800-63B 3.1.1.2).
func normalize(password string) string { return norm.NFKC.String(password) }

// Hash returns the PHC string of a new salted hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	release, err := h.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return h.hashLocked(password), nil
}

func (h *Hasher) hashLocked(password string) string {
	salt := make([]byte, saltLen)
	_, _ = rand.Read(salt)
	e := encoded{params: h.params, salt: salt, hash: derive(normalize(password), h.params, salt, keyLen)}
	return e.String()
}

// Verify reports whether password matches the PHC string stored. When it
// matches and the hash was made with other parameters than the current
// ones, rehash holds a new hash to store (computed in the same slot). A
// stored value that is not a PHC string never matches.
func (h *Hasher) Verify(ctx context.Context, password, stored string) (ok bool, rehash string, err error) {
	e, perr := parse(stored)
	if perr != nil {
		// Pay for a hash anyway so a broken row is not told apart by timing.
		return false, "", h.VerifyDummy(ctx, password)
	}
	release, err := h.acquire(ctx)
	if err != nil {
		return false, "", err
	}
	defer release()
	if !e.matches(normalize(password)) {
		return false, "", nil
	}
	if e.params != h.params || len(e.salt) != saltLen || len(e.hash) != keyLen {
		rehash = h.hashLocked(password)
	}
	return true, rehash, nil
}

// VerifyDummy costs what Verify of a real account costs, for logins of
// unknown emails: they must take as long as a wrong password.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) error {
	h.dummyOnce.Do(func() {
		salt := make([]byte, saltLen)
		_, _ = rand.Read(salt)
		h.dummy = encoded{params: h.params, salt: salt, hash: make([]byte, keyLen)}
	})
	release, err := h.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	_ = h.dummy.matches(normalize(password))
	return nil
}
