package demo

import (
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// stock spreads a product over the locations: about 8% are out of stock
// everywhere (half never stocked, half sold out with zero rows left), about
// 10% sit only in a warehouse, the rest are in a warehouse and several
// stores. Bulky goods (bikes) come in small numbers. Only products priced
// in tenge are stocked in Almaty.
func (g *generator) stock(bulky, kzt bool) []domain.StockLevel {
	r := g.r
	want := map[string]int{}
	var stores, warehouses []string
	for _, l := range g.locations {
		switch {
		case l.Kind == domain.Warehouse:
			warehouses = append(warehouses, l.ID)
		case l.ID != almatyStore || kzt:
			stores = append(stores, l.ID)
		}
	}
	storeQty := func() int {
		if r.IntN(7) == 0 {
			return 0 // sold out in this store
		}
		if bulky {
			return between(r, 1, 4)
		}
		return between(r, 1, 24)
	}
	whQty := func() int {
		if bulky {
			return between(r, 2, 30)
		}
		return between(r, 20, 300)
	}
	switch x := r.IntN(100); {
	case x < 4:
		return nil
	case x < 8:
		want[pick(r, warehouses...)] = 0
		for _, i := range r.Perm(len(stores))[:between(r, 1, 3)] {
			want[stores[i]] = 0
		}
	case x < 18:
		want[warehouses[0]] = whQty()
		if r.IntN(3) == 0 {
			want[warehouses[1]] = whQty()
		}
	default:
		for _, w := range warehouses {
			if r.IntN(10) < 7 {
				want[w] = whQty()
			}
		}
		for _, i := range r.Perm(len(stores))[:between(r, 2, len(stores))] {
			want[stores[i]] = storeQty()
		}
		if _, ok := want[warehouses[0]]; !ok {
			want[warehouses[0]] = whQty() // keep in-stock products in stock
		}
	}
	// Emit in location order: map iteration order is random.
	out := make([]domain.StockLevel, 0, len(want))
	for _, l := range g.locations {
		if q, ok := want[l.ID]; ok {
			out = append(out, domain.StockLevel{LocationID: l.ID, Quantity: q})
		}
	}
	return out
}
