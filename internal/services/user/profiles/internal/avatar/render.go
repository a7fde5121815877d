package avatar

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"golang.org/x/image/draw"
)

// Rendered is an avatar in each of the requested sizes, as JPEG files.
type Rendered map[int][]byte

// Render decodes the picture (see Decode) and renders it in each size
// (largest first is fastest: each size is scaled from the one before).
func Render(data []byte, sizes ...int) (Rendered, error) {
	img, h, err := Decode(data)
	if err != nil {
		return nil, err
	}
	orient := 1
	if h.Format == "jpeg" {
		orient = jpegOrientation(data)
	}
	out := Rendered{}
	var src image.Image = img
	rect := squareCrop(img.Bounds())
	for _, n := range sizes {
		dst := scale(src, rect, n)
		src, rect = dst, dst.Bounds()
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, orientate(dst, orient), &jpeg.Options{Quality: Quality}); err != nil {
			return nil, fmt.Errorf("encode avatar %dpx: %w", n, err)
		}
		out[n] = buf.Bytes()
	}
	return out, nil
}

// squareCrop is the largest square centred in b.
func squareCrop(b image.Rectangle) image.Rectangle {
	side := min(b.Dx(), b.Dy())
	x := b.Min.X + (b.Dx()-side)/2
	y := b.Min.Y + (b.Dy()-side)/2
	return image.Rect(x, y, x+side, y+side)
}

// scale draws the part r of src into a new n x n picture with Catmull-Rom
// resampling, over white so transparency does not turn black in JPEG.
func scale(src image.Image, r image.Rectangle, n int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, n, n))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, r, draw.Over, nil)
	return dst
}
