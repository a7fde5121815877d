package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// bike returns bike specs: weight in grams, terrain and frame material.
func bike(r *rand.Rand, w [2]int, terrain string, frame *domain.Text) domain.Specs {
	return domain.Specs{WeightG: ip(stepped(r, w[0], w[1], 50)), Terrain: terrain, Materials: frame}
}

func cyclingKinds() []kind {
	return []kind{
		{
			cat:  cat("road-bikes", cycling, "Шоссейные велосипеды", "Road bikes"),
			pict: pictBike, noun: n("Шоссейный велосипед", "Road Bike", masc), sizing: frameCM,
			rub: [2]int{59990, 399990}, count: 11, brands: []string{"velomir", "pedalis", "cadenzo", "voltrek"},
			models: []string{"Strada", "Corsa", "Vento", "Aria", "Rapido", "Giro", "Col"},
			variants: []variant{
				{intros: []domain.Text{
					t("Шоссейный велосипед с алюминиевой рамой для первых гонок, длинных покатушек и поездок на работу.", "An aluminium road bike for first races, long rides and commuting."),
				}, rub: [2]int{59990, 129990}, make: func(r *rand.Rand) shape {
					return shape{specs: bike(r, [2]int{9000, 10500}, "road", mat("алюминий, карбоновая вилка", "aluminium, carbon fork"))}
				}},
				{intros: []domain.Text{
					t("Карбоновый шоссейный велосипед для гонок и крутых подъёмов.", "A carbon road bike for racing and steep climbs."),
					t("Аэродинамичная рама и дисковые тормоза для быстрой езды в любую погоду.", "An aero frame and disc brakes for fast riding in any weather."),
				}, rub: [2]int{149990, 399990}, make: func(r *rand.Rand) shape {
					return shape{specs: bike(r, [2]int{6800, 8500}, "road", mat("карбон", "carbon fibre"))}
				}},
				{intros: []domain.Text{
					t("Гравийный велосипед для грунтовок, лесных дорог и дальних путешествий с сумками.", "A gravel bike for dirt roads, forest tracks and long bikepacking trips."),
				}, rub: [2]int{89990, 249990}, make: func(r *rand.Rand) shape {
					return shape{specs: bike(r, [2]int{8800, 10200}, "mixed", pick(r,
						mat("алюминий", "aluminium"), mat("карбон", "carbon fibre"), mat("хромомолибденовая сталь", "chromoly steel"))), tag: t(" Gravel", " Gravel")}
				}},
			},
		},
		{
			cat:  cat("mountain-bikes", cycling, "Горные велосипеды", "Mountain bikes"),
			also: []string{outdoor}, pict: pictBike, noun: n("Горный велосипед", "Mountain Bike", masc), sizing: frameINT,
			rub: [2]int{39990, 349990}, count: 11, brands: []string{"velomir", "pedalis", "voltrek"},
			models: []string{"Rocca", "Gorge", "Boulder", "Switchback", "Loam", "Talus", "Scree"},
			variants: []variant{
				{intros: []domain.Text{
					t("Хардтейл с воздушной вилкой для лесных троп и первых стартов в кросс-кантри.", "A hardtail with an air fork for forest trails and your first cross-country races."),
					t("Надёжный горный велосипед для прогулок по парку и лёгкого бездорожья.", "A dependable mountain bike for park rides and light off-road."),
				}, rub: [2]int{39990, 119990}, make: func(r *rand.Rand) shape {
					return shape{specs: bike(r, [2]int{12500, 14500}, "trail", mat("алюминий", "aluminium"))}
				}},
				{intros: []domain.Text{
					t("Двухподвес для горных спусков, корней и каменистых участков.", "A full-suspension bike for mountain descents, roots and rocky sections."),
				}, rub: [2]int{149990, 349990}, make: func(r *rand.Rand) shape {
					return shape{specs: bike(r, [2]int{13000, 15500}, "mountain", pick(r, mat("алюминий", "aluminium"), mat("карбон", "carbon fibre"))), tag: t(" FS", " FS")}
				}},
			},
		},
		{
			cat:  cat("bike-helmets", cycling, "Велошлемы", "Bike helmets"),
			pict: pictHelmet, noun: n("Велошлем", "Bike Helmet", masc), sizing: helmetCM,
			rub: [2]int{2990, 19990}, count: 11, brands: []string{"velomir", "pedalis", "cadenzo", "voltrek"},
			models: []string{"Aero", "Shell", "Dome", "Vent", "Guard", "Crest"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкий вентилируемый шлем для шоссе и жарких летних тренировок.", "A light, well-ventilated helmet for road riding and hot summer training."),
				}, rub: [2]int{5990, 19990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 220, 290, 5)), Terrain: "road", Materials: mat("поликарбонат, пенополистирол", "polycarbonate, EPS foam")}}
				}},
				{intros: []domain.Text{
					t("Шлем для горного велосипеда с удлинённым затылком и регулируемым козырьком.", "A mountain bike helmet with extended rear coverage and an adjustable visor."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 300, 380, 5)), Terrain: "trail", Materials: mat("поликарбонат, пенополистирол", "polycarbonate, EPS foam")}}
				}},
				{intros: []domain.Text{
					t("Городской шлем со встроенным задним фонарём для поездок по городу.", "A city helmet with a built-in rear light for urban commuting."),
				}, rub: [2]int{2990, 8990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 320, 420, 5)), Materials: mat("ABS-пластик, пенополистирол", "ABS shell, EPS foam")}}
				}},
			},
		},
		{
			cat:  cat("cycling-jerseys", cycling, "Веломайки", "Cycling jerseys"),
			pict: pictShirt, noun: n("Веломайка", "Cycling Jersey", fem), cut: true, sizing: apparelINT,
			rub: [2]int{2990, 9990}, count: 9, brands: []string{"velomir", "cadenzo", "pedalis"},
			models: []string{"Fondo", "Peloton", "Climb", "Echelon", "Gran", "Sprint"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкая веломайка с тремя карманами на спине для летних шоссейных заездов.", "A light jersey with three back pockets for summer road rides."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: apparel(r, [2]int{15, 18}, [2]int{28, 35}, false, mat("полиэстер, эластан", "polyester, elastane"))}
				}},
				{intros: []domain.Text{
					t("Термоджерси с длинным рукавом для прохладных утренних тренировок весной и осенью.", "A long-sleeve thermal jersey for cool spring and autumn morning rides."),
				}, rub: [2]int{5990, 9990}, make: func(r *rand.Rand) shape {
					return shape{specs: apparel(r, [2]int{3, 8}, [2]int{14, 18}, false, mat("полиэстер с начёсом", "brushed polyester")), tag: t(" Thermo", " Thermo")}
				}},
			},
		},
		{
			cat:  cat("cycling-shoes", cycling, "Велотуфли", "Cycling shoes"),
			pict: pictShoe, noun: n("Велотуфли", "Cycling Shoes", plural), sizing: shoeEU,
			rub: [2]int{5990, 29990}, count: 8, brands: []string{"velomir", "cadenzo", "pedalis"},
			models: []string{"Torque", "Watt", "Crank", "Spin", "Cleat"},
			variants: []variant{
				{intros: []domain.Text{
					t("Шоссейные велотуфли с жёсткой карбоновой подошвой для эффективной передачи мощности.", "Road cycling shoes with a stiff carbon sole for efficient power transfer."),
				}, rub: [2]int{12990, 29990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 220, 300, 5)), Terrain: "road", Materials: mat("синтетическая кожа, карбон", "synthetic leather, carbon")}}
				}},
				{intros: []domain.Text{
					t("Велотуфли для МТБ с протектором: в них удобно идти пешком на крутых участках.", "MTB shoes with a treaded outsole you can walk in on steep sections."),
				}, rub: [2]int{5990, 16990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 330, 420, 5)), Terrain: "trail", Materials: mat("синтетика, нейлоновая подошва, резина", "synthetic upper, nylon sole, rubber")}}
				}},
			},
		},
		{
			cat:  cat("bike-lights", cycling, "Велофары и фонари", "Bike lights"),
			pict: pictLight, noun: n("Велофара", "Bike Light", fem),
			rub: [2]int{990, 6990}, count: 7, brands: []string{"velomir", "voltrek", "cadenzo"},
			models: []string{"Beam", "Lumen", "Flare", "Spark", "Nova"},
			variants: []variant{
				{intros: []domain.Text{
					t("Передняя фара с зарядкой по USB-C для ночных тренировок и поездок в тёмное время суток.", "A USB-C rechargeable front light for night training and commuting after dark."),
				}, make: func(r *rand.Rand) shape {
					lm := pick(r, 400, 600, 800, 1200, 1600)
					return shape{rub: 900 + lm*3, tag: t(", "+itoa(lm)+" лм", ", "+itoa(lm)+" lm"),
						specs: domain.Specs{WeightG: ip(stepped(r, 80, 220, 5)), Waterproof: bp(true), Materials: mat("алюминиевый корпус", "aluminium body")}}
				}},
			},
		},
	}
}
