// Package avatartest makes real picture files for the avatar tests: PNG,
// JPEG (with an EXIF orientation), GIF and WebP (a lossless VP8L file
// written bit by bit from the format's specification, since no Go encoder
// exists), and headers that declare huge pictures (decompression bombs).
package avatartest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
)

// Quadrants is a w x h picture whose top-left quarter is red, top-right
// green, bottom-left blue and bottom-right white, so a test can tell crops,
// mirrors and rotations apart.
func Quadrants(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{A: 255}
			switch {
			case x < w/2 && y < h/2:
				c.R = 255
			case y < h/2:
				c.G = 255
			case x < w/2:
				c.B = 255
			default:
				c = color.NRGBA{255, 255, 255, 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// PNG encodes m as PNG.
func PNG(m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err) // in-memory encoding of a valid picture cannot fail
	}
	return b.Bytes()
}

// JPEG encodes m as JPEG and, for orientation 2-8, adds an EXIF segment
// saying how the picture is meant to be turned.
func JPEG(m image.Image, orientation int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		panic(err)
	}
	data := b.Bytes()
	if orientation < 2 {
		return data
	}
	// TIFF, little-endian: header, IFD0 with one SHORT entry 0x0112.
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(orientation), 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	out := append([]byte{}, data[:2]...)
	out = append(out, app1...)
	return append(out, data[2:]...)
}

// GIF encodes m as a GIF (palette of the web-safe colours).
func GIF(m image.Image) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, m, nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// WebP returns a lossless WebP (VP8L) picture of w x h pixels (at most
// 16384 each) all of colour c. The bitstream: signature 0x2f, 14 bits
// width-1, 14 bits height-1, alpha hint, 3-bit version 0; no transform;
// no colour cache; no meta prefix codes; then five "simple" prefix codes
// (green, red, blue, alpha, distance) of one symbol each, so that every
// pixel takes zero bits. Bits are packed least significant first.
func WebP(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)
	bw.write(uint32(w-1), 14)
	bw.write(uint32(h-1), 14)
	bw.write(1, 1) // alpha is used
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // eight bits
		bw.write(uint32(sym), 8)
	}
	return riff("VP8L", bw.bytes())
}

// WebPBomb is a WebP whose extended header declares a w x h canvas
// (at most 16777216 each) without the data to fill it.
func WebPBomb(w, h int) []byte {
	vp8x := []byte{0, 0, 0, 0, byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
	return riff("VP8X", vp8x)
}

func riff(fourCC string, payload []byte) []byte {
	chunk := append([]byte(fourCC), le32(len(payload))...)
	chunk = append(chunk, payload...)
	if len(payload)%2 == 1 {
		chunk = append(chunk, 0)
	}
	out := append([]byte("RIFF"), le32(4+len(chunk))...)
	out = append(out, "WEBP"...)
	return append(out, chunk...)
}

func le32(n int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(n)) }

type bitWriter struct {
	buf  []byte
	acc  uint64
	nacc uint
}

func (b *bitWriter) write(v uint32, n uint) {
	b.acc |= uint64(v) << b.nacc
	b.nacc += n
	for b.nacc >= 8 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc >>= 8
		b.nacc -= 8
	}
}

func (b *bitWriter) bytes() []byte {
	if b.nacc > 0 {
		return append(b.buf, byte(b.acc))
	}
	return b.buf
}

// PNGBomb is a PNG signature and header chunk (valid CRC) declaring a
// w x h picture, followed by nothing.
func PNGBomb(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, no interlace
	chunk := append([]byte("IHDR"), ihdr...)
	out := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))...)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// GIFBomb is a GIF header whose logical screen is w x h (at most 65535).
func GIFBomb(w, h int) []byte {
	out := []byte("GIF89a")
	out = binary.LittleEndian.AppendUint16(out, uint16(w))
	out = binary.LittleEndian.AppendUint16(out, uint16(h))
	return append(out, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, ';') // 2-colour global table, trailer
}
