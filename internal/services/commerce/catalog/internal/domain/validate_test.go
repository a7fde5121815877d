package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func ptr[T any](v T) *T { return &v }

// validProduct passes every rule; each case below breaks (or stretches) one.
func validProduct() domain.Product {
	return domain.Product{
		SKU:         "RUN-0001",
		Name:        domain.Text{RU: "Кроссовки", EN: "Running shoes"},
		Description: domain.Text{RU: "Лёгкие", EN: "Light"},
		BrandID:     "asics",
		CategoryID:  "running_shoes",
		Sports:      []string{"running"},
		Sizes:       []string{"42", "42.5"},
		SizeSystem:  "EU",
		Images:      []string{"/media/p/1.jpg", "https://cdn.sporthub.dev/p/2.jpg"},
		SupplierID:  "sup-1",
		Specs: domain.Specs{
			WeightG: ptr(250), DropMM: ptr(8), StackMM: ptr(30), Cushioning: "high", Terrain: "road",
			Waterproof: ptr(false), TempMinC: ptr(-10), TempMaxC: ptr(30), Materials: &domain.Text{RU: "сетка", EN: "mesh"},
		},
	}
}

// problems returns the sorted "field:code" pairs of a validation error.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || ae.Code != "validation_failed" {
		t.Fatalf("err %v is not a validation error", err)
	}
	out := make([]string, 0, len(ae.Fields))
	for _, f := range ae.Fields {
		if f.Message == "" {
			t.Fatalf("field error %+v has no message", f)
		}
		out = append(out, f.Field+":"+f.Code)
	}
	slices.Sort(out)
	return out
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestProductValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(p *domain.Product)
		want   []string // nil: valid
	}{
		{"valid", func(p *domain.Product) {}, nil},
		{"minimal", func(p *domain.Product) {
			*p = domain.Product{SKU: "ABC", Name: domain.Text{RU: "я", EN: "I"}, BrandID: "a", CategoryID: "b", Sports: []string{"x"}}
		}, nil},

		{"sku 40 chars", func(p *domain.Product) { p.SKU = "A" + strings.Repeat("-", 39) }, nil},
		{"sku 41 chars", func(p *domain.Product) { p.SKU = strings.Repeat("A", 41) }, []string{"sku:invalid"}},
		{"sku 2 chars", func(p *domain.Product) { p.SKU = "AB" }, []string{"sku:invalid"}},
		{"sku empty", func(p *domain.Product) { p.SKU = "" }, []string{"sku:invalid"}},
		{"sku lowercase", func(p *domain.Product) { p.SKU = "run-1" }, []string{"sku:invalid"}},
		{"sku leading dash", func(p *domain.Product) { p.SKU = "-RUN1" }, []string{"sku:invalid"}},
		{"sku space", func(p *domain.Product) { p.SKU = "RUN 1" }, []string{"sku:invalid"}},
		{"sku trailing newline", func(p *domain.Product) { p.SKU = "RUN1\n" }, []string{"sku:invalid"}},

		{"name blank", func(p *domain.Product) { p.Name = domain.Text{RU: "  ", EN: ""} }, []string{"name.en:required", "name.ru:required"}},
		{"name 200 runes", func(p *domain.Product) { p.Name.RU = strings.Repeat("ж", 200) }, nil},
		{"name 201 runes", func(p *domain.Product) { p.Name.EN = strings.Repeat("x", 201) }, []string{"name.en:too_long"}},
		{"name padded to 200", func(p *domain.Product) { p.Name.EN = "  " + strings.Repeat("x", 200) + "  " }, nil},
		{"description empty", func(p *domain.Product) { p.Description = domain.Text{} }, nil},
		{"description 5000", func(p *domain.Product) { p.Description.RU = strings.Repeat("ы", 5000) }, nil},
		{"description 5001", func(p *domain.Product) { p.Description.RU = strings.Repeat("ы", 5001) }, []string{"description.ru:too_long"}},

		{"brand 64 chars", func(p *domain.Product) { p.BrandID = strings.Repeat("b", 64) }, nil},
		{"brand 65 chars", func(p *domain.Product) { p.BrandID = strings.Repeat("b", 65) }, []string{"brand_id:invalid"}},
		{"brand capital", func(p *domain.Product) { p.BrandID = "Asics" }, []string{"brand_id:invalid"}},
		{"brand leading underscore", func(p *domain.Product) { p.BrandID = "_asics" }, []string{"brand_id:invalid"}},
		{"brand empty", func(p *domain.Product) { p.BrandID = "" }, []string{"brand_id:invalid"}},
		{"category bad", func(p *domain.Product) { p.CategoryID = "shoes/run" }, []string{"category_id:invalid"}},

		{"no sports", func(p *domain.Product) { p.Sports = nil }, []string{"sports:invalid"}},
		{"6 sports", func(p *domain.Product) { p.Sports = repeat("s", 6) }, nil},
		{"7 sports", func(p *domain.Product) { p.Sports = repeat("s", 7) }, []string{"sports:invalid"}},

		{"unknown size system", func(p *domain.Product) { p.SizeSystem = "US" }, []string{"size_system:not_allowed"}},
		{"sizes without system", func(p *domain.Product) { p.SizeSystem = "" }, []string{"size_system:required"}},
		{"system without sizes", func(p *domain.Product) { p.Sizes = nil }, nil},
		{"60 sizes", func(p *domain.Product) { p.Sizes = repeat("M", 60) }, nil},
		{"61 sizes", func(p *domain.Product) { p.Sizes = repeat("M", 61) }, []string{"sizes:too_many"}},
		{"empty size", func(p *domain.Product) { p.Sizes = []string{"S", ""} }, []string{"sizes[1]:invalid"}},
		{"size 16 chars", func(p *domain.Product) { p.Sizes = []string{strings.Repeat("9", 16)} }, nil},
		{"size 17 chars", func(p *domain.Product) { p.Sizes = []string{strings.Repeat("9", 17)} }, []string{"sizes[0]:invalid"}},

		{"20 images", func(p *domain.Product) { p.Images = repeat("/i.jpg", 20) }, nil},
		{"21 images", func(p *domain.Product) { p.Images = repeat("/i.jpg", 21) }, []string{"images:too_many"}},
		{"http image", func(p *domain.Product) { p.Images = []string{"http://cdn/x.jpg"} }, []string{"images[0]:invalid"}},
		{"relative image", func(p *domain.Product) { p.Images = []string{"/ok", "x.jpg"} }, []string{"images[1]:invalid"}},
		{"javascript image", func(p *domain.Product) { p.Images = []string{"javascript:alert(1)"} }, []string{"images[0]:invalid"}},
		{"empty image", func(p *domain.Product) { p.Images = []string{""} }, []string{"images[0]:invalid"}},
		{"protocol-relative image", func(p *domain.Product) { p.Images = []string{"//evil.example/x.png"} }, []string{"images[0]:invalid"}},
		{"backslash image", func(p *domain.Product) { p.Images = []string{"/\\evil.example/x.png"} }, []string{"images[0]:invalid"}},
		{"image 500 chars", func(p *domain.Product) { p.Images = []string{"/" + strings.Repeat("a", 499)} }, nil},
		{"image 501 chars", func(p *domain.Product) { p.Images = []string{"/" + strings.Repeat("a", 500)} }, []string{"images[0]:invalid"}},

		{"supplier 64", func(p *domain.Product) { p.SupplierID = strings.Repeat("s", 64) }, nil},
		{"supplier 65", func(p *domain.Product) { p.SupplierID = strings.Repeat("s", 65) }, []string{"supplier_id:too_long"}},

		{"no specs", func(p *domain.Product) { p.Specs = domain.Specs{} }, nil},
		{"spec lower bounds", func(p *domain.Product) {
			p.Specs = domain.Specs{WeightG: ptr(1), DropMM: ptr(0), StackMM: ptr(0), TempMinC: ptr(-60), TempMaxC: ptr(-60)}
		}, nil},
		{"spec upper bounds", func(p *domain.Product) {
			p.Specs = domain.Specs{WeightG: ptr(100000), DropMM: ptr(20), StackMM: ptr(60), TempMinC: ptr(50), TempMaxC: ptr(50)}
		}, nil},
		{"spec below bounds", func(p *domain.Product) {
			p.Specs = domain.Specs{WeightG: ptr(0), DropMM: ptr(-1), StackMM: ptr(-1), TempMinC: ptr(-61), TempMaxC: ptr(-61)}
		}, []string{"specs.drop_mm:out_of_range", "specs.stack_mm:out_of_range", "specs.temp_max_c:out_of_range",
			"specs.temp_min_c:out_of_range", "specs.weight_g:out_of_range"}},
		{"spec above bounds", func(p *domain.Product) {
			p.Specs = domain.Specs{WeightG: ptr(100001), DropMM: ptr(21), StackMM: ptr(61), TempMinC: ptr(51), TempMaxC: ptr(51)}
		}, []string{"specs.drop_mm:out_of_range", "specs.stack_mm:out_of_range", "specs.temp_max_c:out_of_range",
			"specs.temp_min_c:out_of_range", "specs.weight_g:out_of_range"}},
		{"temp min above max", func(p *domain.Product) { p.Specs.TempMinC, p.Specs.TempMaxC = ptr(5), ptr(4) },
			[]string{"specs.temp_min_c:out_of_range"}},
		{"temp min only", func(p *domain.Product) { p.Specs.TempMinC, p.Specs.TempMaxC = ptr(40), nil }, nil},
		{"unknown cushioning", func(p *domain.Product) { p.Specs.Cushioning = "soft" }, []string{"specs.cushioning:not_allowed"}},
		{"unknown terrain", func(p *domain.Product) { p.Specs.Terrain = "Road" }, []string{"specs.terrain:not_allowed"}},
		{"materials 300", func(p *domain.Product) { p.Specs.Materials = &domain.Text{RU: strings.Repeat("х", 300)} }, nil},
		{"materials 301", func(p *domain.Product) { p.Specs.Materials = &domain.Text{EN: strings.Repeat("x", 301)} },
			[]string{"specs.materials.en:too_long"}},

		{"every problem at once", func(p *domain.Product) {
			*p = domain.Product{Sizes: []string{""}, Specs: domain.Specs{Terrain: "moon"}}
		}, []string{"brand_id:invalid", "category_id:invalid", "name.en:required", "name.ru:required", "size_system:required",
			"sizes[0]:invalid", "sku:invalid", "specs.terrain:not_allowed", "sports:invalid"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProduct()
			c.change(&p)
			if got := problems(t, p.Validate()); !slices.Equal(got, c.want) {
				t.Fatalf("problems = %v, want %v", got, c.want)
			}
		})
	}
}
