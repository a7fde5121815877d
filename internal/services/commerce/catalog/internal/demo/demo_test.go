package demo

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(), Generate()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Generate returned different datasets")
	}
	// The result is the caller's: changing it must not leak into the next call.
	a.Products[0].Product.Name.EN = "changed"
	a.Products[0].Product.Sports[0] = "changed"
	if c := Generate(); !reflect.DeepEqual(b, c) {
		t.Fatal("modifying one dataset changed the next one")
	}
}

func TestGenerateCoversEverySport(t *testing.T) {
	ds := Generate()
	var ids []string
	for _, s := range ds.Sports {
		ids = append(ids, s.ID)
		if s.Name.RU == "" || s.Name.EN == "" || s.Name.RU == s.Name.EN {
			t.Errorf("sport %s: names %+v", s.ID, s.Name)
		}
	}
	want := []string{"running", "cycling", "swimming", "outdoor", "fitness", "team"}
	if !slices.Equal(ids, want) {
		t.Fatalf("sports = %v, want %v", ids, want)
	}
	if n := len(ds.Products); n < 300 {
		t.Fatalf("%d products, want at least 300", n)
	}
	perSport := map[string]int{}
	for _, it := range ds.Products {
		for _, s := range it.Product.Sports {
			perSport[s]++
		}
	}
	for _, s := range want {
		if perSport[s] < 30 {
			t.Errorf("sport %s has %d products, want at least 30", s, perSport[s])
		}
	}
	if n := len(ds.Categories); n < 25 || n > 45 {
		t.Errorf("%d categories, want about 30", n)
	}
	if n := len(ds.Brands); n < 20 || n > 30 {
		t.Errorf("%d brands, want about 25", n)
	}
	perCategory := map[string]int{}
	perBrand := map[string]int{}
	for _, it := range ds.Products {
		perCategory[it.Product.CategoryID]++
		perBrand[it.Product.BrandID]++
	}
	for _, c := range ds.Categories {
		if perCategory[c.ID] < 5 {
			t.Errorf("category %s has %d products", c.ID, perCategory[c.ID])
		}
	}
	for _, b := range ds.Brands {
		if perBrand[b.ID] == 0 {
			t.Errorf("brand %s has no products", b.ID)
		}
	}
}

func TestTaxonomyAndLocations(t *testing.T) {
	ds := Generate()
	id := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	sportIDs := map[string]bool{}
	for _, s := range ds.Sports {
		sportIDs[s.ID] = true
	}
	seen := map[string]bool{}
	for _, c := range ds.Categories {
		if !id.MatchString(c.ID) || seen[c.ID] || !sportIDs[c.Sport] || c.Name.RU == "" || c.Name.EN == "" {
			t.Errorf("bad category %+v", c)
		}
		seen[c.ID] = true
	}
	for _, b := range ds.Brands {
		if !id.MatchString(b.ID) || seen[b.ID] || b.Name == "" || strings.ToLower(b.Name) != b.ID {
			t.Errorf("bad brand %+v", b)
		}
		seen[b.ID] = true
	}
	kinds := map[domain.LocationKind]int{}
	cities := map[string]bool{}
	for _, l := range ds.Locations {
		if !id.MatchString(l.ID) || seen[l.ID] || l.Name.RU == "" || l.Name.EN == "" || l.City.RU == "" || l.City.EN == "" {
			t.Errorf("bad location %+v", l)
		}
		seen[l.ID] = true
		kinds[l.Kind]++
		cities[l.City.RU] = true
	}
	if kinds[domain.Store] < 7 || kinds[domain.Warehouse] < 1 || kinds[domain.Store]+kinds[domain.Warehouse] != len(ds.Locations) {
		t.Errorf("location kinds %v", kinds)
	}
	for _, c := range []string{"Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Краснодар", "Алматы"} {
		if !cities[c] {
			t.Errorf("no location in %s", c)
		}
	}
}

func TestProductsAreValidAndConsistent(t *testing.T) {
	ds := Generate()
	categories := map[string]domain.Category{}
	for _, c := range ds.Categories {
		categories[c.ID] = c
	}
	brandNames := map[string]string{}
	for _, b := range ds.Brands {
		brandNames[b.ID] = b.Name
	}
	sportIDs := map[string]bool{}
	for _, s := range ds.Sports {
		sportIDs[s.ID] = true
	}
	sku := regexp.MustCompile(`^(RUN|CYC|SWM|OUT|FIT|TEAM)-[A-Z]{3}-[0-9]{4}$`)
	supplier := regexp.MustCompile(`^sup_(0[1-9]|1[0-2])$`)
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	ids, skus, namesRU, namesEN := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, it := range ds.Products {
		p := it.Product
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if !strings.HasPrefix(p.ID, "prd_") || ids[p.ID] || !sku.MatchString(p.SKU) || skus[p.SKU] {
			t.Errorf("%s: id or SKU %q not unique or malformed", p.ID, p.SKU)
		}
		ids[p.ID], skus[p.SKU] = true, true
		c, ok := categories[p.CategoryID]
		if !ok || !slices.Contains(p.Sports, c.Sport) {
			t.Errorf("%s: category %q missing or its sport not among %v", p.ID, p.CategoryID, p.Sports)
		}
		if len(p.Sports) > 2 || len(slices.Compact(slices.Sorted(slices.Values(p.Sports)))) != len(p.Sports) {
			t.Errorf("%s: sports %v", p.ID, p.Sports)
		}
		for _, s := range p.Sports {
			if !sportIDs[s] {
				t.Errorf("%s: unknown sport %q", p.ID, s)
			}
		}
		brand, ok := brandNames[p.BrandID]
		if !ok {
			t.Errorf("%s: unknown brand %q", p.ID, p.BrandID)
		}
		for _, text := range []domain.Text{p.Name, p.Description} {
			if strings.TrimSpace(text.RU) == "" || strings.TrimSpace(text.EN) == "" || text.RU == text.EN {
				t.Errorf("%s: texts %+v", p.ID, text)
			}
		}
		if !strings.Contains(p.Name.RU, brand) || !strings.Contains(p.Name.EN, brand) {
			t.Errorf("%s: names %+v lack the brand %s", p.ID, p.Name, brand)
		}
		if !regexp.MustCompile(`[а-яА-Я]`).MatchString(p.Description.RU) || regexp.MustCompile(`[а-яА-Я]`).MatchString(p.Description.EN) {
			t.Errorf("%s: descriptions in the wrong language: %+v", p.ID, p.Description)
		}
		if namesRU[p.Name.RU] || namesEN[p.Name.EN] {
			t.Errorf("%s: duplicate name %+v", p.ID, p.Name)
		}
		namesRU[p.Name.RU], namesEN[p.Name.EN] = true, true
		if !unique(p.Sizes) || (p.SizeSystem == "one_size") != (len(p.Sizes) == 0) {
			t.Errorf("%s: sizes %v in %q", p.ID, p.Sizes, p.SizeSystem)
		}
		if !slices.Equal(p.Images, []string{"/api/v1/commerce/images/" + p.ID + ".svg"}) {
			t.Errorf("%s: images %v", p.ID, p.Images)
		}
		if !supplier.MatchString(p.SupplierID) || p.Popularity < 0 || p.Popularity > 1000 || p.Version != 1 {
			t.Errorf("%s: supplier %q popularity %d version %d", p.ID, p.SupplierID, p.Popularity, p.Version)
		}
		if p.CreatedAt.Before(from) || !p.CreatedAt.Before(to) || p.UpdatedAt.Before(p.CreatedAt) {
			t.Errorf("%s: created %v updated %v", p.ID, p.CreatedAt, p.UpdatedAt)
		}
	}
}

// TestNamesAreSearchable checks that a shopper finds a category by the
// words people type, in either language.
func TestNamesAreSearchable(t *testing.T) {
	words := map[string][2]string{
		"running-shoes":  {"кроссовки для бега", "running shoes"},
		"bike-helmets":   {"велошлем", "bike helmet"},
		"swim-goggles":   {"очки для плавания", "swim goggles"},
		"tents":          {"палатка", "tent"},
		"sleeping-bags":  {"спальный мешок", "sleeping bag"},
		"dumbbells":      {"гантели", "dumbbells"},
		"footballs":      {"футбольный мяч", "football"},
		"road-bikes":     {"велосипед", "road bike"},
		"wetsuits":       {"гидрокостюм", "wetsuit"},
		"trekking-boots": {"треккинговые ботинки", "hiking boots"},
	}
	for _, it := range Generate().Products {
		p := it.Product
		w, ok := words[p.CategoryID]
		if !ok {
			continue
		}
		if !strings.Contains(strings.ToLower(p.Name.RU), w[0]) || !strings.Contains(strings.ToLower(p.Name.EN), w[1]) {
			t.Errorf("%s: %+v lacks %q / %q", p.ID, p.Name, w[0], w[1])
		}
	}
}

func unique(xs []string) bool {
	seen := map[string]bool{}
	for _, x := range xs {
		if seen[x] {
			return false
		}
		seen[x] = true
	}
	return true
}
