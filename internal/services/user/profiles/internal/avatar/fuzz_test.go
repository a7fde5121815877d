package avatar_test

import (
	"image/color"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
)

// FuzzDecode feeds arbitrary bytes to the upload's decoder entry: it must
// never panic, never accept a picture outside the limits, and whatever it
// decodes must render. Pictures over a megapixel are only inspected: a
// few bytes of VP8L legitimately describe 40 solid megapixels, which take
// seconds to decode and would stall the fuzzer without finding anything
// the small ones do not.
func FuzzDecode(f *testing.F) {
	small := avatartest.Quadrants(40, 36)
	for _, seed := range [][]byte{
		avatartest.PNG(small),
		avatartest.JPEG(small, 1),
		avatartest.JPEG(small, 6),
		avatartest.GIF(small),
		avatartest.WebP(33, 40, color.NRGBA{1, 2, 3, 255}),
		avatartest.WebPBomb(16384, 16384),
		avatartest.PNGBomb(70000, 70000),
		avatartest.GIFBomb(65535, 65535),
		[]byte("RIFF\x00\x00\x00\x00WEBPVP8 "),
		[]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*\x00\x00\x00\x08"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := avatar.Inspect(data)
		if err != nil {
			return
		}
		if h.Pixels() > avatar.MaxPixels || h.Width < avatar.MinSide || h.Height < avatar.MinSide {
			t.Fatalf("accepted %+v", h)
		}
		if h.Pixels() > 1<<20 {
			return
		}
		m, h, err := avatar.Decode(data)
		if err != nil {
			return
		}
		b := m.Bounds()
		if h.Pixels() > avatar.MaxPixels || h.Width < avatar.MinSide || h.Height < avatar.MinSide || b.Empty() {
			t.Fatalf("accepted %+v with bounds %v", h, b)
		}
		if _, err := avatar.Render(data, 32); err != nil {
			t.Fatalf("decoded but did not render: %v", err)
		}
	})
}
