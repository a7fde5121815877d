package demo

// pict is the pictogram a product's picture shows.
type pict int

// The pictograms; the zero value means "the category's pictogram".
const (
	pictNone pict = iota
	pictShoe
	pictBoot
	pictShirt
	pictJacket
	pictTights
	pictSock
	pictWatch
	pictBike
	pictHelmet
	pictLight
	pictGoggles
	pictSwimsuit
	pictCap
	pictFins
	pictTent
	pictSleepingBag
	pictBackpack
	pictPoles
	pictDumbbell
	pictKettlebell
	pictMat
	pictBand
	pictBall
	pictShield
)

// pictogram draws p with white strokes on a 600x600 canvas, within about
// 80..470 vertically. dark is the background's dark colour, used to fill
// shapes that must hide what lies behind them; category varies details
// (studs on football boots, the seams of a ball).
func pictogram(p pict, category, dark string) string {
	const solid = ` fill="#fff"`
	switch p {
	case pictShoe, pictBoot:
		upper := `<path d="M130 330C130 260 150 210 170 190L230 200C250 240 290 250 330 262C400 282 450 290 470 318C480 335 475 350 460 350H140C132 350 130 342 130 330Z"/>` +
			`<path d="M240 225L270 205M265 238L295 218M290 248L320 228"/>`
		if p == pictBoot {
			upper = `<path d="M165 140H265L275 250C340 262 420 275 460 305C478 320 476 350 460 350H150C140 350 138 340 140 330Z"/>` +
				`<path d="M235 175H275M238 210H278M242 245H282"/>`
		}
		s := upper + `<path d="M130 350H470Q478 372 455 378H145Q125 372 130 350Z"` + solid + `/>`
		if category == "football-boots" {
			s += `<path d="M175 392V400M235 392V400M385 392V400M440 392V400"/>`
		}
		return s
	case pictShirt:
		return `<path d="M225 125L150 160L110 250L170 275L195 235V440H405V235L430 275L490 250L450 160L375 125C355 165 245 165 225 125Z"/>`
	case pictJacket:
		return `<path d="M225 115L160 140L120 420H180L200 240V450H400V240L420 420H480L440 140L375 115C350 150 250 150 225 115Z"/>` +
			`<path d="M300 140V450M230 360H270M330 360H370"/>`
	case pictTights:
		return `<path d="M215 110H385L405 460H330L300 230L270 460H195Z"/><path d="M215 145H385"/>`
	case pictSock:
		return `<path d="M250 100H350V300L430 345C475 370 465 440 415 440H300C240 440 230 380 250 340Z"/><path d="M250 140H350"/>`
	case pictWatch:
		return `<rect x="262" y="100" width="76" height="380" rx="24"/><circle cx="300" cy="300" r="105" fill="` + dark + `"/>` +
			`<path d="M300 300V240M300 300L345 320M408 270H422M408 330H422"/>`
	case pictBike:
		return `<circle cx="175" cy="350" r="85"/><circle cx="425" cy="350" r="85"/>` +
			`<path d="M175 350L255 230H390L425 350M255 230L300 350L390 230M300 350H175M255 230L245 200M225 200H275M390 230L380 190L420 185"/>`
	case pictHelmet:
		return `<path d="M120 340C120 190 220 140 320 145C430 150 490 230 480 340Z"/>` +
			`<path d="M200 210L230 300M300 175V300M400 200L380 300M190 340C230 420 360 420 400 340"/>`
	case pictLight:
		return `<rect x="140" y="245" width="200" height="110" rx="40"/><circle cx="290" cy="300" r="30"` + solid + `/>` +
			`<path d="M370 250L470 205M375 300H490M370 350L470 395M200 355V410H270"/>`
	case pictGoggles:
		return `<ellipse cx="215" cy="300" rx="85" ry="60"/><ellipse cx="385" cy="300" rx="85" ry="60"/>` +
			`<path d="M290 292C295 278 305 278 310 292M130 300H85M470 300H515M175 285C185 268 205 262 225 264"/>`
	case pictSwimsuit:
		return `<path d="M235 110H255C270 190 330 190 345 110H365C360 200 370 250 410 290C360 360 330 420 300 450C270 420 240 360 190 290C230 250 240 200 235 110Z"/>`
	case pictCap:
		return `<path d="M130 370C130 190 210 140 300 140C390 140 470 190 470 370Z"/>` +
			`<path d="M300 140V370M215 175C200 250 200 320 205 370M385 175C400 250 400 320 395 370"/>`
	case pictFins:
		return `<path d="M195 110C175 230 140 340 150 470H290C285 340 260 230 250 110Z"/><path d="M350 110C340 230 315 340 310 470H450C460 340 425 230 405 110Z"/>`
	case pictTent:
		return `<path d="M110 420L300 130L490 420Z"/><path d="M245 420L300 290L355 420M80 420H520M300 130V95"/>`
	case pictSleepingBag:
		return `<path d="M215 120C260 95 340 95 385 120L410 430C350 465 250 465 190 430Z"/>` +
			`<ellipse cx="300" cy="170" rx="55" ry="38"/><path d="M355 215L375 430M205 280H395"/>`
	case pictBackpack:
		return `<path d="M255 150C255 95 345 95 345 150"/><rect x="185" y="150" width="230" height="290" rx="55"/>` +
			`<rect x="225" y="300" width="150" height="105" rx="22"/><path d="M185 230H415"/>`
	case pictPoles:
		return `<path d="M215 110L265 480M385 110L335 480M240 430H290M310 430H360"/><path d="M212 95L222 170M388 95L378 170" stroke-width="32"/>`
	case pictDumbbell:
		return `<path d="M190 300H410"/><rect x="150" y="215" width="45" height="170" rx="10"/><rect x="405" y="215" width="45" height="170" rx="10"/>` +
			`<rect x="110" y="250" width="40" height="100" rx="8"/><rect x="450" y="250" width="40" height="100" rx="8"/>`
	case pictKettlebell:
		return `<path d="M215 255C195 140 240 115 300 115C360 115 405 140 385 255"/><circle cx="300" cy="335" r="125" fill="` + dark + `"/>`
	case pictMat:
		return `<path d="M190 205H480Q495 205 495 220V380Q495 395 480 395H190"/><circle cx="190" cy="300" r="95" fill="` + dark + `"/>` +
			`<circle cx="190" cy="300" r="58"/><circle cx="190" cy="300" r="22"/>`
	case pictBand:
		return `<ellipse cx="300" cy="300" rx="190" ry="90" transform="rotate(-12 300 300)"/><ellipse cx="300" cy="300" rx="150" ry="60" transform="rotate(14 300 300)"/>`
	case pictBall:
		s := `<circle cx="300" cy="290" r="165"/>`
		switch category {
		case "basketballs":
			return s + `<path d="M135 290H465M300 125V455M185 170C245 230 245 350 185 410M415 170C355 230 355 350 415 410"/>`
		case "volleyballs":
			return s + `<path d="M300 290C300 210 250 150 190 165M300 290C370 250 440 270 460 330M300 290C280 360 250 420 190 420"/>`
		}
		return s + `<path d="M300 235L352 273L332 334H268L248 273Z"` + solid + `/>` +
			`<path d="M300 235V125M352 273L455 240M332 334L395 425M268 334L205 425M248 273L145 240"/>`
	case pictShield:
		return `<path d="M225 110H375C400 250 395 360 370 450C330 475 270 475 230 450C205 360 200 250 225 110Z"/>` +
			`<path d="M260 180H340M255 250H345M258 320H342"/>`
	}
	return `<circle cx="300" cy="290" r="150"/>`
}
