package avatar_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

func TestInspect(t *testing.T) {
	q := avatartest.Quadrants(640, 480)
	cases := []struct {
		name   string
		data   []byte
		format string
		w, h   int
		err    error
	}{
		{"png", avatartest.PNG(q), "png", 640, 480, nil},
		{"jpeg", avatartest.JPEG(q, 1), "jpeg", 640, 480, nil},
		{"gif", avatartest.GIF(q), "gif", 640, 480, nil},
		{"webp lossless", avatartest.WebP(100, 60, color.NRGBA{10, 20, 30, 255}), "webp", 100, 60, nil},
		{"exactly the minimum", avatartest.PNG(avatartest.Quadrants(32, 32)), "png", 32, 32, nil},
		{"too small", avatartest.PNG(avatartest.Quadrants(31, 200)), "png", 31, 200, domain.ErrImageTooSmall},
		{"png bomb", avatartest.PNGBomb(100000, 100000), "png", 100000, 100000, domain.ErrImageTooLarge},
		{"png just over 40 MP", avatartest.PNGBomb(8000, 5001), "png", 8000, 5001, domain.ErrImageTooLarge},
		{"gif bomb", avatartest.GIFBomb(65535, 65535), "gif", 65535, 65535, domain.ErrImageTooLarge},
		{"webp bomb", avatartest.WebPBomb(16384, 16384), "webp", 16384, 16384, domain.ErrImageTooLarge},
		{"text", []byte("hello, this is not a picture"), "", 0, 0, domain.ErrUnsupportedMedia},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), "", 0, 0, domain.ErrUnsupportedMedia},
		{"bmp", append([]byte("BM"), make([]byte, 60)...), "", 0, 0, domain.ErrUnsupportedMedia},
		{"pdf", []byte("%PDF-1.7\n1 0 obj"), "", 0, 0, domain.ErrUnsupportedMedia},
		{"truncated png", avatartest.PNG(q)[:20], "", 0, 0, domain.ErrImageInvalid},
		{"empty", nil, "", 0, 0, domain.ErrUnsupportedMedia},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := avatar.Inspect(tc.data)
			if !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if tc.format != "" && (h.Format != tc.format || h.Width != tc.w || h.Height != tc.h) {
				t.Fatalf("header = %+v, want %s %dx%d", h, tc.format, tc.w, tc.h)
			}
		})
	}
}

// decodeJPEG reads a rendered file back.
func decodeJPEG(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("rendered file is not a JPEG: %v", err)
	}
	return m
}

// near reports whether c is within tol of want in each channel.
func near(c color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { v := int(x>>8) - int(y); return v >= -tol && v <= tol }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

var (
	red   = color.RGBA{255, 0, 0, 255}
	green = color.RGBA{0, 255, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
	white = color.RGBA{255, 255, 255, 255}
)

func TestRenderCropsToCentredSquares(t *testing.T) {
	// 1200x600: the centred square is x 300..900, which still shows all
	// four quadrants, each a quarter of the output.
	out, err := avatar.Render(avatartest.PNG(avatartest.Quadrants(1200, 600)), 512, 128)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{512, 128} {
		m := decodeJPEG(t, out[n])
		if m.Bounds().Dx() != n || m.Bounds().Dy() != n {
			t.Fatalf("%d: bounds %v", n, m.Bounds())
		}
		q := n / 4
		for _, c := range []struct {
			x, y int
			want color.RGBA
		}{{q, q, red}, {3 * q, q, green}, {q, 3 * q, blue}, {3 * q, 3 * q, white}} {
			if got := m.At(c.x, c.y); !near(got, c.want, 40) {
				t.Errorf("%dpx at %d,%d = %v, want %v", n, c.x, c.y, got, c.want)
			}
		}
	}
}

func TestRenderFollowsEXIFOrientation(t *testing.T) {
	// Stored as is, top-left is red. Orientation 6 means "turn clockwise
	// to view": red moves to the top right. 3 turns it upside down (red at
	// the bottom right), 2 mirrors it (red at the top right, green top left).
	cases := []struct {
		orientation                    int
		topLeft, topRight, bottomRight color.RGBA
	}{
		{1, red, green, white},
		{2, green, red, blue},
		{3, white, blue, red},
		{6, blue, red, green},
		{8, green, white, blue},
	}
	for _, tc := range cases {
		out, err := avatar.Render(avatartest.JPEG(avatartest.Quadrants(400, 400), tc.orientation), 128)
		if err != nil {
			t.Fatal(err)
		}
		m := decodeJPEG(t, out[128])
		for _, c := range []struct {
			x, y int
			want color.RGBA
		}{{20, 20, tc.topLeft}, {108, 20, tc.topRight}, {108, 108, tc.bottomRight}} {
			if got := m.At(c.x, c.y); !near(got, c.want, 50) {
				t.Errorf("orientation %d at %d,%d = %v, want %v", tc.orientation, c.x, c.y, got, c.want)
			}
		}
	}
}

func TestRenderEveryFormat(t *testing.T) {
	for name, data := range map[string][]byte{
		"gif":              avatartest.GIF(avatartest.Quadrants(64, 48)),
		"webp":             avatartest.WebP(48, 48, color.NRGBA{0, 0, 255, 255}),
		"transparent webp": avatartest.WebP(40, 40, color.NRGBA{0, 0, 0, 0}),
	} {
		out, err := avatar.Render(data, 512, 128)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m := decodeJPEG(t, out[512])
		if m.Bounds().Dx() != 512 {
			t.Fatalf("%s: %v", name, m.Bounds())
		}
		if name == "transparent webp" && !near(m.At(256, 256), white, 8) {
			t.Fatalf("transparency rendered as %v, want white", m.At(256, 256))
		}
		if name == "webp" && !near(m.At(256, 256), blue, 30) {
			t.Fatalf("webp rendered as %v, want blue", m.At(256, 256))
		}
	}
}

func TestDecodeRefusesBeforeDecoding(t *testing.T) {
	// A bomb is refused from its header: Decode never allocates its pixels.
	allocs := testing.AllocsPerRun(5, func() {
		if _, _, err := avatar.Decode(avatartest.PNGBomb(60000, 60000)); !errors.Is(err, domain.ErrImageTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	if allocs > 50 {
		t.Fatalf("%v allocations to refuse a bomb", allocs)
	}
}
