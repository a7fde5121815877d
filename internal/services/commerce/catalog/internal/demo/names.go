package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// modelName picks a model of brand b for kind k that no earlier product
// of that brand and kind has.
func (g *generator) modelName(k *kind, b brand) string {
	// A model word is followed by a generation or a line name.
	suffixes := [...]string{"", " 2", " 3", " 4", " 5", " 6", " Pro", " Lite", " Plus", " Evo", " Max"}
	for try := 0; ; try++ {
		word, suffix := pick(g.r, k.models...), suffixes[g.r.IntN(len(suffixes))]
		if k.noNumbers && suffix != "" && suffix[1] >= '0' && suffix[1] <= '9' || suffix == " "+word {
			continue // "Liga 5" reads as a ball size; "Pro Pro" as a typo
		}
		m := word + suffix
		if try >= 50 {
			m += " " + itoa(try)
		}
		key := k.cat.ID + "|" + b.id + "|" + m
		if !g.models[key] {
			g.models[key] = true
			return m
		}
	}
}

// productName names a product in both languages, for example
// "Женские кроссовки для бега Runvik Tempo 3" and
// "Runvik Tempo 3 Women's Running Shoes". A tag such as " WP, 2-person"
// is split at its comma: the part before follows the model, the rest ends
// the name.
func productName(nn noun, l line, brandName, model string, tag domain.Text) domain.Text {
	modelRU, restRU := splitTag(tag.RU)
	modelEN, restEN := splitTag(tag.EN)
	ru := nn.text.RU
	if adj := lineAdjective(l, nn.gram); adj != "" {
		ru = adj + " " + lowerFirst(ru)
	}
	en := nn.text.EN
	switch l {
	case men:
		en = "Men's " + en
	case women:
		en = "Women's " + en
	}
	return domain.Text{
		RU: ru + " " + brandName + " " + model + modelRU + restRU,
		EN: brandName + " " + model + modelEN + " " + en + restEN,
	}
}

func splitTag(tag string) (model, rest string) {
	if i := strings.Index(tag, ","); i >= 0 {
		return tag[:i], tag[i:]
	}
	return tag, ""
}

// lineAdjective is "мужской"/"женский" agreeing with a noun's gender.
func lineAdjective(l line, g gram) string {
	if l != men && l != women {
		return ""
	}
	forms := [2][4]string{
		{"Мужской", "Мужская", "Мужское", "Мужские"},
		{"Женский", "Женская", "Женское", "Женские"},
	}
	if l == men {
		return forms[0][g]
	}
	return forms[1][g]
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// description is an opening sentence, a summary of the specs and, for
// some products, a closing sentence about the sport.
func description(r *rand.Rand, intro domain.Text, s domain.Specs, sport string) domain.Text {
	d := intro
	if sum := specSummary(s); sum.RU != "" {
		d.RU += " " + sum.RU
		d.EN += " " + sum.EN
	}
	if r.IntN(10) < 6 {
		c := pick(r, closers(sport)...)
		d.RU += " " + c.RU
		d.EN += " " + c.EN
	}
	return d
}

// specSummary lists the specs a shopper compares, as one sentence.
func specSummary(s domain.Specs) domain.Text {
	var ru, en []string
	add := func(r, e string) { ru, en = append(ru, r), append(en, e) }
	if s.WeightG != nil {
		w := fmtGrams(*s.WeightG)
		add("вес "+w.RU, "weight "+w.EN)
	}
	if s.DropMM != nil {
		add("перепад "+itoa(*s.DropMM)+" мм", itoa(*s.DropMM)+" mm drop")
	}
	if s.StackMM != nil {
		add("высота подошвы "+itoa(*s.StackMM)+" мм", itoa(*s.StackMM)+" mm stack")
	}
	if c, ok := cushioningWords()[s.Cushioning]; ok {
		add("амортизация "+c.RU, c.EN+" cushioning")
	}
	if s.Waterproof != nil && *s.Waterproof {
		add("не промокает", "waterproof")
	}
	switch {
	case s.TempMinC != nil && s.TempMaxC != nil:
		add("комфорт от "+itoa(*s.TempMinC)+" до "+itoa(*s.TempMaxC)+" °C", "comfortable from "+itoa(*s.TempMinC)+" to "+itoa(*s.TempMaxC)+" °C")
	case s.TempMinC != nil:
		add("температура до "+itoa(*s.TempMinC)+" °C", "rated down to "+itoa(*s.TempMinC)+" °C")
	}
	out := domain.Text{RU: strings.Join(ru, ", "), EN: strings.Join(en, ", ")}
	if s.Materials != nil {
		if out.RU != "" {
			out.RU += "; "
			out.EN += "; "
		}
		out.RU += "материалы: " + s.Materials.RU
		out.EN += "materials: " + s.Materials.EN
	}
	if out.RU == "" {
		return out
	}
	return domain.Text{RU: upperFirst(out.RU) + ".", EN: upperFirst(out.EN) + "."}
}

func cushioningWords() map[string]domain.Text {
	return map[string]domain.Text{
		"low":    t("минимальная", "minimal"),
		"medium": t("умеренная", "moderate"),
		"high":   t("мягкая", "soft"),
		"max":    t("максимальная", "maximal"),
	}
}

// closers are closing sentences that suit any product of a sport.
func closers(sport string) []domain.Text {
	switch sport {
	case running:
		return []domain.Text{
			t("Хороший выбор для подготовки к первому полумарафону.", "A good choice when training for your first half marathon."),
			t("Проверено на длинных пробежках в любую погоду.", "Tested on long runs in all weathers."),
			t("Подходит и новичкам, и опытным бегунам.", "Suits beginners and seasoned runners alike."),
		}
	case cycling:
		return []domain.Text{
			t("Подойдёт и для групповых заездов, и для долгих одиночных тренировок.", "Works for group rides and long solo training alike."),
			t("Хороший выбор для первого веломарафона.", "A good pick for your first gran fondo."),
			t("Проверено на тысячах километров подмосковных дорог.", "Tested over thousands of kilometres of country roads."),
		}
	case swimming:
		return []domain.Text{
			t("Хороший выбор для подготовки к первому триатлону.", "A good choice for your first triathlon."),
			t("После тренировки достаточно сполоснуть пресной водой и высушить в тени.", "After a session just rinse in fresh water and dry in the shade."),
			t("Подходит для занятий в секции и самостоятельных тренировок.", "Suits club sessions and training on your own."),
		}
	case outdoor:
		return []domain.Text{
			t("Проверено в походах по Карелии, Алтаю и Уралу.", "Field-tested on trips in Karelia, the Altai and the Urals."),
			t("Хороший выбор для первого многодневного похода.", "A good choice for your first multi-day trek."),
			t("Надёжный спутник и в выходной вылазке, и в долгой экспедиции.", "A reliable companion on a weekend outing or a long expedition."),
		}
	case fitness:
		return []domain.Text{
			t("Подходит для занятий дома и в зале.", "Suitable for home and gym workouts."),
			t("Хороший выбор для домашнего спортзала.", "A solid pick for a home gym."),
			t("Выдерживает ежедневные тренировки в фитнес-клубе.", "Built to survive daily use in a fitness club."),
		}
	default:
		return []domain.Text{
			t("Подходит для тренировок и любительских матчей.", "Suitable for training and amateur matches."),
			t("Хороший выбор для школьной и любительской команды.", "A good choice for school and amateur teams."),
			t("Выдерживает сезон регулярных тренировок.", "Built to last a season of regular practice."),
		}
	}
}

func itoa(v int) string { return strconv.Itoa(v) }

// fmtKG formats a weight in kilograms with a decimal comma in Russian.
func fmtKG(kg float64) domain.Text {
	s := strconv.FormatFloat(math.Round(kg*100)/100, 'f', -1, 64)
	return t(strings.ReplaceAll(s, ".", ","), s)
}

// fmtGrams formats a weight in grams, switching to kilograms from 1 kg.
func fmtGrams(g int) domain.Text {
	if g < 1000 {
		return t(itoa(g)+" г", itoa(g)+" g")
	}
	kg := fmtKG(float64(g) / 1000)
	return t(kg.RU+" кг", kg.EN+" kg")
}
