package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// generator holds one generation's random source and bookkeeping.
type generator struct {
	r         *rand.Rand
	brands    []brand
	brandByID map[string]brand
	locations []domain.Location
	models    map[string]bool // category|brand|model already used
	seq       int             // products generated so far
}

func newGenerator(r *rand.Rand) *generator {
	g := &generator{r: r, brands: brands(), brandByID: map[string]brand{}, locations: locations(), models: map[string]bool{}}
	for _, b := range g.brands {
		g.brandByID[b.id] = b
	}
	return g
}

// pairing remembers a men's product so that the next one may be the
// women's version of the same model, as real ranges have.
type pairing struct {
	variant int
	brand   brand
	model   string
}

// items generates the products of one kind.
func (g *generator) items(k kind) []Item {
	out := make([]Item, 0, k.count)
	var prev *pairing
	for range k.count {
		vi := g.r.IntN(len(k.variants))
		v := &k.variants[vi]
		l := v.line
		var b brand
		var model string
		if prev != nil && g.r.IntN(2) == 0 {
			v, b, model, l = &k.variants[prev.variant], prev.brand, prev.model, women
			prev = nil
		} else {
			if l == anyLine {
				l = g.line(k.cut)
			}
			b = g.brandByID[pick(g.r, k.brands...)]
			model = g.modelName(&k, b)
			prev = nil
			if l == men && k.cut && v.line == anyLine {
				prev = &pairing{variant: vi, brand: b, model: model}
			}
		}
		out = append(out, g.item(&k, v, l, b, model))
	}
	return out
}

// line picks who a product is cut for.
func (g *generator) line(cut bool) line {
	if !cut {
		return unisex
	}
	switch x := g.r.IntN(20); {
	case x < 11:
		return men
	case x < 18:
		return women
	default:
		return unisex
	}
}

func (g *generator) item(k *kind, v *variant, l line, b brand, model string) Item {
	r := g.r
	g.seq++
	id := fmt.Sprintf("prd_%04d", g.seq)
	sh := v.make(r)
	if l == women && k.sizing == shoeEU && sh.specs.WeightG != nil {
		*sh.specs.WeightG = *sh.specs.WeightG * 86 / 100 / 5 * 5 // smaller sizes weigh less
	}
	nn := k.noun
	if v.noun != nil {
		nn = *v.noun
	}
	sports := []string{k.cat.Sport}
	if v.also != "" {
		sports = append(sports, v.also)
	} else if len(k.also) > 0 && r.IntN(3) == 0 {
		sports = append(sports, pick(r, k.also...))
	}
	sports = slices.Compact(sports)
	sizes, system := g.sizes(k.sizing, l, sh)
	supplier := b.supplier
	if r.IntN(100) < 15 {
		supplier = supplier%12 + 1 // some lines come through a distributor
	}
	created := time.Date(2025, 1, 9, 8, 0, 0, 0, time.UTC).
		Add(time.Duration(r.IntN(660))*24*time.Hour + time.Duration(r.IntN(11*60))*time.Minute)
	p := domain.Product{
		ID:          id,
		SKU:         fmt.Sprintf("%s-%s-%04d", skuPrefix(k.cat.Sport), b.code, g.seq),
		Name:        productName(nn, l, b.name, model, sh.tag),
		Description: description(r, pick(r, v.intros...), sh.specs, k.cat.Sport),
		BrandID:     b.id,
		CategoryID:  k.cat.ID,
		Sports:      sports,
		Specs:       sh.specs,
		Sizes:       sizes,
		SizeSystem:  system,
		Images:      []string{ImagePath(id)},
		SupplierID:  fmt.Sprintf("sup_%02d", supplier),
		Popularity:  int(math.Pow(r.Float64(), 2) * 1000),
		Version:     1,
		CreatedAt:   created,
		UpdatedAt:   created,
	}
	pict := k.pict
	if v.pict != 0 {
		pict = v.pict
	}
	modelTag, _ := splitTag(sh.tag.EN)
	prices := g.prices(g.basePrice(k, v, sh))
	return Item{
		Product: p,
		Prices:  prices,
		Stock:   g.stock(pict == pictBike, hasCurrency(prices, "KZT")),
		art:     artwork{pict: pict, model: model + modelTag},
	}
}

// sizes returns a product's sizes and size system.
func (g *generator) sizes(s sizing, l line, sh shape) ([]string, string) {
	r := g.r
	switch s {
	case shoeEU:
		lo, hi := 36, 46
		switch l {
		case men:
			lo, hi = pick(r, 39, 40), pick(r, 46, 47)
		case women:
			lo, hi = 36, pick(r, 41, 42)
		}
		halves := r.IntN(10) < 3
		var out []string
		for v := lo; v <= hi; v++ {
			out = append(out, itoa(v))
			if halves && v < hi {
				out = append(out, itoa(v)+".5")
			}
		}
		return out, "EU"
	case apparelINT:
		all := []string{"XS", "S", "M", "L", "XL", "XXL"}
		switch l {
		case men:
			return all[1:], "INT"
		case women:
			return all[:5], "INT"
		}
		return all, "INT"
	case gearINT:
		return []string{"S", "M", "L", "XL"}, "INT"
	case sockEU:
		return []string{"35-38", "39-42", "43-46"}, "EU"
	case finEU:
		return []string{"36-37", "38-39", "40-41", "42-43", "44-45"}, "EU"
	case frameCM:
		all := []string{"47", "49", "51", "52", "54", "56", "58", "61"}
		from := r.IntN(3)
		return slices.Clone(all[from : from+between(r, 5, 6)]), "cm"
	case frameINT:
		all := []string{"XS", "S", "M", "L", "XL"}
		from := r.IntN(2)
		return slices.Clone(all[from : from+4]), "INT"
	case helmetCM:
		return pick(r, []string{"51-55", "55-59", "59-63"}, []string{"52-56", "56-60"}, []string{"54-58", "58-62"}), "cm"
	case fromShape:
		if len(sh.sizes) > 0 {
			return sh.sizes, sh.system
		}
	}
	return nil, "one_size"
}
