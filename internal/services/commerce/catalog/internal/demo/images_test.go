package demo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// parseSVG decodes a whole document and returns the root element's name
// and all character data.
func parseSVG(t *testing.T, doc []byte) (root, text string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var chars strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("parse %s: %v", doc, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = tk.Name.Local
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			chars.Write(tk)
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced document %s", doc)
	}
	return root, chars.String()
}

func TestImages(t *testing.T) {
	ds := Generate()
	images := ds.Images()
	if len(images) != len(ds.Products) {
		t.Fatalf("%d images for %d products", len(images), len(ds.Products))
	}
	brandNames := map[string]string{}
	for _, b := range ds.Brands {
		brandNames[b.ID] = b.Name
	}
	var largest int
	for _, it := range ds.Products {
		p := it.Product
		key := path.Base(p.Images[0])
		doc, ok := images[key]
		if !ok || key != ImageName(p.ID) {
			t.Fatalf("%s: no image %q", p.ID, key)
		}
		largest = max(largest, len(doc))
		if len(doc) >= 4096 {
			t.Errorf("%s: image is %d bytes", p.ID, len(doc))
		}
		root, text := parseSVG(t, doc)
		if root != "svg" || !strings.Contains(text, brandNames[p.BrandID]) {
			t.Errorf("%s: root %q, text %q", p.ID, root, text)
		}
		// Self-contained: the only reference is to the gradient inside.
		if s := strings.ReplaceAll(string(doc), `xmlns="http://www.w3.org/2000/svg"`, ""); strings.Contains(s, "http") ||
			strings.Contains(s, "href") || strings.Count(s, "url(") != strings.Count(s, "url(#") {
			t.Errorf("%s: external reference in %s", p.ID, doc)
		}
	}
	t.Logf("largest image: %d bytes", largest)
	again := ds.Images()
	for k, v := range images {
		if !bytes.Equal(v, again[k]) {
			t.Fatalf("image %s differs between calls", k)
		}
	}
}

func TestImageEscapesText(t *testing.T) {
	doc := svg("#123456", pictBall, "footballs", `Tom & "Jerry"`, "<Model> 1")
	_, text := parseSVG(t, doc)
	if !strings.Contains(text, `Tom & "Jerry"`) || !strings.Contains(text, "<Model> 1") {
		t.Fatalf("text %q lost in %s", text, doc)
	}
}

func TestImagesOfUnknownBrandsAndCategories(t *testing.T) {
	p := domain.Product{ID: "prd_x", SKU: "NEW-0001", BrandID: "newbrand", CategoryID: "new-category"}
	ds := Dataset{Products: []Item{{Product: p}}}
	doc := ds.Images()["prd_x.svg"]
	if root, text := parseSVG(t, doc); root != "svg" || !strings.Contains(text, "newbrand") {
		t.Fatalf("root %q text %q", root, text)
	}
}
