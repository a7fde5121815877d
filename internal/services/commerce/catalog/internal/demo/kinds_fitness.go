package demo

import (
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// weights returns a shape for a weight of kg kilograms (count pieces of
// it), priced per kilogram.
func weights(kg float64, count, rubPerKg int, materials *domain.Text) shape {
	w := fmtKG(kg)
	tagRU, tagEN := ", "+w.RU+" кг", ", "+w.EN+" kg"
	if count > 1 {
		tagRU, tagEN = ", "+itoa(count)+" × "+w.RU+" кг", ", "+itoa(count)+" × "+w.EN+" kg"
	}
	total := int(kg*1000) * count
	return shape{tag: t(tagRU, tagEN), rub: 490 + total*rubPerKg/1000,
		specs: domain.Specs{WeightG: ip(total), Terrain: "gym", Materials: materials}}
}

func fitnessKinds() []kind {
	return []kind{
		{
			cat:  cat("dumbbells", fitness, "Гантели", "Dumbbells"),
			pict: pictDumbbell, noun: n("Гантели", "Dumbbells", plural),
			rub: [2]int{990, 29990}, count: 9, brands: []string{"ironvale", "ferrogrip", "fitrona"},
			models: []string{"Hex", "Core", "Iron", "Grip", "Home", "Block"},
			variants: []variant{
				{intros: []domain.Text{
					t("Шестигранные гантели в резиновом покрытии: не катятся и не портят пол.", "Rubber-coated hex dumbbells that don't roll away or mark the floor."),
				}, make: func(r *rand.Rand) shape {
					return weights(pick(r, 2.5, 5, 7.5, 10, 12.5, 15, 20), 2, 260, mat("чугун, резина", "cast iron, rubber"))
				}},
				{intros: []domain.Text{
					t("Разборные гантели с грифами и блинами: вес легко менять под каждое упражнение.", "Adjustable dumbbells with handles and plates, so you can change the weight for each exercise."),
				}, make: func(r *rand.Rand) shape {
					return weights(float64(pick(r, 20, 30, 40)), 1, 320, mat("сталь, чугун", "steel, cast iron"))
				}},
				{intros: []domain.Text{
					t("Неопреновые гантели для аэробики, пилатеса и домашних тренировок.", "Neoprene dumbbells for aerobics, pilates and home workouts."),
				}, make: func(r *rand.Rand) shape {
					return weights(pick(r, 1, 1.5, 2, 3, 4, 5), 2, 420, mat("чугун, неопрен", "cast iron, neoprene"))
				}},
			},
		},
		{
			cat:  cat("kettlebells", fitness, "Гири", "Kettlebells"),
			pict: pictKettlebell, noun: n("Гиря", "Kettlebell", fem),
			rub: [2]int{1990, 14990}, count: 8, brands: []string{"ironvale", "ferrogrip"},
			models: []string{"Classic", "Pud", "Sport", "Iron"},
			variants: []variant{
				{intros: []domain.Text{
					t("Классическая литая гиря для махов, рывков и функциональных тренировок.", "A classic cast kettlebell for swings, snatches and functional training."),
				}, make: func(r *rand.Rand) shape {
					return weights(float64(pick(r, 4, 6, 8, 10, 12, 16, 20, 24, 32)), 1, 280, mat("чугун, порошковая краска", "cast iron, powder coat"))
				}},
				{intros: []domain.Text{
					t("Соревновательная гиря единого размера для гиревого спорта: вес меняется, а ручка и корпус остаются теми же.", "A competition kettlebell for kettlebell sport: one size for every weight, so the handle and body stay the same."),
				}, make: func(r *rand.Rand) shape {
					s := weights(float64(pick(r, 8, 12, 16, 20, 24, 28, 32)), 1, 420, mat("сталь", "steel"))
					s.tag.RU, s.tag.EN = " Comp"+s.tag.RU, " Comp"+s.tag.EN
					return s
				}},
			},
		},
		{
			cat:  cat("yoga-mats", fitness, "Коврики для йоги", "Yoga mats"),
			pict: pictMat, noun: n("Коврик для йоги", "Yoga Mat", masc),
			rub: [2]int{990, 7990}, count: 10, brands: []string{"fitrona", "kinetra"},
			models: []string{"Asana", "Lotus", "Flow", "Balance", "Zen", "Prana", "Calm"},
			variants: []variant{
				{intros: []domain.Text{
					t("Нескользящий коврик для йоги, пилатеса и растяжки дома и в студии.", "A non-slip mat for yoga, pilates and stretching at home or in the studio."),
					t("Плотный коврик с разметкой для выравнивания поз.", "A dense mat with alignment lines to help you set up each pose."),
				}, make: func(r *rand.Rand) shape {
					mm := pick(r, 4, 6, 8, 10)
					m := pick(r, mat("TPE", "TPE"), mat("натуральный каучук", "natural rubber"), mat("ПВХ", "PVC"), mat("пробка, каучук", "cork, rubber"))
					return shape{tag: t(", "+itoa(mm)+" мм", ", "+itoa(mm)+" mm"), rub: 790 + mm*between(r, 250, 650),
						specs: domain.Specs{WeightG: ip(stepped(r, 700+mm*120, 900+mm*180, 50)), Terrain: "indoor", Materials: m}}
				}},
			},
		},
		{
			cat:  cat("resistance-bands", fitness, "Фитнес-резинки и эспандеры", "Resistance bands"),
			pict: pictBand, noun: n("Набор фитнес-резинок", "Resistance Band Set", masc),
			rub: [2]int{490, 2990}, count: 7, brands: []string{"fitrona", "kinetra", "ferrogrip"},
			models: []string{"Loop", "Flex", "Power", "Stretch"},
			variants: []variant{
				{intros: []domain.Text{
					t("Набор резинок разной жёсткости для ягодиц, разминки и реабилитации.", "A set of bands in several strengths for glute work, warm-ups and rehab."),
					t("Компактный тренажёр, который помещается в карман спортивной сумки.", "A compact trainer that fits in a pocket of your gym bag."),
				}, make: func(r *rand.Rand) shape {
					c := pick(r, 3, 4, 5)
					return shape{tag: t(", "+itoa(c)+" шт.", ", "+itoa(c)+" pcs"), rub: 290 + c*between(r, 100, 450),
						specs: domain.Specs{Terrain: "gym", Materials: pick(r, mat("латекс", "latex"), mat("ткань, латексная нить", "fabric, latex thread"))}}
				}},
			},
		},
		{
			cat:  cat("training-shoes", fitness, "Кроссовки для тренировок", "Training shoes"),
			pict: pictShoe, noun: n("Кроссовки для тренировок", "Training Shoes", plural), cut: true, sizing: shoeEU,
			rub: [2]int{5990, 14990}, count: 10, brands: []string{"kestrava", "ironvale", "fitrona", "kinetra", "pulsora"},
			models: []string{"Lift", "Circuit", "Base", "Power", "Interval", "Studio"},
			variants: []variant{
				{intros: []domain.Text{
					t("Кроссовки для функционального тренинга с устойчивой пяткой и гибким передним отделом.", "Cross-training shoes with a stable heel and a flexible forefoot for functional workouts."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{270, 330}, [2]int{4, 6}, [2]int{18, 25}, "gym", "low", "medium")}
				}},
				{intros: []domain.Text{
					t("Кроссовки для силовых тренировок с плоской жёсткой подошвой для приседаний и становой тяги.", "Strength shoes with a flat, firm sole for squats and deadlifts."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{300, 360}, [2]int{0, 3}, [2]int{15, 20}, "gym", "low")}
				}},
				{intros: []domain.Text{
					t("Лёгкие кроссовки для зала, аэробики и танцевальных тренировок.", "Light gym shoes for aerobics and dance workouts."),
				}, rub: [2]int{5990, 9990}, make: func(r *rand.Rand) shape {
					return shape{specs: shoe(r, [2]int{230, 280}, [2]int{4, 8}, [2]int{20, 26}, "indoor", "medium")}
				}},
			},
		},
		{
			cat:  cat("fitness-apparel", fitness, "Одежда для фитнеса", "Fitness apparel"),
			pict: pictShirt, noun: n("Футболка для тренировок", "Training T-Shirt", fem), cut: true, sizing: apparelINT,
			rub: [2]int{1490, 5990}, count: 11, brands: []string{"kestrava", "fitrona", "kinetra", "pulsora"},
			models: []string{"Core", "Studio", "Active", "Move", "Pulse", "Form"},
			variants: []variant{
				{intros: []domain.Text{
					t("Футболка из дышащей ткани для силовых и кардиотренировок в зале.", "A breathable T-shirt for strength and cardio sessions at the gym."),
				}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "gym", Materials: mat("полиэстер, хлопок", "polyester, cotton")}}
				}},
				{intros: []domain.Text{
					t("Леггинсы с высокой посадкой для йоги, пилатеса и тренировок в зале; не просвечивают при наклонах.", "High-rise leggings for yoga, pilates and gym sessions that stay opaque when you bend."),
				}, line: women, pict: pictTights, rub: [2]int{2490, 5990}, noun: &noun{text: t("Леггинсы", "Leggings"), gram: plural}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "gym", Materials: mat("полиамид, эластан", "polyamide, elastane")}}
				}},
				{intros: []domain.Text{
					t("Спортивный топ со средней поддержкой для функциональных тренировок и бега.", "A medium-support sports bra for functional training and running."),
				}, line: women, rub: [2]int{1990, 4990}, noun: &noun{text: t("Спортивный топ", "Sports Bra"), gram: masc}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "gym", Materials: mat("полиамид, эластан", "polyamide, elastane")}}
				}},
				{intros: []domain.Text{
					t("Лёгкие шорты для тренировок со встроенными трусами и карманом на молнии.", "Light training shorts with a built-in liner and a zip pocket."),
				}, line: men, pict: pictTights, noun: &noun{text: t("Шорты для тренировок", "Training Shorts"), gram: plural}, make: func(r *rand.Rand) shape {
					return shape{specs: domain.Specs{Terrain: "gym", Materials: mat("полиэстер, эластан", "polyester, elastane")}}
				}},
			},
		},
	}
}
