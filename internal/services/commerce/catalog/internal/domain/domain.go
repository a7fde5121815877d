// Package domain holds the catalog's entities, value types, rules and errors:
// products with typed specifications, prices per region and currency, stock
// per store or warehouse, and the taxonomy (sports, categories, brands). It
// does no I/O.
package domain

import (
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// Text is a string in each language SportHub speaks.
type Text struct {
	RU string `json:"ru"`
	EN string `json:"en"`
}

// In returns the text in lang ("ru" or "en"), falling back to the other.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" || t.RU == "" {
		return t.EN
	}
	return t.RU
}

// Sport is a top-level sport the catalog is organised by.
type Sport struct {
	ID   string
	Name Text
}

// Category is a kind of product within a sport (running shoes, bike helmets).
type Category struct {
	ID    string
	Name  Text
	Sport string
}

// Brand is a product brand.
type Brand struct {
	ID   string
	Name string
}

// LocationKind tells a store from a warehouse.
type LocationKind string

// Location kinds.
const (
	Store     LocationKind = "store"
	Warehouse LocationKind = "warehouse"
)

// Location is a store or warehouse that holds stock.
type Location struct {
	ID   string
	Name Text
	City Text
	Kind LocationKind
}

// Region is a sales region with its currency.
type Region struct {
	ID       string
	Currency string
	Name     Text
}

// Regions are the sales regions the catalog prices for; the first is the default.
var Regions = []Region{
	{ID: "RU", Currency: "RUB", Name: Text{RU: "Россия", EN: "Russia"}},
	{ID: "KZ", Currency: "KZT", Name: Text{RU: "Казахстан", EN: "Kazakhstan"}},
	{ID: "EU", Currency: "EUR", Name: Text{RU: "Евросоюз", EN: "European Union"}},
	{ID: "US", Currency: "USD", Name: Text{RU: "США", EN: "United States"}},
}

// Currencies are the ISO 4217 codes prices may be set in.
var Currencies = []string{"RUB", "KZT", "EUR", "USD"}

// RegionFor returns the default region for a currency.
func RegionFor(currency string) (Region, bool) {
	for _, r := range Regions {
		if r.Currency == currency {
			return r, true
		}
	}
	return Region{}, false
}

// Specs are the typed attributes gear advice relies on. Every field is
// optional: a helmet has no drop, a shoe no temperature range.
type Specs struct {
	WeightG    *int   `json:"weight_g,omitempty"`
	DropMM     *int   `json:"drop_mm,omitempty"`
	StackMM    *int   `json:"stack_mm,omitempty"`
	Cushioning string `json:"cushioning,omitempty"` // low | medium | high | max
	Terrain    string `json:"terrain,omitempty"`    // road | trail | track | mixed | pool | open_water | gym | indoor | mountain
	Waterproof *bool  `json:"waterproof,omitempty"`
	TempMinC   *int   `json:"temp_min_c,omitempty"`
	TempMaxC   *int   `json:"temp_max_c,omitempty"`
	Materials  *Text  `json:"materials,omitempty"`
}

// Allowed values of the enumerated specs and size systems.
var (
	CushioningLevels = []string{"low", "medium", "high", "max"}
	Terrains         = []string{"road", "trail", "track", "mixed", "pool", "open_water", "gym", "indoor", "mountain"}
	SizeSystems      = []string{"EU", "INT", "cm", "L", "one_size"}
)

// Product is one item of the company's catalog.
type Product struct {
	ID          string
	SKU         string
	Name        Text
	Description Text
	BrandID     string
	CategoryID  string
	Sports      []string
	Specs       Specs
	Sizes       []string
	SizeSystem  string
	Images      []string
	SupplierID  string
	// Popularity orders the default listing (higher first).
	Popularity int
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Price is a product's price in one region and currency, in minor units.
type Price struct {
	Region      string
	Currency    string
	AmountMinor int64
}

// StockLevel is how many units of a product one location holds.
type StockLevel struct {
	LocationID string
	Quantity   int
}

// The catalog's domain errors.
var (
	ErrProductNotFound  = apperr.New(apperr.NotFound, "product_not_found", "no such product")
	ErrLocationNotFound = apperr.New(apperr.NotFound, "location_not_found", "no such store or warehouse")
	ErrSKUTaken         = apperr.New(apperr.Conflict, "sku_taken", "another product has this SKU")
	ErrProductExists    = apperr.New(apperr.Conflict, "product_exists", "a product with this id exists")
	ErrVersionConflict  = apperr.New(apperr.Conflict, "version_conflict", "the product was changed by someone else; reload and retry")
	ErrImageNotFound    = apperr.New(apperr.NotFound, "image_not_found", "no such image")
)

// Taxonomy is everything products are organised and stocked by.
type Taxonomy struct {
	Sports     []Sport
	Categories []Category
	Brands     []Brand
	Locations  []Location
}

// ProductView is a product with its prices and stock, as shoppers see it.
type ProductView struct {
	Product
	Prices     []Price
	Stock      []StockLevel
	TotalStock int
}

// PriceIn returns the product's price for the region and currency.
func (v ProductView) PriceIn(region, currency string) (Price, bool) {
	for _, p := range v.Prices {
		if p.Region == region && p.Currency == currency {
			return p, true
		}
	}
	return Price{}, false
}
