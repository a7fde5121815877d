package blob

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

func TestDirRoundTrip(t *testing.T) {
	ctx := context.Background()
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, "catalog/images/a.svg", strings.NewReader("<svg/>"), "image/svg+xml"); err != nil {
		t.Fatal(err)
	}
	rc, info, err := d.Get(ctx, "catalog/images/a.svg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "<svg/>" || info.ContentType != "image/svg+xml" || info.Size != 6 {
		t.Fatalf("got %q %+v", b, info)
	}
	// Overwrite replaces the content whole.
	if err := d.Put(ctx, "catalog/images/a.svg", strings.NewReader("<svg></svg>"), "image/svg+xml"); err != nil {
		t.Fatal(err)
	}
	if info, _ := d.Stat(ctx, "catalog/images/a.svg"); info.Size != 11 {
		t.Fatalf("size after overwrite = %d", info.Size)
	}
	if err := d.Delete(ctx, "catalog/images/a.svg"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Get(ctx, "catalog/images/a.svg"); apperr.KindOf(err) != apperr.NotFound {
		t.Fatalf("after delete: %v", err)
	}
	if err := d.Delete(ctx, "catalog/images/a.svg"); err != nil {
		t.Fatalf("deleting an absent object: %v", err)
	}
}

func TestDirRefusesEscapingKeys(t *testing.T) {
	d, _ := NewDir(t.TempDir())
	for _, key := range []string{"", "../x", "a/../../x", "/abs", "a//b", "a/./b", "sp ace"} {
		if err := d.Put(context.Background(), key, strings.NewReader("x"), ""); apperr.KindOf(err) != apperr.Invalid {
			t.Errorf("key %q: err = %v, want Invalid", key, err)
		}
	}
}
