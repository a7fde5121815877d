package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// ball returns a ball in the given sizes (numbers, as printed on balls).
func ball(r *rand.Rand, w [2]int, terrain string, materials *domain.Text, sizes ...string) shape {
	var tag domain.Text
	if len(sizes) == 1 {
		tag = t(", размер "+sizes[0], ", size "+sizes[0])
	}
	return shape{tag: tag, sizes: sizes, system: "INT", specs: domain.Specs{WeightG: ip(stepped(r, w[0], w[1], 5)), Terrain: terrain, Materials: materials}}
}

func teamKinds() []kind {
	return []kind{
		{
			cat:  cat("football-boots", team, "Футбольные бутсы", "Football boots"),
			pict: pictShoe, noun: n("Футбольные бутсы", "Football Boots", plural), sizing: shoeEU,
			rub: [2]int{4990, 24990}, count: 12, brands: []string{"golavio", "arenix", "kestrava"},
			models: []string{"Striker", "Curve", "Pitch", "Dribble", "Derby", "Rondo", "Volley"},
			variants: []variant{
				{intros: []domain.Text{
					t("Бутсы с формованными шипами для натурального газона.", "Firm-ground boots with moulded studs for natural grass."),
					t("Тонкий синтетический верх даёт точное чувство мяча при ударе и приёме.", "A thin synthetic upper gives you a precise touch when striking and receiving."),
				}, rub: [2]int{7990, 24990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 180, 240, 5)), Materials: mat("синтетический верх, шипы TPU", "synthetic upper, TPU studs")}, tag: t(" FG", " FG")}
				}},
				{intros: []domain.Text{
					t("Бутсы с короткими шипами для искусственного газона и жёстких грунтовых полей.", "Boots with short studs for artificial turf and hard ground."),
				}, rub: [2]int{4990, 12990}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 210, 260, 5)), Materials: mat("синтетическая кожа, резина", "synthetic leather, rubber")}, tag: t(" TF", " TF")}
				}},
				{intros: []domain.Text{
					t("Футзалки с плоской немаркой подошвой для игры в зале.", "Futsal shoes with a flat, non-marking sole for indoor play."),
				}, rub: [2]int{4990, 9990}, noun: &noun{text: t("Футзалки", "Futsal Shoes"), gram: plural}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 230, 290, 5)), Terrain: "indoor", Materials: mat("замша, резина", "suede, rubber")}, tag: t(" IN", " IN")}
				}},
			},
		},
		{
			cat:  cat("footballs", team, "Футбольные мячи", "Footballs"),
			pict: pictBall, noun: n("Футбольный мяч", "Football", masc), sizing: fromShape, noNumbers: true,
			rub: [2]int{990, 12990}, count: 10, brands: []string{"golavio", "ballandor", "arenix"},
			models: []string{"Liga", "Match", "Kick", "Derby", "Champion", "Arena"},
			variants: []variant{
				{intros: []domain.Text{
					t("Матчевый мяч с термосклеенными панелями: стабильный полёт и минимальное впитывание воды.", "A match ball with thermally bonded panels for a stable flight and minimal water uptake."),
				}, rub: [2]int{5990, 12990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{420, 445}, "", mat("полиуретан, латексная камера", "polyurethane, latex bladder"), "5")
				}},
				{intros: []domain.Text{
					t("Прочный тренировочный мяч для ежедневных занятий на любом покрытии.", "A durable training ball for everyday practice on any surface."),
					t("Мяч с прошитыми панелями для школьных тренировок и дворового футбола.", "A stitched ball for school training and street football."),
				}, rub: [2]int{990, 3990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{400, 440}, "mixed", mat("ТПУ, бутиловая камера", "TPU, butyl bladder"), pick(r, []string{"4", "5"}, []string{"3", "4", "5"}, []string{"5"})...)
				}},
				{intros: []domain.Text{
					t("Мяч для футзала с пониженным отскоком для игры в зале.", "A low-bounce futsal ball for indoor play."),
				}, rub: [2]int{1990, 5990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{400, 440}, "indoor", mat("полиуретан, войлочная подкладка", "polyurethane, felt lining"), "4")
				}},
			},
		},
		{
			cat:  cat("basketballs", team, "Баскетбольные мячи", "Basketballs"),
			pict: pictBall, noun: n("Баскетбольный мяч", "Basketball", masc), sizing: fromShape, noNumbers: true,
			rub: [2]int{1490, 8990}, count: 9, brands: []string{"ballandor", "courtiva", "arenix"},
			models: []string{"Hoop", "Court", "Rim", "Pro", "Street"},
			variants: []variant{
				{intros: []domain.Text{
					t("Мяч из композитной кожи для игры в зале: мягкий хват и точный отскок.", "A composite leather ball for indoor play with a soft grip and a true bounce."),
				}, rub: [2]int{3990, 8990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{580, 620}, "indoor", mat("композитная кожа", "composite leather"), pick(r, "6", "7"))
				}},
				{intros: []domain.Text{
					t("Резиновый мяч для уличных площадок: выдерживает асфальт и непогоду.", "A rubber ball for outdoor courts that copes with asphalt and bad weather."),
				}, rub: [2]int{1490, 3490}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{560, 620}, "mixed", mat("резина", "rubber"), pick(r, []string{"7"}, []string{"5", "6", "7"}, []string{"6", "7"})...)
				}},
			},
		},
		{
			cat:  cat("volleyballs", team, "Волейбольные мячи", "Volleyballs"),
			pict: pictBall, noun: n("Волейбольный мяч", "Volleyball", masc), sizing: fromShape, noNumbers: true,
			rub: [2]int{1290, 7990}, count: 7, brands: []string{"ballandor", "courtiva"},
			models: []string{"Spike", "Set", "Block", "Ace", "Beach"},
			variants: []variant{
				{intros: []domain.Text{
					t("Клееный мяч для классического волейбола в зале, от тренировок до официальных игр.", "A glued indoor volleyball for everything from practice to league games."),
				}, rub: [2]int{3490, 7990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{260, 280}, "indoor", mat("микрофибра, бутиловая камера", "microfibre, butyl bladder"), "5")
				}},
				{intros: []domain.Text{
					t("Мягкий шитый мяч для пляжного волейбола и игры на песке летом.", "A soft stitched ball for beach volleyball and summer games on the sand."),
				}, rub: [2]int{1290, 3990}, make: func(r *rand.Rand) shape {
					return ball(r, [2]int{260, 280}, "mixed", mat("синтетическая кожа", "synthetic leather"), "5")
				}},
			},
		},
		{
			cat:  cat("basketball-shoes", team, "Баскетбольные кроссовки", "Basketball shoes"),
			pict: pictShoe, noun: n("Баскетбольные кроссовки", "Basketball Shoes", plural), sizing: shoeEU,
			rub: [2]int{6990, 19990}, count: 9, brands: []string{"courtiva", "arenix", "kestrava"},
			models: []string{"Rebound", "Crossover", "Fadeaway", "Post", "Layup", "Paint"},
			variants: []variant{
				{intros: []domain.Text{
					t("Высокие баскетбольные кроссовки с фиксацией голеностопа и мягкой пяткой для прыжков.", "High-top basketball shoes with ankle lockdown and a soft heel for jumping."),
					t("Устойчивые кроссовки для центровых: широкая подошва и плотная фиксация в борьбе под кольцом.", "Stable shoes for big men, with a wide base and firm lockdown for battles under the rim."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{400, 460}, [2]int{6, 10}, [2]int{24, 30}, "indoor", "medium", "high")}
				}},
				{intros: []domain.Text{
					t("Лёгкие низкие кроссовки для быстрых защитников: резкие смены направления и цепкая подошва.", "Light low-tops for quick guards, with a grippy outsole for sharp cuts."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{330, 380}, [2]int{4, 8}, [2]int{20, 26}, "indoor", "medium")}
				}},
			},
		},
		{
			cat:  cat("shin-guards", team, "Футбольные щитки", "Shin guards"),
			pict: pictShield, noun: n("Футбольные щитки", "Shin Guards", plural), sizing: gearINT,
			rub: [2]int{590, 3490}, count: 7, brands: []string{"golavio", "arenix", "ballandor"},
			models: []string{"Guard", "Shield", "Block", "Pro"},
			variants: []variant{
				{intros: []domain.Text{
					t("Лёгкие щитки с анатомической формой и фиксирующим рукавом для тренировок и матчей.", "Light anatomical shin guards with a compression sleeve for training and matches."),
					t("Щитки с защитой голеностопа для юных игроков и тренировок на искусственном газоне.", "Shin guards with ankle protection for young players and training on artificial turf."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{WeightG: ip(stepped(r, 120, 260, 10)), Materials: pick(r, mat("полипропилен, EVA", "polypropylene, EVA foam"), mat("стеклопластик, EVA", "fibreglass, EVA foam"))}}
				}},
			},
		},
	}
}
