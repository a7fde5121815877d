package httpapi

import (
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/app"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func toTaxonomy(t domain.Taxonomy) catalogapi.Taxonomy {
	out := catalogapi.Taxonomy{
		Sports: []catalogapi.Sport{}, Categories: []catalogapi.Category{}, Brands: []catalogapi.Ref{},
		Currencies: domain.Currencies,
	}
	for _, s := range t.Sports {
		out.Sports = append(out.Sports, catalogapi.Sport{ID: s.ID, Name: catalogapi.Text(s.Name)})
	}
	for _, c := range t.Categories {
		out.Categories = append(out.Categories, catalogapi.Category{ID: c.ID, Name: catalogapi.Text(c.Name), Sport: c.Sport})
	}
	for _, b := range t.Brands {
		out.Brands = append(out.Brands, catalogapi.Ref{ID: b.ID, Name: b.Name})
	}
	for _, r := range domain.Regions {
		out.Regions = append(out.Regions, catalogapi.Region{ID: r.ID, Currency: r.Currency, Name: catalogapi.Text(r.Name)})
	}
	return out
}

func toLocation(l domain.Location) catalogapi.Location {
	return catalogapi.Location{ID: l.ID, Name: catalogapi.Text(l.Name), City: catalogapi.Text(l.City), Kind: string(l.Kind)}
}

func toFacets(fs []domain.Facet) []catalogapi.FacetValue {
	out := make([]catalogapi.FacetValue, 0, len(fs))
	for _, f := range fs {
		out = append(out, catalogapi.FacetValue{Value: f.Value, Count: f.Count})
	}
	return out
}

func toSummary(v domain.ProductView, t domain.Taxonomy, region, currency string) catalogapi.ProductSummary {
	s := catalogapi.ProductSummary{
		ID: v.ID, SKU: v.SKU, Name: catalogapi.Text(v.Name), Sports: nonNil(v.Sports),
		Brand:   catalogapi.Ref{ID: v.BrandID, Name: v.BrandID},
		InStock: v.TotalStock > 0, TotalStock: v.TotalStock,
	}
	for _, b := range t.Brands {
		if b.ID == v.BrandID {
			s.Brand.Name = b.Name
		}
	}
	s.Category = catalogapi.CategoryRef{ID: v.CategoryID, Name: catalogapi.Text{RU: v.CategoryID, EN: v.CategoryID}}
	for _, c := range t.Categories {
		if c.ID == v.CategoryID {
			s.Category.Name = catalogapi.Text(c.Name)
		}
	}
	if len(v.Images) > 0 {
		s.ImageURL = v.Images[0]
	}
	if p, ok := v.PriceIn(region, currency); ok {
		s.Price = &catalogapi.Money{AmountMinor: p.AmountMinor, Currency: p.Currency}
	}
	return s
}

func toProduct(v domain.ProductView, t domain.Taxonomy, region, currency string) catalogapi.Product {
	p := catalogapi.Product{
		ProductSummary: toSummary(v, t, region, currency),
		Description:    catalogapi.Text(v.Description),
		Specs:          app.SpecsToAPI(v.Specs),
		Sizes:          nonNil(v.Sizes), SizeSystem: v.SizeSystem, Images: nonNil(v.Images), SupplierID: v.SupplierID,
		Prices: []catalogapi.Price{}, Stock: []catalogapi.StockAt{},
		Version: v.Version, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
	}
	for _, pr := range v.Prices {
		p.Prices = append(p.Prices, catalogapi.Price(pr))
	}
	// Every store is listed, with 0 where it holds none, so shoppers see
	// where the product is missing too; warehouses only when they hold some.
	qty := map[string]int{}
	for _, st := range v.Stock {
		qty[st.LocationID] = st.Quantity
	}
	for _, l := range t.Locations {
		n, ok := qty[l.ID]
		if l.Kind == domain.Warehouse && (!ok || n == 0) {
			continue
		}
		p.Stock = append(p.Stock, catalogapi.StockAt{Location: toLocation(l), Quantity: n})
	}
	return p
}

func fromProductInput(in catalogapi.ProductInput) domain.Product {
	return domain.Product{
		SKU: in.SKU, Name: domain.Text(in.Name), Description: domain.Text(in.Description),
		BrandID: in.BrandID, CategoryID: in.CategoryID, Sports: in.Sports, Specs: app.SpecsFromAPI(in.Specs),
		Sizes: in.Sizes, SizeSystem: in.SizeSystem, Images: in.Images, SupplierID: in.SupplierID,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
