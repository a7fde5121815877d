package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// tent returns a tent for cap people with a weight that grows with it.
func tent(r *rand.Rand, cap, perPerson, minC int, terrain string) shape {
	return shape{
		tag:   t(", "+itoa(cap)+"-местная", ", "+itoa(cap)+"-person"),
		specs: domain.Specs{WeightG: ip(stepped(r, 800+cap*perPerson*9/10, 800+cap*perPerson*11/10, 50)), Waterproof: bp(true), TempMinC: ip(minC), Terrain: terrain, Materials: pick(r, mat("нейлон рипстоп с силиконовой пропиткой, алюминиевые дуги", "silicone-coated ripstop nylon, aluminium poles"), mat("полиэстер с PU-покрытием, фибергласовые дуги", "PU-coated polyester, fibreglass poles"))},
	}
}

func outdoorKinds() []kind {
	gear := []string{"taigerra", "borealto", "summitra", "nordvela", "granitka"}
	return []kind{
		{
			cat:  cat("tents", outdoor, "Палатки", "Tents"),
			pict: pictTent, noun: n("Палатка", "Tent", fem),
			rub: [2]int{6990, 69990}, count: 11, brands: gear,
			models: []string{"Taiga", "Baikal", "Altai", "Basecamp", "Tundra", "Valley", "Ural"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкая трёхсезонная палатка для походов с ночёвкой весной, летом и осенью.", "A light three-season tent for overnight hikes in spring, summer and autumn."),
					t("Быстро ставится одним человеком, а два входа избавляют от толкотни утром.", "One person can pitch it quickly, and two doors spare you the morning shuffle."),
				}, make: func(r *rand.Rand) shape {
					c := between(r, 1, 3)
					s := tent(r, c, 900, pick(r, -5, -3, 0), "mixed")
					s.rub = 6990 + c*between(r, 3000, 9000)
					return s
				}},
				{intros: []domain.Text{
					t("Просторная кемпинговая палатка с большим тамбуром для семейного отдыха на природе.", "A roomy camping tent with a large vestibule for family camping trips."),
				}, make: func(r *rand.Rand) shape {
					c := between(r, 4, 6)
					s := tent(r, c, 1300, 5, "mixed")
					s.rub = 9990 + c*between(r, 2500, 5000)
					return s
				}},
				{intros: []domain.Text{
					t("Штормовая палатка для высокогорья и зимних походов: выдерживает сильный ветер и снегопад.", "A storm-proof tent for high altitude and winter trips that stands up to strong wind and snow."),
				}, make: func(r *rand.Rand) shape {
					c := between(r, 2, 3)
					s := tent(r, c, 1400, between(r, -35, -25), "mountain")
					s.rub = 29990 + c*between(r, 6000, 12000)
					return s
				}},
			},
		},
		{
			cat:  cat("sleeping-bags", outdoor, "Спальные мешки", "Sleeping bags"),
			pict: pictSleepingBag, noun: n("Спальный мешок", "Sleeping Bag", masc),
			rub: [2]int{3990, 39990}, count: 10, brands: gear,
			models: []string{"Cocoon", "Ember", "Night", "Sever", "Yakutia", "Polar", "Hearth"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкий летний спальник для кемпинга и велопоходов.", "A light summer sleeping bag for camping and bikepacking."),
				}, rub: [2]int{3990, 8990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{TempMinC: ip(between(r, 6, 10)), TempMaxC: ip(25), WeightG: ip(stepped(r, 700, 1100, 50)), Materials: mat("полиэстер, синтетический утеплитель", "polyester, synthetic fill")}}
				}},
				{intros: []domain.Text{
					t("Спальный мешок-кокон с синтетическим утеплителем для походов в межсезонье.", "A mummy sleeping bag with synthetic fill for shoulder-season trips."),
				}, rub: [2]int{6990, 15990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{TempMinC: ip(between(r, -5, 0)), TempMaxC: ip(between(r, 15, 20)), WeightG: ip(stepped(r, 1100, 1600, 50)), Materials: mat("нейлон, синтетический утеплитель", "nylon, synthetic fill")}}
				}},
				{intros: []domain.Text{
					t("Тёплый пуховый спальник для зимних походов и высотных восхождений.", "A warm down sleeping bag for winter trips and high-altitude climbs."),
				}, rub: [2]int{19990, 39990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{TempMinC: ip(between(r, -25, -15)), TempMaxC: ip(5), WeightG: ip(stepped(r, 1400, 2200, 50)), Materials: mat("гусиный пух 90/10, нейлон", "90/10 goose down, nylon")}, tag: t(" Down", " Down")}
				}},
			},
		},
		{
			cat:  cat("trekking-boots", outdoor, "Треккинговые ботинки", "Hiking boots"),
			pict: pictBoot, noun: n("Треккинговые ботинки", "Hiking Boots", plural), cut: true, sizing: shoeEU,
			rub: [2]int{7990, 29990}, count: 12, brands: []string{"taigerra", "summitra", "nordvela", "borealto", "granitka"},
			models: []string{"Sayan", "Khibiny", "Karelia", "Pamir", "Kodar", "Putorana", "Chatkal"},
			variants: []variant{
				{intros: []domain.Text{
					t("Водонепроницаемые ботинки на мембране для многодневных походов по горам.", "Waterproof membrane boots for multi-day mountain treks."),
					t("Жёсткая подошва и высокая шнуровка надёжно держат голеностоп на осыпях.", "A stiff sole and high lacing keep your ankle secure on scree."),
				}, rub: [2]int{14990, 29990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "mountain", Waterproof: bp(true), WeightG: ip(stepped(r, 550, 750, 10)), TempMinC: ip(-10), TempMaxC: ip(25),
						Materials: mat("нубук, мембрана, резиновая подошва", "nubuck, membrane, rubber sole")}, tag: t(" Mid WP", " Mid WP")}
				}},
				{intros: []domain.Text{
					t("Лёгкие ботинки для однодневных прогулок по лесным и горным тропам.", "Light boots for day hikes on forest and mountain trails."),
				}, rub: [2]int{7990, 15990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "trail", Waterproof: bp(r.IntN(2) == 0), WeightG: ip(stepped(r, 380, 500, 10)),
						Materials: mat("текстиль, замша, резиновая подошва", "textile, suede, rubber sole")}}
				}},
				{intros: []domain.Text{
					t("Утеплённые ботинки для зимних походов и прогулок на снегоступах.", "Insulated boots for winter hiking and snowshoeing."),
				}, rub: [2]int{12990, 24990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "mountain", Waterproof: bp(true), WeightG: ip(stepped(r, 650, 850, 10)), TempMinC: ip(between(r, -35, -25)), TempMaxC: ip(5),
						Materials: mat("кожа, мембрана, синтетический утеплитель", "leather, membrane, synthetic insulation")}, tag: t(" Winter", " Winter")}
				}},
			},
		},
		{
			cat:  cat("hiking-backpacks", outdoor, "Туристические рюкзаки", "Hiking backpacks"),
			pict: pictBackpack, noun: n("Туристический рюкзак", "Hiking Backpack", masc), sizing: fromShape,
			rub: [2]int{3990, 24990}, count: 11, brands: gear,
			models: []string{"Trek", "Nomad", "Rover", "Scout", "Ranger", "Alpine", "Kamchatka"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкий рюкзак для однодневных походов с вентилируемой спинкой и карманом для питьевой системы.", "A light daypack for day hikes with a ventilated back and a hydration sleeve."),
				}, make: func(r *rand.Rand) shape { return pack(r, 20, 30, 600, 1000, 150) }},
				{intros: []domain.Text{
					t("Рюкзак для многодневных походов с регулируемой подвесной системой и накидкой от дождя.", "A multi-day trekking pack with an adjustable harness and a rain cover."),
				}, make: func(r *rand.Rand) shape { return pack(r, 45, 65, 1400, 2200, 200) }},
				{intros: []domain.Text{
					t("Экспедиционный рюкзак большого объёма для длинных маршрутов и восхождений.", "A high-volume expedition pack for long routes and climbs."),
				}, make: func(r *rand.Rand) shape { return pack(r, 75, 90, 2200, 2900, 260) }},
			},
		},
		{
			cat:  cat("trekking-poles", outdoor, "Треккинговые палки", "Trekking poles"),
			pict: pictPoles, noun: n("Треккинговые палки", "Trekking Poles", plural),
			rub: [2]int{2490, 11990}, count: 7, brands: []string{"summitra", "taigerra", "granitka"},
			models: []string{"Ascent", "Balance", "Step", "Trek", "Crest"},
			variants: []variant{
				{intros: []domain.Text{
					t("Телескопические алюминиевые палки с пробковыми рукоятками для походов и скандинавской ходьбы.", "Telescopic aluminium poles with cork grips for hiking and Nordic walking."),
				}, rub: [2]int{2490, 5990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 480, 580, 10)), Materials: mat("алюминий 7075, пробка", "7075 aluminium, cork")}}
				}},
				{intros: []domain.Text{
					t("Лёгкие складные карбоновые палки для трейлраннинга и быстрых восхождений.", "Light folding carbon poles for trail running and fast ascents."),
				}, rub: [2]int{6990, 11990}, also: running, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 320, 420, 10)), Materials: mat("карбон, EVA", "carbon fibre, EVA foam")}, tag: t(" Carbon", " Carbon")}
				}},
			},
		},
		{
			cat:  cat("hiking-jackets", outdoor, "Куртки для походов", "Hiking jackets"),
			pict: pictJacket, noun: n("Мембранная куртка", "Shell Jacket", fem), cut: true, sizing: apparelINT,
			rub: [2]int{5990, 34990}, count: 10, brands: []string{"taigerra", "borealto", "summitra", "nordvela"},
			models: []string{"Storm", "Gale", "Yamal", "Pechora", "Aurora", "Taimyr"},
			variants: []variant{
				{intros: []domain.Text{
					t("Мембранная куртка для походов под дождём и ветром с регулируемым капюшоном и вентиляционными молниями.", "A membrane jacket for hiking in wind and rain, with an adjustable hood and pit zips."),
				}, rub: [2]int{11990, 34990}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{-10, 0}, [2]int{15, 20}, true, mat("трёхслойная мембрана", "three-layer membrane"))
					s.WeightG = ip(stepped(r, 320, 480, 10))
					return shape{specs: s}
				}},
				{intros: []domain.Text{
					t("Тёплая пуховая куртка для зимних походов и долгих стоянок в лагере.", "A warm down jacket for winter trips and long evenings at camp."),
				}, rub: [2]int{12990, 29990}, noun: &noun{text: t("Пуховая куртка", "Down Jacket"), gram: fem}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{-30, -20}, [2]int{0, 5}, false, mat("гусиный пух, нейлон", "goose down, nylon"))
					s.WeightG = ip(stepped(r, 350, 650, 10))
					return shape{specs: s}
				}},
				{intros: []domain.Text{
					t("Эластичный софтшелл для активных переходов в прохладную погоду: защищает от ветра и дышит.", "A stretchy softshell for active hiking in cool weather that blocks wind and breathes."),
				}, rub: [2]int{5990, 13990}, noun: &noun{text: t("Куртка софтшелл", "Softshell Jacket"), gram: fem}, make: func(r *rand.Rand) shape {
					s := apparel(r, [2]int{-5, 2}, [2]int{12, 18}, false, mat("софтшелл с флисовой подкладкой", "fleece-backed softshell"))
					s.WeightG = ip(stepped(r, 380, 520, 10))
					return shape{specs: s}
				}},
			},
		},
	}
}

// pack returns a backpack with a volume in litres, sized by that volume.
func pack(r *rand.Rand, minL, maxL, minG, maxG, rubPerL int) shape {
	l := stepped(r, minL, maxL, 5)
	return shape{
		tag: t(", "+itoa(l)+" л", ", "+itoa(l)+" L"), sizes: []string{itoa(l)}, system: "L", rub: 990 + l*rubPerL/2 + r.IntN(l*rubPerL/2+1),
		specs: domain.Specs{WeightG: ip(stepped(r, minG, maxG, 10)), Materials: pick(r, mat("нейлон рипстоп", "ripstop nylon"), mat("полиэстер 600D", "600D polyester"))},
	}
}
