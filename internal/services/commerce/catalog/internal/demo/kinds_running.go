package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// shoe returns shoe specs with weight, drop and stack drawn from the ranges.
func shoe(r *rand.Rand, w, drop, stack [2]int, terrain string, cushioning ...string) domain.Specs {
	return domain.Specs{
		WeightG:    ip(stepped(r, w[0], w[1], 5)),
		DropMM:     ip(between(r, drop[0], drop[1])),
		StackMM:    ip(between(r, stack[0], stack[1])),
		Cushioning: pick(r, cushioning...),
		Terrain:    terrain,
		Materials: pick(r,
			mat("инженерная сетка, пена EVA, резина", "engineered mesh, EVA foam, rubber"),
			mat("трикотажный верх, пена на основе PEBA, резина", "knit upper, PEBA-based foam, rubber"),
			mat("дышащая сетка, пена TPU, резина", "breathable mesh, TPU foam, rubber")),
	}
}

// apparel returns clothing specs for a comfortable temperature range.
func apparel(r *rand.Rand, lo, hi [2]int, waterproof bool, materials *domain.Text) domain.Specs {
	s := domain.Specs{TempMinC: ip(between(r, lo[0], lo[1])), TempMaxC: ip(between(r, hi[0], hi[1])), Materials: materials}
	if waterproof {
		s.Waterproof = bp(true)
	}
	return s
}

func runningKinds() []kind {
	runBrands := []string{"runvik", "pulsora", "sprintova", "kestrava"}
	return []kind{
		{
			cat:  cat("running-shoes", running, "Кроссовки для бега", "Running shoes"),
			pict: pictShoe, noun: n("Кроссовки для бега", "Running Shoes", plural), cut: true, sizing: shoeEU,
			rub: [2]int{7990, 24990}, count: 18, brands: runBrands,
			models: []string{"Aero", "Tempo", "Stride", "Comet", "Flux", "Vega", "Zephyr", "Meteor", "Swift", "Arrow", "Vortex", "Glide"},
			variants: []variant{
				{intros: []domain.Text{
					t("Универсальные кроссовки для ежедневных пробежек по асфальту.", "Versatile shoes for everyday runs on pavement."),
					t("Надёжная модель на каждый день: от лёгких восстановительных пробежек до длинных воскресных забегов.", "A dependable daily trainer, from easy recovery jogs to long Sunday runs."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{240, 300}, [2]int{6, 10}, [2]int{28, 38}, "road", "medium", "high")}
				}},
				{intros: []domain.Text{
					t("Кроссовки с максимальной амортизацией для длинных дистанций и восстановительных пробежек.", "Max-cushioned shoes for long distances and recovery runs."),
					t("Толстая мягкая подошва бережёт ноги во время подготовки к марафону.", "A thick, soft midsole spares your legs through marathon training."),
				}, rub: [2]int{12990, 22990}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{260, 320}, [2]int{4, 8}, [2]int{38, 45}, "road", "max")}
				}},
				{intros: []domain.Text{
					t("Лёгкие гоночные кроссовки для стартов и темповых тренировок.", "Light racing shoes for race day and tempo sessions."),
					t("Жёсткая пластина и отзывчивая пена помогают держать высокий темп от 5 км до марафона.", "A stiff plate and responsive foam help you hold a fast pace from 5K to the marathon."),
				}, rub: [2]int{15990, 24990}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{180, 220}, [2]int{6, 10}, [2]int{32, 40}, "road", "high")}
				}},
				{intros: []domain.Text{
					t("Лёгкие кроссовки для стадиона и интервальных тренировок.", "Lightweight shoes for the track and interval workouts."),
					t("Низкая подошва даёт точное чувство дорожки на отрезках и в беговых упражнениях.", "A low-profile sole gives a precise feel for the track on repeats and running drills."),
				}, rub: [2]int{7990, 12990}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{150, 200}, [2]int{0, 4}, [2]int{18, 24}, "track", "low")}
				}},
			},
		},
		{
			cat:  cat("trail-shoes", running, "Кроссовки для трейлраннинга", "Trail running shoes"),
			also: []string{outdoor}, pict: pictShoe, noun: n("Кроссовки для трейлраннинга", "Trail Running Shoes", plural),
			cut: true, sizing: shoeEU, rub: [2]int{8990, 22990}, count: 13, brands: []string{"runvik", "kestrava", "nordvela", "taigerra"},
			models: []string{"Ridge", "Taiga", "Scree", "Canyon", "Lynx", "Moraine", "Talus", "Cedar", "Fjord"},
			variants: []variant{
				{intros: []domain.Text{
					t("Цепкий протектор с глубокими грунтозацепами для технических горных трасс.", "A grippy outsole with deep lugs for technical mountain trails."),
					t("Защитная пластина и усиленный мыс берегут стопу на камнях и корнях.", "A rock plate and reinforced toe cap protect your feet on rocks and roots."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{280, 340}, [2]int{4, 8}, [2]int{24, 32}, "mountain", "medium")}
				}},
				{intros: []domain.Text{
					t("Водонепроницаемые кроссовки с мембраной для осенних и весенних трейлов, грязи и луж.", "Waterproof membrane shoes for autumn and spring trails, mud and puddles."),
					t("Мембрана не пропускает воду, а протектор уверенно держит на мокрой глине.", "The membrane keeps water out and the outsole grips confidently on wet clay."),
				}, rub: [2]int{13990, 22990}, make: func(r *rand.Rand) shape {
					s := shoe(r, [2]int{300, 360}, [2]int{6, 10}, [2]int{26, 34}, "trail", "medium", "high")
					s.Waterproof = bp(true)
					return shape{specs: s, tag: t(" WP", " WP")}
				}},
				{intros: []domain.Text{
					t("Мягкие трейловые кроссовки для ультрамарафонов и долгих часов на тропе.", "Cushioned trail shoes for ultramarathons and long hours on the trail."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{270, 320}, [2]int{4, 8}, [2]int{32, 40}, "trail", "high", "max")}
				}},
			},
		},
		{
			cat:  cat("running-jackets", running, "Беговые куртки", "Running jackets"),
			pict: pictJacket, noun: n("Беговая куртка", "Running Jacket", fem), cut: true, sizing: apparelINT,
			rub: [2]int{4990, 16990}, count: 9, brands: []string{"runvik", "pulsora", "kestrava", "nordvela"},
			models: []string{"Breeze", "Windline", "Drizzle", "Gale", "Mist", "Sever", "Polar"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкая ветровка для пробежек в прохладную погоду; складывается в собственный карман.", "A light windbreaker for runs in cool weather that packs into its own pocket."),
				}, rub: [2]int{4990, 8990}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{4, 8}, [2]int{16, 20}, false, mat("полиамид рипстоп", "ripstop polyamide"))
					s.WeightG = ip(stepped(r, 90, 150, 5))
					return shape{specs: s}
				}},
				{intros: []domain.Text{
					t("Мембранная куртка для пробежек под дождём с проклеенными швами и светоотражающими деталями.", "A membrane jacket for running in the rain, with taped seams and reflective details."),
				}, rub: [2]int{9990, 16990}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{0, 4}, [2]int{12, 16}, true, mat("трёхслойная мембрана", "three-layer membrane"))
					s.WeightG = ip(stepped(r, 150, 250, 5))
					return shape{specs: s}
				}},
				{intros: []domain.Text{
					t("Утеплённая куртка для зимнего бега: ветрозащитные вставки спереди и дышащая спина.", "An insulated jacket for winter running: windproof front panels and a breathable back."),
				}, rub: [2]int{8990, 15990}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{-20, -10}, [2]int{0, 5}, false, mat("полиэстер, синтетический утеплитель", "polyester, synthetic insulation"))
					s.WeightG = ip(stepped(r, 250, 400, 10))
					return shape{specs: s}
				}},
			},
		},
		{
			cat:  cat("running-tights", running, "Беговые тайтсы", "Running tights"),
			pict: pictTights, noun: n("Беговые тайтсы", "Running Tights", plural), cut: true, sizing: apparelINT,
			rub: [2]int{2990, 8990}, count: 8, brands: runBrands,
			models: []string{"Flow", "Motion", "Pace", "Cadence", "Frost", "Line"},
			variants: []variant{
				{intros: []domain.Text{
					t("Эластичные тайтсы для пробежек весной и осенью с карманом для телефона на поясе.", "Stretchy tights for spring and autumn runs, with a phone pocket at the waist."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: apparel(r, [2]int{3, 8}, [2]int{15, 20}, false, mat("полиамид, эластан", "polyamide, elastane"))}
				}},
				{intros: []domain.Text{
					t("Утеплённые тайтсы с начёсом для зимних пробежек по снегу и морозу.", "Brushed-fleece tights for winter runs in snow and frost."),
				}, rub: [2]int{4990, 8990}, make: func(r *rand.Rand) shape {
					return shape{specs: apparel(r, [2]int{-20, -10}, [2]int{0, 5}, false, mat("полиэстер с начёсом, эластан", "brushed polyester, elastane"))}
				}},
			},
		},
		{
			cat:  cat("running-tshirts", running, "Беговые футболки", "Running T-shirts"),
			also: []string{fitness}, pict: pictShirt, noun: n("Беговая футболка", "Running T-Shirt", fem), cut: true, sizing: apparelINT,
			rub: [2]int{1490, 4990}, count: 9, brands: runBrands,
			models: []string{"Airflow", "Dash", "Sprint", "Heat", "Tempo", "Feather"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкая футболка из быстросохнущей ткани для жарких летних пробежек.", "A lightweight quick-dry T-shirt for hot summer runs."),
					t("Сетчатые вставки на спине отводят тепло на интервальных тренировках.", "Mesh panels on the back vent heat during interval sessions."),
				}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{12, 18}, [2]int{28, 35}, false, pick(r,
						mat("переработанный полиэстер", "recycled polyester"), mat("полиэстер, мериносовая шерсть", "polyester, merino wool")))
					s.WeightG = ip(stepped(r, 80, 140, 5))
					return shape{specs: s}
				}},
			},
		},
		{
			cat:  cat("running-socks", running, "Беговые носки", "Running socks"),
			also: []string{fitness}, pict: pictSock, noun: n("Беговые носки", "Running Socks", plural), sizing: sockEU,
			rub: [2]int{490, 990}, count: 8, brands: []string{"runvik", "pulsora", "sprintova", "kestrava", "nordvela"},
			models: []string{"Step", "Pace", "Trail", "Feather", "Mile"},
			variants: []variant{
				{intros: []domain.Text{
					t("Тонкие носки с бесшовным мыском для соревнований и темповых тренировок.", "Thin socks with a seamless toe for races and tempo runs."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Cushioning: "low", Materials: mat("полиамид, эластан", "polyamide, elastane")}}
				}},
				{intros: []domain.Text{
					t("Носки с уплотнением на пятке и мыске для длинных пробежек.", "Socks with a padded heel and toe for long runs."),
					t("Высокие трейловые носки не пускают внутрь камешки и песок.", "High-cut trail socks keep grit and sand out."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Cushioning: "medium", Materials: mat("мериносовая шерсть, полиамид", "merino wool, polyamide")}}
				}},
			},
		},
		{
			cat:  cat("sport-watches", running, "Спортивные часы", "Sports watches"),
			also: []string{cycling, swimming}, pict: pictWatch, noun: n("Спортивные часы", "Sports Watch", plural),
			rub: [2]int{9990, 59990}, count: 8, brands: []string{"pulsora", "kinetra"},
			models: []string{"Pace", "Route", "Vertex", "Track", "Orbit", "Sense"},
			variants: []variant{
				{intros: []domain.Text{
					t("GPS-часы для бега с пульсометром на запястье, планами тренировок и навигацией по маршруту.", "A GPS running watch with wrist heart rate, training plans and route navigation."),
				}, rub: [2]int{9990, 29990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(between(r, 38, 55)), Waterproof: bp(true), Materials: mat("полимерный корпус, силиконовый ремешок", "polymer case, silicone strap")}}
				}},
				{intros: []domain.Text{
					t("Мультиспортивные часы для бега, велосипеда и плавания в бассейне и на открытой воде.", "A multisport watch for running, cycling and swimming in the pool or open water."),
				}, rub: [2]int{24990, 59990}, also: swimming, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(between(r, 48, 70)), Waterproof: bp(true), Materials: mat("титановый безель, сапфировое стекло", "titanium bezel, sapphire glass")}}
				}},
			},
		},
	}
}
