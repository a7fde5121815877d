package domain

// Sort orders search results.
type Sort string

// The sort orders.
const (
	SortRelevance Sort = "relevance"
	SortPopular   Sort = "popular"
	SortPriceAsc  Sort = "price_asc"
	SortPriceDesc Sort = "price_desc"
	SortNewest    Sort = "newest"
	SortName      Sort = "name"
)

// Sorts lists every sort order.
var Sorts = []string{string(SortRelevance), string(SortPopular), string(SortPriceAsc), string(SortPriceDesc),
	string(SortNewest), string(SortName)}

// SearchQuery is a shopper's search: full text plus filters, in a currency.
type SearchQuery struct {
	Text      string
	Sport     string
	Category  string
	Brands    []string
	Size      string
	PriceMin  *int64 // minor units of Currency
	PriceMax  *int64
	InStock   bool
	Region    string
	Currency  string
	Lang      string // ru | en: the name order for SortName
	Sort      Sort
	Limit     int
	After     *Cursor // continue after this position
	SkipTotal bool
}

// Cursor is the position of the last result a page returned.
type Cursor struct {
	Sort   Sort   `json:"s"`
	Key    string `json:"k,omitempty"` // the sort key (name)
	Num    int64  `json:"n,omitempty"` // the sort key (popularity, price, time in µs, offset for relevance)
	ID     string `json:"i"`
	Filter string `json:"f"` // a fingerprint of the query: a cursor only continues the search that made it
}

// Facet is one filter value with the number of results it would give.
type Facet struct {
	Value string
	Count int
}

// SearchResult is one page of results.
type SearchResult struct {
	Items  []ProductView
	Next   *Cursor
	Total  int
	Facets map[string][]Facet // sports, categories, brands, sizes
}
