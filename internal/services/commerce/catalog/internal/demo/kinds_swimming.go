package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func swimmingKinds() []kind {
	swimBrands := []string{"aquaforma", "delfinor", "marevo", "hydrelle"}
	chlorine := func(r *rand.Rand) *domain.Text {
		return pick(r,
			mat("хлоростойкий полиэстер PBT", "chlorine-resistant PBT polyester"),
			mat("полиэстер, эластан", "polyester, elastane"),
			mat("переработанный полиамид", "recycled polyamide"))
	}
	return []kind{
		{
			cat:  cat("swim-goggles", swimming, "Очки для плавания", "Swim goggles"),
			pict: pictGoggles, noun: n("Очки для плавания", "Swim Goggles", plural),
			rub: [2]int{990, 4990}, count: 13, brands: swimBrands,
			models: []string{"Clear", "Vision", "Lane", "Splash", "Mirror", "Ripple", "Optic"},
			variants: []variant{
				{intros: []domain.Text{
					t("Очки для тренировок в бассейне с мягким силиконовым обтюратором и защитой от запотевания.", "Pool training goggles with soft silicone seals and an anti-fog coating."),
					t("Удобные очки на каждый день: регулируемая переносица и двойной ремешок.", "Comfortable everyday goggles with an adjustable nose bridge and a split strap."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: mat("поликарбонат, силикон", "polycarbonate, silicone")}}
				}},
				{intros: []domain.Text{
					t("Низкопрофильные стартовые очки с зеркальными линзами для соревнований.", "Low-profile racing goggles with mirrored lenses for competition."),
				}, rub: [2]int{2490, 4990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: mat("поликарбонат, зеркальное покрытие", "polycarbonate, mirror coating")}, tag: t(" Race", " Race")}
				}},
				{intros: []domain.Text{
					t("Очки с широким обзором и поляризованными линзами для заплывов на открытой воде.", "Wide-view goggles with polarised lenses for open-water swims."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "open_water", Materials: mat("поляризованный поликарбонат, силикон", "polarised polycarbonate, silicone")}}
				}},
			},
		},
		{
			cat:  cat("swimwear", swimming, "Купальники и плавки", "Swimwear"),
			pict: pictSwimsuit, noun: n("Купальник", "Swimsuit", masc), sizing: apparelINT,
			rub: [2]int{1990, 8990}, count: 13, brands: swimBrands,
			models: []string{"Lagoon", "Coral", "Tide", "Marina", "Lane", "Current"},
			variants: []variant{
				{intros: []domain.Text{
					t("Слитный купальник для регулярных тренировок в бассейне: ткань не теряет форму и цвет от хлора.", "A one-piece swimsuit for regular pool training; the fabric keeps its shape and colour in chlorine."),
					t("Спортивный купальник с открытой спиной для свободы движений плеч.", "An open-back sports swimsuit that leaves your shoulders free to move."),
				}, line: women, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: chlorine(r)}}
				}},
				{intros: []domain.Text{
					t("Плавки для тренировок в бассейне с завязкой на поясе.", "Pool training briefs with a drawcord waist."),
				}, line: men, rub: [2]int{1490, 3990}, noun: &noun{text: t("Плавки", "Swim Briefs"), gram: plural}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: chlorine(r)}}
				}},
				{intros: []domain.Text{
					t("Джаммеры до колена для тренировок и стартов: плотная посадка уменьшает сопротивление воды.", "Knee-length jammers for training and racing; the snug fit cuts drag."),
				}, line: men, noun: &noun{text: t("Джаммеры", "Jammers"), gram: plural}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: chlorine(r)}}
				}},
			},
		},
		{
			cat:  cat("wetsuits", swimming, "Гидрокостюмы", "Wetsuits"),
			pict: pictSwimsuit, noun: n("Гидрокостюм", "Wetsuit", masc), cut: true, sizing: apparelINT,
			rub: [2]int{14990, 69990}, count: 8, brands: []string{"aquaforma", "marevo", "hydrelle"},
			models: []string{"Tri", "Sea", "Reef", "Tide", "Fjord", "Stream"},
			variants: []variant{
				{intros: []domain.Text{
					t("Гидрокостюм для триатлона и заплывов на открытой воде из эластичного неопрена 3/2 мм.", "A triathlon and open-water wetsuit in stretchy 3/2 mm neoprene."),
					t("Гладкое покрытие снижает сопротивление, а тонкие плечи не сковывают гребок.", "A smooth skin lowers drag and thin shoulder panels leave your stroke free."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "open_water", TempMinC: ip(between(r, 14, 16)), TempMaxC: ip(between(r, 22, 24)),
						Materials: mat("неопрен 3/2 мм", "3/2 mm neoprene")}}
				}},
				{intros: []domain.Text{
					t("Утеплённый гидрокостюм 5/3 мм для холодных озёр, моря и ранней весны.", "A 5/3 mm thermal wetsuit for cold lakes, the sea and early spring."),
				}, rub: [2]int{24990, 69990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "open_water", TempMinC: ip(between(r, 9, 12)), TempMaxC: ip(between(r, 17, 19)),
						Materials: mat("неопрен 5/3 мм, термоподкладка", "5/3 mm neoprene, thermal lining")}, tag: t(" Thermo", " Thermo")}
				}},
			},
		},
		{
			cat:  cat("swim-caps", swimming, "Шапочки для плавания", "Swim caps"),
			pict: pictCap, noun: n("Шапочка для плавания", "Swim Cap", fem),
			rub: [2]int{390, 1990}, count: 7, brands: swimBrands,
			models: []string{"Dome", "Classic", "Smooth", "Pro", "Comfort"},
			variants: []variant{
				{intros: []domain.Text{
					t("Силиконовая шапочка для тренировок и соревнований: плотно сидит и защищает волосы от хлора.", "A silicone cap for training and racing that fits snugly and protects your hair from chlorine."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: mat("силикон", "silicone")}}
				}},
				{intros: []domain.Text{
					t("Тканевая шапочка для аквааэробики и спокойного плавания; не тянет волосы.", "A fabric cap for aqua aerobics and easy swims that doesn't pull your hair."),
				}, rub: [2]int{390, 990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: mat("полиамид, эластан", "polyamide, elastane")}}
				}},
			},
		},
		{
			cat:  cat("swim-fins", swimming, "Ласты", "Swim fins"),
			pict: pictFins, noun: n("Ласты", "Swim Fins", plural), sizing: finEU,
			rub: [2]int{1490, 5990}, count: 7, brands: []string{"aquaforma", "delfinor", "marevo"},
			models: []string{"Kick", "Blade", "Fin", "Propel"},
			variants: []variant{
				{intros: []domain.Text{
					t("Короткие тренировочные ласты для отработки работы ног и скоростных отрезков.", "Short training fins for kick technique and speed sets."),
					t("Мягкие ласты с закрытой пяткой для плавания в бассейне и техники кроля.", "Soft closed-heel fins for pool swimming and freestyle drills."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "pool", Materials: pick(r, mat("силикон", "silicone"), mat("натуральный каучук", "natural rubber"))}}
				}},
			},
		},
	}
}
