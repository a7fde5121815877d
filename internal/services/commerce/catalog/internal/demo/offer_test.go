package demo

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func TestPrices(t *testing.T) {
	ds := Generate()
	var rubOnly, withOther int
	for _, it := range ds.Products {
		id := it.Product.ID
		byCurrency := map[string]int64{}
		for _, p := range it.Prices {
			if err := p.Validate(); err != nil {
				t.Errorf("%s: %+v: %v", id, p, err)
			}
			if r, ok := domain.RegionFor(p.Currency); !ok || r.ID != p.Region {
				t.Errorf("%s: currency %s in region %s", id, p.Currency, p.Region)
			}
			if _, dup := byCurrency[p.Currency]; dup {
				t.Errorf("%s: two %s prices", id, p.Currency)
			}
			byCurrency[p.Currency] = p.AmountMinor
		}
		rub, ok := byCurrency["RUB"]
		if !ok {
			t.Errorf("%s: no RUB price", id)
			continue
		}
		if rub%100 != 0 || rub/100%100 != 90 || rub >= 5000_00 && rub/100%1000 != 990 {
			t.Errorf("%s: %d kopecks is not a retail rouble price", id, rub)
		}
		if len(byCurrency) == 1 {
			rubOnly++
		} else {
			withOther++
		}
		if kzt, ok := byCurrency["KZT"]; ok {
			if kzt%100_00 != 0 || !near(float64(kzt)/float64(rub), kztPerRUB, 0.05) {
				t.Errorf("%s: %d KZT minor for %d RUB minor", id, kzt, rub)
			}
		}
		for cur, rate := range map[string]float64{"EUR": rubPerEUR, "USD": rubPerUSD} {
			v, ok := byCurrency[cur]
			if !ok {
				continue
			}
			if cents := v % 100; cents != 99 && cents != 90 {
				t.Errorf("%s: %s price %d does not end in .99 or .90", id, cur, v)
			}
			if !near(float64(v)*rate, float64(rub), 0.15) {
				t.Errorf("%s: %d %s minor is far from %d RUB minor", id, v, cur, rub)
			}
		}
	}
	if rubOnly == 0 {
		t.Error("no product is priced only in roubles")
	}
	if withOther*100 < len(ds.Products)*80 {
		t.Errorf("only %d of %d products have a price in another currency", withOther, len(ds.Products))
	}
}

func near(got, want, tolerance float64) bool { return math.Abs(got-want) <= want*tolerance }

func TestRetailRounding(t *testing.T) {
	for _, c := range []struct {
		rub, want int
	}{{390, 390}, {401, 490}, {1234, 1290}, {4999, 4990}, {5001, 5990}, {24990, 24990}, {59990, 59990}, {123456, 123990}, {10, 90}} {
		if got := retailRUB(c.rub); got != c.want {
			t.Errorf("retailRUB(%d) = %d, want %d", c.rub, got, c.want)
		}
	}
	for _, c := range []struct {
		v    float64
		want int64
	}{{4.2, 490}, {29.5, 2990}, {42.1, 4299}, {127.3, 12999}, {1283, 128999}} {
		if got := retailForeign(c.v); got != c.want {
			t.Errorf("retailForeign(%v) = %d, want %d", c.v, got, c.want)
		}
	}
}

func TestStock(t *testing.T) {
	ds := Generate()
	kinds := map[string]domain.LocationKind{}
	for _, l := range ds.Locations {
		kinds[l.ID] = l.Kind
	}
	var outEverywhere, warehouseOnly, inManyStores, noRows, zeroRows int
	for _, it := range ds.Products {
		id := it.Product.ID
		seen := map[string]bool{}
		var total, inStores, inWarehouses int
		for _, s := range it.Stock {
			if err := s.Validate(); err != nil {
				t.Errorf("%s: %+v: %v", id, s, err)
			}
			kind, ok := kinds[s.LocationID]
			if !ok || seen[s.LocationID] {
				t.Errorf("%s: unknown or repeated location %q", id, s.LocationID)
			}
			seen[s.LocationID] = true
			if s.LocationID == almatyStore && !slices.ContainsFunc(it.Prices, func(p domain.Price) bool { return p.Currency == "KZT" }) {
				t.Errorf("%s: stocked in Almaty without a tenge price", id)
			}
			total += s.Quantity
			if s.Quantity > 0 && kind == domain.Store {
				inStores++
			}
			if s.Quantity > 0 && kind == domain.Warehouse {
				inWarehouses++
			}
		}
		switch {
		case total == 0 && len(it.Stock) == 0:
			outEverywhere++
			noRows++
		case total == 0:
			outEverywhere++
			zeroRows++
		case inStores == 0 && inWarehouses > 0:
			warehouseOnly++
		case inStores >= 3:
			inManyStores++
		}
	}
	n := len(ds.Products)
	t.Logf("%d products: %d out of stock (%d without rows, %d with zeros), %d only in a warehouse, %d in 3+ stores",
		n, outEverywhere, noRows, zeroRows, warehouseOnly, inManyStores)
	if outEverywhere*100 < n*3 || outEverywhere*100 > n*15 || noRows == 0 || zeroRows == 0 {
		t.Errorf("%d of %d products out of stock (%d without rows), want about 8%% of both kinds", outEverywhere, n, noRows)
	}
	if warehouseOnly*100 < n*4 || inManyStores*100 < n*50 {
		t.Errorf("%d products only in a warehouse and %d in 3+ stores of %d", warehouseOnly, inManyStores, n)
	}
}

func TestSpecsAndSizesFitTheCategory(t *testing.T) {
	for _, it := range Generate().Products {
		p := it.Product
		s := p.Specs
		switch p.CategoryID {
		case "running-shoes", "trail-shoes":
			if s.WeightG == nil || s.DropMM == nil || *s.DropMM > 12 || s.StackMM == nil || *s.StackMM < 18 || *s.StackMM > 45 ||
				s.Cushioning == "" || !slices.Contains([]string{"road", "trail", "track", "mountain"}, s.Terrain) {
				t.Errorf("%s: running shoe specs %+v", p.ID, s)
			}
		case "wetsuits":
			if s.Terrain != "open_water" || s.TempMinC == nil || s.TempMaxC == nil {
				t.Errorf("%s: wetsuit specs %+v", p.ID, s)
			}
		case "tents", "sleeping-bags":
			if s.TempMinC == nil || s.WeightG == nil {
				t.Errorf("%s: %s specs %+v", p.ID, p.CategoryID, s)
			}
		case "road-bikes", "mountain-bikes":
			if s.WeightG == nil || *s.WeightG < 6000 || *s.WeightG > 16000 {
				t.Errorf("%s: bike specs %+v", p.ID, s)
			}
		}
		switch p.CategoryID {
		case "running-shoes", "trail-shoes", "trekking-boots", "training-shoes", "football-boots", "basketball-shoes", "cycling-shoes":
			for _, size := range p.Sizes {
				v, err := strconv.ParseFloat(size, 64)
				if p.SizeSystem != "EU" || err != nil || v < 36 || v > 47 {
					t.Errorf("%s: shoe size %q in %q", p.ID, size, p.SizeSystem)
				}
			}
		case "running-jackets", "running-tshirts", "cycling-jerseys", "hiking-jackets", "fitness-apparel", "wetsuits":
			if p.SizeSystem != "INT" || !slices.Contains(p.Sizes, "M") {
				t.Errorf("%s: apparel sizes %v in %q", p.ID, p.Sizes, p.SizeSystem)
			}
		case "footballs", "basketballs", "volleyballs":
			for _, size := range p.Sizes {
				if n, err := strconv.Atoi(size); p.SizeSystem != "INT" || err != nil || n < 3 || n > 7 {
					t.Errorf("%s: ball size %q in %q", p.ID, size, p.SizeSystem)
				}
			}
		case "swim-goggles", "tents", "dumbbells", "yoga-mats":
			if p.SizeSystem != "one_size" || len(p.Sizes) != 0 {
				t.Errorf("%s: gear sized %v in %q", p.ID, p.Sizes, p.SizeSystem)
			}
		}
	}
}
