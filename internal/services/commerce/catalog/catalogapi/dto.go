// Package catalogapi is the catalog service's public contract: the JSON
// shapes of its HTTP API, its versioned event payloads, and a Client that
// other services use to read the catalog, in-process (NewLocalClient) when
// the catalog runs in the same process and over HTTP (NewHTTPClient) when it
// runs elsewhere. It is the only catalog package other services import.
package catalogapi

import "time"

// Text is a string in Russian and English.
type Text struct {
	RU string `json:"ru"`
	EN string `json:"en"`
}

// Money is an amount in minor units (kopecks, cents) of a currency.
type Money struct {
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
}

// Ref is a reference to a brand: its id and name.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CategoryRef is a reference to a category with its localized name.
type CategoryRef struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
}

// Specs are a product's typed specifications; every field is optional.
type Specs struct {
	WeightG    *int   `json:"weight_g,omitempty"`
	DropMM     *int   `json:"drop_mm,omitempty"`
	StackMM    *int   `json:"stack_mm,omitempty"`
	Cushioning string `json:"cushioning,omitempty"`
	Terrain    string `json:"terrain,omitempty"`
	Waterproof *bool  `json:"waterproof,omitempty"`
	TempMinC   *int   `json:"temp_min_c,omitempty"`
	TempMaxC   *int   `json:"temp_max_c,omitempty"`
	Materials  *Text  `json:"materials,omitempty"`
}

// ProductSummary is a product as search results list it.
type ProductSummary struct {
	ID         string      `json:"id"`
	SKU        string      `json:"sku"`
	Name       Text        `json:"name"`
	Brand      Ref         `json:"brand"`
	Category   CategoryRef `json:"category"`
	Sports     []string    `json:"sports"`
	ImageURL   string      `json:"image_url"`
	Price      *Money      `json:"price"`
	InStock    bool        `json:"in_stock"`
	TotalStock int         `json:"total_stock"`
}

// Price is a product's price in one region and currency.
type Price struct {
	Region      string `json:"region"`
	Currency    string `json:"currency"`
	AmountMinor int64  `json:"amount_minor"`
}

// Location is a store or warehouse.
type Location struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
	City Text   `json:"city"`
	Kind string `json:"kind"`
}

// StockAt is a product's quantity at one location.
type StockAt struct {
	Location Location `json:"location"`
	Quantity int      `json:"quantity"`
}

// Product is a product's full page.
type Product struct {
	ProductSummary
	Description Text      `json:"description"`
	Specs       Specs     `json:"specs"`
	Sizes       []string  `json:"sizes"`
	SizeSystem  string    `json:"size_system"`
	Images      []string  `json:"images"`
	SupplierID  string    `json:"supplier_id"`
	Prices      []Price   `json:"prices"`
	Stock       []StockAt `json:"stock"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// FacetValue is a filter value and how many results it gives.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Facets are the counts per filter value for the current search.
type Facets struct {
	Sports     []FacetValue `json:"sports"`
	Categories []FacetValue `json:"categories"`
	Brands     []FacetValue `json:"brands"`
	Sizes      []FacetValue `json:"sizes"`
}

// SearchPage is one page of search results.
type SearchPage struct {
	Items      []ProductSummary `json:"items"`
	NextCursor *string          `json:"next_cursor"`
	Total      int              `json:"total"`
	Facets     Facets           `json:"facets"`
}

// Sport is a sport of the taxonomy.
type Sport struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
}

// Category is a category of the taxonomy.
type Category struct {
	ID    string `json:"id"`
	Name  Text   `json:"name"`
	Sport string `json:"sport"`
}

// Region is a sales region and its currency.
type Region struct {
	ID       string `json:"id"`
	Currency string `json:"currency"`
	Name     Text   `json:"name"`
}

// Taxonomy is what the catalog is organised by.
type Taxonomy struct {
	Sports     []Sport    `json:"sports"`
	Categories []Category `json:"categories"`
	Brands     []Ref      `json:"brands"`
	Currencies []string   `json:"currencies"`
	Regions    []Region   `json:"regions"`
}

// Locations lists stores and warehouses.
type Locations struct {
	Items []Location `json:"items"`
}

// ProductInput creates or replaces a product. Version is required on update
// (optimistic locking) and ignored on create.
type ProductInput struct {
	SKU         string   `json:"sku"`
	Name        Text     `json:"name"`
	Description Text     `json:"description"`
	BrandID     string   `json:"brand_id"`
	CategoryID  string   `json:"category_id"`
	Sports      []string `json:"sports"`
	Specs       Specs    `json:"specs"`
	Sizes       []string `json:"sizes"`
	SizeSystem  string   `json:"size_system"`
	Images      []string `json:"images"`
	SupplierID  string   `json:"supplier_id"`
	Version     int      `json:"version,omitempty"`
}

// PriceInput sets one price.
type PriceInput struct {
	Region      string `json:"region"`
	Currency    string `json:"currency"`
	AmountMinor int64  `json:"amount_minor"`
}

// StockInput sets the quantity at one location.
type StockInput struct {
	LocationID string `json:"location_id"`
	Quantity   int    `json:"quantity"`
}

// Permissions a caller's access token must carry for catalog writes.
const (
	PermProductsWrite = "catalog.products.write"
	PermPricesWrite   = "catalog.prices.write"
	PermStockWrite    = "catalog.stock.write"
)
