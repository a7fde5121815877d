package demo

import (
	"math"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Demo exchange rates: foreign prices are derived from the rouble price and
// rounded the way shops price things (49.99 EUR, 14 900 KZT).
const (
	rubPerEUR = 92.0
	rubPerUSD = 80.0
	kztPerRUB = 5.7
)

// basePrice is a product's price in roubles before retail rounding: the
// shape's own price, or a draw from the variant's or kind's range that
// favours the cheaper end, as real assortments do.
func (g *generator) basePrice(k *kind, v *variant, sh shape) int {
	if sh.rub > 0 {
		return sh.rub
	}
	rng := k.rub
	if v.rub[1] > 0 {
		rng = v.rub
	}
	u := math.Pow(g.r.Float64(), 1.3)
	return rng[0] + int(u*float64(rng[1]-rng[0]))
}

// retailRUB rounds a rouble price up to one ending in 90 (1 290) or, from
// 5 000, in 990 (12 990).
func retailRUB(rub int) int {
	step := 100
	if rub >= 5000 {
		step = 1000
	}
	return max((rub+step-1)/step*step-10, 90)
}

// retailForeign rounds a euro or dollar price up to 4.90, 49.99, 129.99
// or 1 289.99 and returns it in cents.
func retailForeign(v float64) int64 {
	switch {
	case v < 30:
		return int64(math.Ceil(v))*100 - 10
	case v < 100:
		return int64(math.Ceil(v))*100 - 1
	case v < 1000:
		return int64(math.Ceil(v/5))*500 - 1
	default:
		return int64(math.Ceil(v/10))*1000 - 1
	}
}

// prices returns a product's prices: roubles always; for most products
// also tenge, euros and dollars; some are sold only in Russia and
// Kazakhstan or only outside Kazakhstan, a handful only in Russia.
func (g *generator) prices(base int) []domain.Price {
	rub := retailRUB(base)
	out := []domain.Price{{Region: "RU", Currency: "RUB", AmountMinor: int64(rub) * 100}}
	mode := g.r.IntN(100)
	if mode < 3 {
		return out
	}
	if mode < 12 || mode >= 20 {
		kzt := int64(math.Ceil(float64(rub)*kztPerRUB/100)) * 100
		out = append(out, domain.Price{Region: "KZ", Currency: "KZT", AmountMinor: kzt * 100})
	}
	if mode >= 12 {
		out = append(out,
			domain.Price{Region: "EU", Currency: "EUR", AmountMinor: retailForeign(float64(rub) / rubPerEUR)},
			domain.Price{Region: "US", Currency: "USD", AmountMinor: retailForeign(float64(rub) / rubPerUSD)})
	}
	return out
}

func hasCurrency(ps []domain.Price, currency string) bool {
	for _, p := range ps {
		if p.Currency == currency {
			return true
		}
	}
	return false
}
