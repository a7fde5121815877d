package domain_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func TestPriceValidate(t *testing.T) {
	cases := []struct {
		name  string
		price domain.Price
		want  []string
	}{
		{"valid", domain.Price{Region: "RU", Currency: "RUB", AmountMinor: 150050}, nil},
		{"one kopeck", domain.Price{Region: "KZ", Currency: "KZT", AmountMinor: 1}, nil},
		{"at the ceiling", domain.Price{Region: "EU", Currency: "EUR", AmountMinor: 100_000_000_000}, nil},
		{"another region's currency", domain.Price{Region: "US", Currency: "EUR", AmountMinor: 1}, nil},
		{"over the ceiling", domain.Price{Region: "US", Currency: "USD", AmountMinor: 100_000_000_001}, []string{"amount_minor:out_of_range"}},
		{"zero", domain.Price{Region: "RU", Currency: "RUB"}, []string{"amount_minor:out_of_range"}},
		{"negative", domain.Price{Region: "RU", Currency: "RUB", AmountMinor: -1}, []string{"amount_minor:out_of_range"}},
		{"unknown region", domain.Price{Region: "GB", Currency: "RUB", AmountMinor: 1}, []string{"region:not_allowed"}},
		{"lowercase region", domain.Price{Region: "ru", Currency: "RUB", AmountMinor: 1}, []string{"region:not_allowed"}},
		{"unknown currency", domain.Price{Region: "RU", Currency: "GBP", AmountMinor: 1}, []string{"currency:not_allowed"}},
		{"all wrong", domain.Price{}, []string{"amount_minor:out_of_range", "currency:not_allowed", "region:not_allowed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := problems(t, c.price.Validate()); !slices.Equal(got, c.want) {
				t.Fatalf("problems = %v, want %v", got, c.want)
			}
		})
	}
}

func TestStockLevelValidate(t *testing.T) {
	cases := []struct {
		name  string
		stock domain.StockLevel
		want  []string
	}{
		{"valid", domain.StockLevel{LocationID: "store-msk-1", Quantity: 5}, nil},
		{"zero quantity", domain.StockLevel{LocationID: "w", Quantity: 0}, nil},
		{"max quantity", domain.StockLevel{LocationID: "w", Quantity: 1_000_000}, nil},
		{"64-char location", domain.StockLevel{LocationID: strings.Repeat("l", 64), Quantity: 1}, nil},
		{"65-char location", domain.StockLevel{LocationID: strings.Repeat("l", 65), Quantity: 1}, []string{"location_id:required"}},
		{"no location", domain.StockLevel{Quantity: 1}, []string{"location_id:required"}},
		{"negative", domain.StockLevel{LocationID: "w", Quantity: -1}, []string{"quantity:out_of_range"}},
		{"over max", domain.StockLevel{LocationID: "w", Quantity: 1_000_001}, []string{"quantity:out_of_range"}},
		{"both", domain.StockLevel{Quantity: -5}, []string{"location_id:required", "quantity:out_of_range"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := problems(t, c.stock.Validate()); !slices.Equal(got, c.want) {
				t.Fatalf("problems = %v, want %v", got, c.want)
			}
		})
	}
}

func TestTextIn(t *testing.T) {
	both := domain.Text{RU: "Палатка", EN: "Tent"}
	cases := []struct {
		text domain.Text
		lang string
		want string
	}{
		{both, "ru", "Палатка"},
		{both, "en", "Tent"},
		{both, "de", "Палатка"},
		{both, "", "Палатка"},
		{both, "EN", "Палатка"},
		{domain.Text{RU: "Палатка"}, "en", "Палатка"},
		{domain.Text{EN: "Tent"}, "ru", "Tent"},
		{domain.Text{EN: "Tent"}, "de", "Tent"},
		{domain.Text{}, "en", ""},
		{domain.Text{}, "ru", ""},
	}
	for _, c := range cases {
		if got := c.text.In(c.lang); got != c.want {
			t.Errorf("%+v.In(%q) = %q, want %q", c.text, c.lang, got, c.want)
		}
	}
}

func TestRegionFor(t *testing.T) {
	want := map[string]string{"RUB": "RU", "KZT": "KZ", "EUR": "EU", "USD": "US"}
	for _, cur := range domain.Currencies {
		r, ok := domain.RegionFor(cur)
		if !ok || r.ID != want[cur] || r.Currency != cur || r.Name.RU == "" || r.Name.EN == "" {
			t.Errorf("RegionFor(%q) = %+v, %v", cur, r, ok)
		}
	}
	if len(want) != len(domain.Currencies) {
		t.Fatalf("currencies %v", domain.Currencies)
	}
	for _, cur := range []string{"", "GBP", "rub", "RUB "} {
		if r, ok := domain.RegionFor(cur); ok || r != (domain.Region{}) {
			t.Errorf("RegionFor(%q) = %+v, %v; want none", cur, r, ok)
		}
	}
	if domain.Regions[0].ID != "RU" {
		t.Fatalf("default region %q", domain.Regions[0].ID)
	}
}

func TestPriceIn(t *testing.T) {
	v := domain.ProductView{Prices: []domain.Price{
		{Region: "RU", Currency: "RUB", AmountMinor: 990000},
		{Region: "KZ", Currency: "KZT", AmountMinor: 5500000},
		{Region: "RU", Currency: "USD", AmountMinor: 11000},
	}}
	if p, ok := v.PriceIn("RU", "RUB"); !ok || p.AmountMinor != 990000 {
		t.Fatalf("RU/RUB = %+v %v", p, ok)
	}
	if p, ok := v.PriceIn("RU", "USD"); !ok || p.AmountMinor != 11000 {
		t.Fatalf("RU/USD = %+v %v", p, ok)
	}
	for _, q := range [][2]string{{"KZ", "RUB"}, {"US", "USD"}, {"", ""}, {"ru", "RUB"}} {
		if p, ok := v.PriceIn(q[0], q[1]); ok || p != (domain.Price{}) {
			t.Errorf("PriceIn(%q, %q) = %+v, %v; want none", q[0], q[1], p, ok)
		}
	}
	if _, ok := (domain.ProductView{}).PriceIn("RU", "RUB"); ok {
		t.Fatal("a product without prices has a price")
	}
}
