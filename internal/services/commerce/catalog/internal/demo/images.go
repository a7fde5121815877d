package demo

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Images returns a generated SVG picture per product, keyed by ImageName
// (the last segment of the product's image path): the brand's colour as a
// gradient, a pictogram of the category, and the brand and model as text.
// The pictures are self-contained (no fonts or URLs) and about 1 KB each.
func (ds *Dataset) Images() map[string][]byte {
	colors := map[string]string{}
	for _, b := range brands() {
		colors[b.id] = b.color
	}
	brandNames := map[string]string{}
	for _, b := range ds.Brands {
		brandNames[b.ID] = b.Name
	}
	categoryPicts := map[string]pict{}
	for _, k := range allKinds() {
		categoryPicts[k.cat.ID] = k.pict
	}
	out := make(map[string][]byte, len(ds.Products))
	for _, it := range ds.Products {
		p := &it.Product
		color, ok := colors[p.BrandID]
		if !ok {
			color = hashColor(p.BrandID)
		}
		name, ok := brandNames[p.BrandID]
		if !ok {
			name = p.BrandID
		}
		pc, model := it.art.pict, it.art.model
		if pc == pictNone {
			pc = categoryPicts[p.CategoryID]
		}
		if model == "" {
			model = p.SKU
		}
		out[ImageName(p.ID)] = svg(color, pc, p.CategoryID, name, model)
	}
	return out
}

// svg renders one product picture.
func svg(color string, p pict, category, brandName, model string) []byte {
	light, dark := shade(color, 1.15), shade(color, 0.6)
	var b strings.Builder
	b.Grow(2048)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">`)
	fmt.Fprintf(&b, `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>`, light, dark)
	b.WriteString(`<rect width="600" height="600" fill="url(#bg)"/><circle cx="300" cy="285" r="215" fill="#fff" fill-opacity=".1"/>`)
	b.WriteString(`<g fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round">`)
	b.WriteString(pictogram(p, category, dark))
	b.WriteString(`</g><text x="300" y="528" text-anchor="middle" font-family="sans-serif" font-size="44" font-weight="700" fill="#fff">`)
	escape(&b, brandName)
	b.WriteString(`</text><text x="300" y="570" text-anchor="middle" font-family="sans-serif" font-size="28" fill="#fff" fill-opacity=".85">`)
	escape(&b, model)
	b.WriteString(`</text></svg>`)
	return []byte(b.String())
}

func escape(b *strings.Builder, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a strings.Builder never fails to write
}

// shade scales a #rrggbb colour's channels by f (below 1 darkens).
func shade(color string, f float64) string {
	v, err := strconv.ParseUint(strings.TrimPrefix(color, "#"), 16, 32)
	if err != nil || len(color) != 7 {
		v = 0x607080
	}
	ch := func(shift uint) int {
		c := float64((v >> shift) & 0xff)
		return min(int(c*f+0.5), 255)
	}
	return fmt.Sprintf("#%02x%02x%02x", ch(16), ch(8), ch(0))
}

// hashColor gives brands unknown to the demo a stable colour of their own.
func hashColor(s string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	v := h.Sum32()
	return fmt.Sprintf("#%02x%02x%02x", 0x30+v&0x7f, 0x30+(v>>8)&0x7f, 0x30+(v>>16)&0x7f)
}
