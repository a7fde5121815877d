package demo

import (
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// The sport ids of the demo catalog.
const (
	running  = "running"
	cycling  = "cycling"
	swimming = "swimming"
	outdoor  = "outdoor"
	fitness  = "fitness"
	team     = "team"
)

// sports returns the six sports the catalog is organised by, in display order.
func sports() []domain.Sport {
	return []domain.Sport{
		{ID: running, Name: t("Бег", "Running")},
		{ID: cycling, Name: t("Велоспорт", "Cycling")},
		{ID: swimming, Name: t("Плавание", "Swimming")},
		{ID: outdoor, Name: t("Туризм и outdoor", "Hiking and outdoor")},
		{ID: fitness, Name: t("Фитнес", "Fitness")},
		{ID: team, Name: t("Командные виды спорта", "Team sports")},
	}
}

// skuPrefix is the first SKU segment of a sport's products.
func skuPrefix(sport string) string {
	switch sport {
	case running:
		return "RUN"
	case cycling:
		return "CYC"
	case swimming:
		return "SWM"
	case outdoor:
		return "OUT"
	case fitness:
		return "FIT"
	default:
		return "TEAM"
	}
}

// brand is a fictional demo brand: its id and name, the SKU segment, the
// colour its pictures are painted in and the supplier that delivers it.
type brand struct {
	id, name string
	code     string // three capital letters for SKUs
	color    string // #rrggbb
	supplier int    // 1..12, see supplierID
}

// brands returns the demo brands. The names are invented for the demo and
// are not meant to match any real company.
func brands() []brand {
	return []brand{
		{"runvik", "Runvik", "RNV", "#e4572e", 1},
		{"pulsora", "Pulsora", "PLS", "#ef476f", 1},
		{"sprintova", "Sprintova", "SPV", "#f18f01", 2},
		{"kestrava", "Kestrava", "KSV", "#3d8a7a", 2},
		{"velomir", "Velomir", "VLM", "#1d4e89", 3},
		{"pedalis", "Pedalis", "PDL", "#0096b4", 3},
		{"cadenzo", "Cadenzo", "CDZ", "#7d3c98", 4},
		{"voltrek", "Voltrek", "VTK", "#2a9d8f", 4},
		{"aquaforma", "Aquaforma", "AQF", "#0077b6", 5},
		{"delfinor", "Delfinor", "DLF", "#0aa0c8", 5},
		{"marevo", "Marevo", "MRV", "#023e8a", 6},
		{"hydrelle", "Hydrelle", "HDL", "#3a86ff", 6},
		{"taigerra", "Taigerra", "TGR", "#386641", 7},
		{"borealto", "Borealto", "BRL", "#5f8d3e", 7},
		{"summitra", "Summitra", "SMT", "#bc4749", 8},
		{"nordvela", "Nordvela", "NDV", "#264653", 8},
		{"granitka", "Granitka", "GRK", "#5c677d", 9},
		{"ironvale", "Ironvale", "IRV", "#343a40", 10},
		{"fitrona", "Fitrona", "FTR", "#d63384", 10},
		{"kinetra", "Kinetra", "KNT", "#6f42c1", 11},
		{"ferrogrip", "Ferrogrip", "FRG", "#7a4b2a", 11},
		{"golavio", "Golavio", "GLV", "#2b9348", 12},
		{"courtiva", "Courtiva", "CRV", "#e76f00", 12},
		{"arenix", "Arenix", "ARX", "#c1121f", 9},
		{"ballandor", "Ballandor", "BLD", "#b5838d", 12},
	}
}

// locations returns the stores and warehouses that hold demo stock. Store
// ids start with a city code; warehouse ids with "wh-".
func locations() []domain.Location {
	store := func(id, ru, en, cityRU, cityEN string) domain.Location {
		return domain.Location{ID: id, Name: t(ru, en), City: t(cityRU, cityEN), Kind: domain.Store}
	}
	return []domain.Location{
		store("msk-tverskaya", "SportHub Тверская", "SportHub Tverskaya", "Москва", "Moscow"),
		store("msk-sokolniki", "SportHub Сокольники", "SportHub Sokolniki", "Москва", "Moscow"),
		store("spb-nevsky", "SportHub Невский", "SportHub Nevsky", "Санкт-Петербург", "Saint Petersburg"),
		store("kzn-baumana", "SportHub Баумана", "SportHub Baumana", "Казань", "Kazan"),
		store("ekb-vaynera", "SportHub Вайнера", "SportHub Vaynera", "Екатеринбург", "Yekaterinburg"),
		store("nsk-krasny", "SportHub Красный проспект", "SportHub Krasny Prospekt", "Новосибирск", "Novosibirsk"),
		store("krd-krasnaya", "SportHub Красная", "SportHub Krasnaya", "Краснодар", "Krasnodar"),
		store("ala-abaya", "SportHub Абая", "SportHub Abay Avenue", "Алматы", "Almaty"),
		{ID: "wh-podolsk", Name: t("Склад Подольск", "Podolsk warehouse"), City: t("Подольск", "Podolsk"), Kind: domain.Warehouse},
		{ID: "wh-ural", Name: t("Склад Урал", "Ural warehouse"), City: t("Екатеринбург", "Yekaterinburg"), Kind: domain.Warehouse},
	}
}

// almatyStore is the one store outside Russia; it stocks only products
// priced in tenge.
const almatyStore = "ala-abaya"

func (g *generator) brandList() []domain.Brand {
	out := make([]domain.Brand, 0, len(g.brands))
	for _, b := range g.brands {
		out = append(out, domain.Brand{ID: b.id, Name: b.name})
	}
	return out
}

func (g *generator) locationList() []domain.Location {
	return append([]domain.Location(nil), g.locations...)
}

// t builds a two-language text.
func t(ru, en string) domain.Text { return domain.Text{RU: ru, EN: en} }
