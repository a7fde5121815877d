// Package avatar turns an uploaded picture into the service's avatar files:
// it recognises the format by content (never by the declared type), reads
// the dimensions from the header before decoding anything so a small file
// declaring a huge picture (a decompression bomb) is refused cheaply, then
// decodes, centre-crops to a square, applies the JPEG EXIF orientation and
// renders JPEG files in each avatar size.
package avatar

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"golang.org/x/image/webp"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Limits of an accepted picture.
const (
	MaxPixels = 40_000_000
	MinSide   = 32
	// maxJPEGScans bounds progressive JPEG scans: each one walks the whole
	// picture again, so thousands of tiny scans are a CPU bomb.
	maxJPEGScans = 100
)

// Quality is the JPEG quality of the rendered files.
const Quality = 85

// format is a picture format this package reads.
type format struct {
	name         string
	decode       func(io.Reader) (image.Image, error)
	decodeConfig func(io.Reader) (image.Config, error)
}

// formats by the media type http.DetectContentType names.
var formats = map[string]format{
	"image/jpeg": {"jpeg", jpeg.Decode, jpeg.DecodeConfig},
	"image/png":  {"png", png.Decode, png.DecodeConfig},
	"image/gif":  {"gif", gif.Decode, gif.DecodeConfig},
	"image/webp": {"webp", webp.Decode, webp.DecodeConfig},
}

// Accepted reports whether a declared media type is one an upload may carry.
func Accepted(mediaType string) bool {
	_, ok := formats[mediaType]
	return ok
}

// Header is what Inspect learned about a picture without decoding it.
type Header struct {
	Format        string // jpeg, png, gif or webp
	Width, Height int
}

// Pixels is the picture's pixel count.
func (h Header) Pixels() int64 { return int64(h.Width) * int64(h.Height) }

// Inspect recognises the picture's format by its content and reads its
// dimensions from the header alone, refusing other formats
// (domain.ErrUnsupportedMedia), unreadable headers (ErrImageInvalid), and
// pictures over MaxPixels (ErrImageTooLarge) or under MinSide
// (ErrImageTooSmall). Nothing is decoded, so it is cheap on any input.
func Inspect(data []byte) (Header, error) {
	mt := http.DetectContentType(data)
	f, ok := formats[mt]
	if !ok {
		return Header{}, domain.ErrUnsupportedMedia
	}
	cfg, err := f.decodeConfig(bytes.NewReader(data))
	if err != nil {
		return Header{}, domain.ErrImageInvalid
	}
	h := Header{Format: f.name, Width: cfg.Width, Height: cfg.Height}
	switch {
	case cfg.Width <= 0 || cfg.Height <= 0:
		return h, domain.ErrImageInvalid
	case h.Pixels() > MaxPixels:
		return h, domain.ErrImageTooLarge
	case cfg.Width < MinSide || cfg.Height < MinSide:
		return h, domain.ErrImageTooSmall
	}
	if f.name == "jpeg" && bytes.Count(data, []byte{0xFF, 0xDA}) > maxJPEGScans {
		return h, domain.ErrImageInvalid
	}
	return h, nil
}

// Decode inspects the picture (see Inspect) and only then decodes it.
func Decode(data []byte) (image.Image, Header, error) {
	h, err := Inspect(data)
	if err != nil {
		return nil, h, err
	}
	img, err := formats["image/"+h.Format].decode(bytes.NewReader(data))
	if err != nil {
		return nil, h, domain.ErrImageInvalid
	}
	if b := img.Bounds(); b.Dx() < 1 || b.Dy() < 1 || int64(b.Dx())*int64(b.Dy()) > MaxPixels {
		return nil, h, domain.ErrImageInvalid
	}
	return img, h, nil
}
