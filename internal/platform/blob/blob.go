// Package blob stores binary objects (photos, voice messages, raw tracker
// files) by key. The embedded default is a local directory; S3-compatible
// storage plugs in behind the same Store interface when a service needs it.
package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Info describes a stored object.
type Info struct {
	Key         string
	Size        int64
	ContentType string
	ModTime     time.Time
}

// Store keeps objects by key. Keys are slash-separated paths of
// [a-zA-Z0-9._-] segments.
type Store interface {
	// Put stores the object atomically: readers see the old or the new
	// content, never a part.
	Put(ctx context.Context, key string, r io.Reader, contentType string) error
	// Get opens the object; ErrNotFound when absent. The caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, Info, error)
	// Stat describes the object; ErrNotFound when absent.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes the object; absent objects are not an error.
	Delete(ctx context.Context, key string) error
}

// ErrNotFound is returned for absent objects.
var ErrNotFound = apperr.New(apperr.NotFound, "blob_not_found", "no such object")

var segmentRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,200}$`)

// ValidKey reports whether key is a well-formed object key.
func ValidKey(key string) bool {
	if key == "" || len(key) > 1024 {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if !segmentRe.MatchString(seg) || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// Dir is a Store in a local directory. Each object is a file; its content
// type is kept in a small sidecar file beside it.
type Dir struct {
	root string
}

// NewDir returns a Store rooted at dir, creating it.
func NewDir(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("open blob dir %s: %w", dir, err)
	}
	return &Dir{root: dir}, nil
}

func (d *Dir) path(key string) (string, error) {
	if !ValidKey(key) {
		return "", apperr.New(apperr.Invalid, "invalid_blob_key", "invalid object key")
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

type meta struct {
	ContentType string `json:"content_type"`
}

// Put implements Store.
func (d *Dir) Put(ctx context.Context, key string, r io.Reader, contentType string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	if err := writeAtomic(p+".meta", strings.NewReader(mustMeta(contentType))); err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	if err := writeAtomic(p, &ctxReader{ctx: ctx, r: r}); err != nil {
		return fmt.Errorf("put blob %s: %w", key, err)
	}
	return nil
}

func mustMeta(ct string) string {
	b, _ := json.Marshal(meta{ContentType: ct})
	return string(b)
}

// writeAtomic writes to a temp file, fsyncs it and renames it into place.
func writeAtomic(path string, r io.Reader) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path + ".tmp-" + hex.EncodeToString(rnd[:])
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Get implements Store.
func (d *Dir) Get(ctx context.Context, key string) (io.ReadCloser, Info, error) {
	info, err := d.Stat(ctx, key)
	if err != nil {
		return nil, info, err
	}
	p, _ := d.path(key)
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, info, ErrNotFound
	}
	if err != nil {
		return nil, info, fmt.Errorf("get blob %s: %w", key, err)
	}
	return f, info, nil
}

// Stat implements Store.
func (d *Dir) Stat(_ context.Context, key string) (Info, error) {
	p, err := d.path(key)
	if err != nil {
		return Info{}, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Info{}, ErrNotFound
	}
	if err != nil {
		return Info{}, fmt.Errorf("stat blob %s: %w", key, err)
	}
	info := Info{Key: key, Size: st.Size(), ModTime: st.ModTime(), ContentType: "application/octet-stream"}
	if b, err := os.ReadFile(p + ".meta"); err == nil {
		var m meta
		if json.Unmarshal(b, &m) == nil && m.ContentType != "" {
			info.ContentType = m.ContentType
		}
	}
	return info, nil
}

// Delete implements Store.
func (d *Dir) Delete(_ context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	for _, f := range []string{p, p + ".meta"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("delete blob %s: %w", key, err)
		}
	}
	return nil
}

var _ Store = (*Dir)(nil)
