package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

var (
	skuRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{2,39}$`)
	idRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
)

// Validate checks a product's own rules (the references to brand, category
// and sports are checked against the taxonomy by Taxonomy.Check).
func (p *Product) Validate() error {
	var f apperr.Fields
	if !skuRe.MatchString(p.SKU) {
		f.Add("sku", "invalid", "3-40 characters: capital letters, digits and dashes")
	}
	checkText(&f, "name", p.Name, 1, 200)
	checkText(&f, "description", p.Description, 0, 5000)
	if !idRe.MatchString(p.BrandID) {
		f.Add("brand_id", "invalid", "must be a brand id")
	}
	if !idRe.MatchString(p.CategoryID) {
		f.Add("category_id", "invalid", "must be a category id")
	}
	if len(p.Sports) == 0 || len(p.Sports) > 6 {
		f.Add("sports", "invalid", "give 1 to 6 sports")
	}
	if p.SizeSystem != "" && !slices.Contains(SizeSystems, p.SizeSystem) {
		f.Add("size_system", "not_allowed", "must be one of: "+strings.Join(SizeSystems, ", "))
	}
	if len(p.Sizes) > 60 {
		f.Add("sizes", "too_many", "at most 60 sizes")
	}
	for i, s := range p.Sizes {
		if s == "" || len(s) > 16 {
			f.Add(fmt.Sprintf("sizes[%d]", i), "invalid", "1-16 characters")
		}
	}
	if len(p.Sizes) > 0 && p.SizeSystem == "" {
		f.Add("size_system", "required", "sizes need a size system")
	}
	if len(p.Images) > 20 {
		f.Add("images", "too_many", "at most 20 images")
	}
	for i, u := range p.Images {
		if len(u) == 0 || len(u) > 500 || !(isLocalPath(u) || strings.HasPrefix(u, "https://")) {
			f.Add(fmt.Sprintf("images[%d]", i), "invalid", "an https URL or a path on this site, at most 500 characters")
		}
	}
	if len(p.SupplierID) > 64 {
		f.Add("supplier_id", "too_long", "at most 64 characters")
	}
	p.Specs.validate(&f)
	return f.Err()
}

func checkText(f *apperr.Fields, field string, t Text, min, max int) {
	for lang, s := range map[string]string{"ru": t.RU, "en": t.EN} {
		n := utf8.RuneCountInString(strings.TrimSpace(s))
		if n < min {
			f.Add(field+"."+lang, "required", "must not be empty")
		} else if n > max {
			f.Add(field+"."+lang, "too_long", fmt.Sprintf("at most %d characters", max))
		}
	}
}

func (s Specs) validate(f *apperr.Fields) {
	rng := func(field string, v *int, min, max int) {
		if v != nil && (*v < min || *v > max) {
			f.Add("specs."+field, "out_of_range", fmt.Sprintf("must be between %d and %d", min, max))
		}
	}
	rng("weight_g", s.WeightG, 1, 100000)
	rng("drop_mm", s.DropMM, 0, 20)
	rng("stack_mm", s.StackMM, 0, 60)
	rng("temp_min_c", s.TempMinC, -60, 50)
	rng("temp_max_c", s.TempMaxC, -60, 50)
	if s.TempMinC != nil && s.TempMaxC != nil && *s.TempMinC > *s.TempMaxC {
		f.Add("specs.temp_min_c", "out_of_range", "must not be above temp_max_c")
	}
	if s.Cushioning != "" && !slices.Contains(CushioningLevels, s.Cushioning) {
		f.Add("specs.cushioning", "not_allowed", "must be one of: "+strings.Join(CushioningLevels, ", "))
	}
	if s.Terrain != "" && !slices.Contains(Terrains, s.Terrain) {
		f.Add("specs.terrain", "not_allowed", "must be one of: "+strings.Join(Terrains, ", "))
	}
	if s.Materials != nil {
		checkText(f, "specs.materials", *s.Materials, 0, 300)
	}
}

// Validate checks a price.
func (p Price) Validate() error {
	var f apperr.Fields
	if _, ok := regionByID(p.Region); !ok {
		f.Add("region", "not_allowed", "unknown region")
	}
	if !slices.Contains(Currencies, p.Currency) {
		f.Add("currency", "not_allowed", "must be one of: "+strings.Join(Currencies, ", "))
	}
	if p.AmountMinor <= 0 || p.AmountMinor > 1_000_000_000_00 {
		f.Add("amount_minor", "out_of_range", "must be positive and at most 1,000,000,000.00")
	}
	return f.Err()
}

func regionByID(id string) (Region, bool) {
	for _, r := range Regions {
		if r.ID == id {
			return r, true
		}
	}
	return Region{}, false
}

// Validate checks a stock level.
func (s StockLevel) Validate() error {
	var f apperr.Fields
	if s.LocationID == "" || len(s.LocationID) > 64 {
		f.Add("location_id", "required", "must be a location id")
	}
	if s.Quantity < 0 || s.Quantity > 1_000_000 {
		f.Add("quantity", "out_of_range", "must be between 0 and 1000000")
	}
	return f.Err()
}

// isLocalPath reports whether u is a path on this site: it starts with one
// slash, so "//host/x" (protocol-relative) and "/\\host" (read as "//host" by
// browsers) are not.
func isLocalPath(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.Contains(u, "\\")
}
