// Package demo generates the demo catalog the catalog service loads on the
// first start of an empty catalog: six sports, three dozen categories,
// twenty-five brands, stores and warehouses, and some 350 products with
// prices in four currencies, stock per location and an SVG picture each.
//
// Everything is made up and produced by this package's code: the brands
// and models are fictional (no real brand names or trademarks), and the
// texts are assembled from hand-written building blocks. Generation is
// deterministic: a fixed-seed random source drives every choice, so every
// call of Generate returns the same catalog, and product ids and SKUs are
// stable from one start to the next.
package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Dataset is a whole demo catalog: the taxonomy, the locations that hold
// stock, and the products with their prices and stock.
type Dataset struct {
	Sports     []domain.Sport
	Categories []domain.Category
	Brands     []domain.Brand
	Locations  []domain.Location
	Products   []Item
}

// Item is one demo product with its prices (RUB always, other currencies
// for most products) and its stock per location (none or all zeros for the
// products that are out of stock).
type Item struct {
	Product domain.Product
	Prices  []domain.Price
	Stock   []domain.StockLevel

	art artwork // what the product's picture shows
}

// artwork is what an item's SVG picture draws besides the brand.
type artwork struct {
	pict  pict
	model string // model name as printed under the brand, e.g. "Tempo 3"
}

// seed1 and seed2 seed the PCG source every generation starts from; changing
// them changes the whole demo catalog.
const (
	seed1 = 1
	seed2 = 2
)

// Generate builds the demo catalog. It returns the same dataset on every
// call and shares no state between calls, so callers may modify the result.
func Generate() Dataset {
	g := newGenerator(rand.New(rand.NewPCG(seed1, seed2)))
	ds := Dataset{
		Sports:    sports(),
		Brands:    g.brandList(),
		Locations: g.locationList(),
	}
	kinds := allKinds()
	for _, k := range kinds {
		ds.Categories = append(ds.Categories, k.cat)
	}
	for _, k := range kinds {
		ds.Products = append(ds.Products, g.items(k)...)
	}
	return ds
}

// ImagePath is the URL path a product's generated picture is served at.
func ImagePath(productID string) string {
	return "/api/v1/commerce/images/" + ImageName(productID)
}

// ImageName is the key of a product's picture in Images.
func ImageName(productID string) string {
	return productID + ".svg"
}
