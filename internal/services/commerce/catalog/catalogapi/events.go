package catalogapi

// Event types the catalog publishes, `<domain>.<service>.<event>.v<N>`.
// Payloads are versioned: a change that is not backwards compatible gets a
// new type (v2) published beside the old one until its consumers move.
const (
	EventProductCreated = "commerce.catalog.product_created.v1"
	EventProductUpdated = "commerce.catalog.product_updated.v1"
	EventPriceChanged   = "commerce.catalog.price_changed.v1"
	EventStockChanged   = "commerce.catalog.stock_changed.v1"
)

// ProductV1 is a product as its v1 events carry it.
type ProductV1 struct {
	ProductID  string   `json:"product_id"`
	SKU        string   `json:"sku"`
	Name       Text     `json:"name"`
	BrandID    string   `json:"brand_id"`
	CategoryID string   `json:"category_id"`
	Sports     []string `json:"sports"`
	Specs      Specs    `json:"specs"`
	Version    int      `json:"version"`
}

// ProductCreatedV1 is published when a product is added to the catalog.
type ProductCreatedV1 ProductV1

// ProductUpdatedV1 is published when a product's description changes; it
// carries the product as it now is.
type ProductUpdatedV1 ProductV1

// PriceChangedV1 is published when a price is set. OldAmountMinor is nil
// when the product had no price in that region and currency.
type PriceChangedV1 struct {
	ProductID      string `json:"product_id"`
	Region         string `json:"region"`
	Currency       string `json:"currency"`
	OldAmountMinor *int64 `json:"old_amount_minor"`
	NewAmountMinor int64  `json:"new_amount_minor"`
}

// StockChangedV1 is published when the quantity at a location is set.
type StockChangedV1 struct {
	ProductID   string `json:"product_id"`
	LocationID  string `json:"location_id"`
	OldQuantity int    `json:"old_quantity"`
	NewQuantity int    `json:"new_quantity"`
	TotalStock  int    `json:"total_stock"`
}
