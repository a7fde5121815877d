package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// kind describes how to generate the products of one category: what they
// are called, which brands make them, their price range and sizing, and
// the variants (a road and a track shoe, a summer and a winter bag) that
// decide specs and the opening sentence of a description.
type kind struct {
	cat    domain.Category
	also   []string // second sports that about a third of the products get
	pict   pict
	noun   noun
	cut    bool // made in men's and women's lines
	sizing sizing
	rub    [2]int // retail price range in roubles
	count  int
	brands []string
	models []string // model words, combined with a generation or suffix
	// noNumbers keeps generations out of model names where a number would
	// read as something else (a ball's size).
	noNumbers bool
	variants  []variant
}

// variant is one kind of product within a category.
type variant struct {
	intros []domain.Text // opening sentences; one is picked per product
	rub    [2]int        // overrides the kind's price range when set
	also   string        // a second sport every product of the variant gets
	noun   *noun         // overrides the kind's noun (leggings among fitness apparel)
	line   line          // forces the line (a swimsuit is women's)
	pict   pict          // overrides the kind's pictogram
	make   func(r *rand.Rand) shape
}

// shape is what a variant decides for one product.
type shape struct {
	specs  domain.Specs
	tag    domain.Text // appended to the model in names: ", 10 кг"
	rub    int         // base price in roubles; overrides the ranges when set
	sizes  []string    // sizes of products the kind's sizing does not cover
	system string
}

// noun is a product noun phrase with the Russian grammatical gender that
// the "men's" and "women's" adjectives agree with.
type noun struct {
	text domain.Text
	gram gram
}

type gram int

const (
	masc gram = iota
	fem
	neut
	plural
)

// line is who a product is cut for.
type line int

const (
	anyLine line = iota // chosen per product
	unisex
	men
	women
)

// sizing is how a kind's products are sized.
type sizing int

const (
	oneSize    sizing = iota
	shoeEU            // whole EU sizes, some models with halves
	apparelINT        // XS-XXL
	gearINT           // S-XL
	sockEU            // EU ranges: 35-38, 39-42, 43-46
	finEU             // EU pairs: 36-37 ... 44-45
	frameCM           // road frame sizes in cm
	frameINT          // mountain frames S-XL
	helmetCM          // head circumference ranges
	fromShape         // the variant gives the sizes
)

func n(ru, en string, g gram) noun { return noun{text: t(ru, en), gram: g} }

func ip(v int) *int   { return &v }
func bp(v bool) *bool { return &v }
func mat(ru, en string) *domain.Text {
	m := t(ru, en)
	return &m
}

// between returns an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// stepped returns a multiple of step in [lo, hi].
func stepped(r *rand.Rand, lo, hi, step int) int { return between(r, lo/step, hi/step) * step }

func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// allKinds returns every category's generation rules, sport by sport, in
// display order.
func allKinds() []kind {
	var ks []kind
	for _, f := range []func() []kind{runningKinds, cyclingKinds, swimmingKinds, outdoorKinds, fitnessKinds, teamKinds} {
		ks = append(ks, f()...)
	}
	return ks
}

// cat builds a category.
func cat(id, sport, ru, en string) domain.Category {
	return domain.Category{ID: id, Sport: sport, Name: t(ru, en)}
}
