package profilesapi

import "slices"

// Text is a string in Russian and English.
type Text struct {
	RU string `json:"ru"`
	EN string `json:"en"`
}

// Sport is a sport a profile may list.
type Sport struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
}

// Sports are the sports a profile may list, in the order the web app shows
// them. IDs are stable: other services (training, events) use the same ones.
var Sports = []Sport{
	{"running", Text{"Бег", "Running"}},
	{"trail_running", Text{"Трейлраннинг", "Trail running"}},
	{"cycling", Text{"Велоспорт", "Cycling"}},
	{"mountain_biking", Text{"Маунтинбайк", "Mountain biking"}},
	{"swimming", Text{"Плавание", "Swimming"}},
	{"open_water_swimming", Text{"Плавание на открытой воде", "Open water swimming"}},
	{"triathlon", Text{"Триатлон", "Triathlon"}},
	{"skiing", Text{"Беговые лыжи", "Cross-country skiing"}},
	{"alpine_skiing", Text{"Горные лыжи", "Alpine skiing"}},
	{"snowboarding", Text{"Сноуборд", "Snowboarding"}},
	{"skating", Text{"Коньки", "Skating"}},
	{"walking", Text{"Ходьба", "Walking"}},
	{"nordic_walking", Text{"Скандинавская ходьба", "Nordic walking"}},
	{"hiking", Text{"Пеший туризм", "Hiking"}},
	{"climbing", Text{"Скалолазание", "Climbing"}},
	{"rowing", Text{"Гребля", "Rowing"}},
	{"fitness", Text{"Фитнес", "Fitness"}},
	{"yoga", Text{"Йога", "Yoga"}},
	{"football", Text{"Футбол", "Football"}},
	{"basketball", Text{"Баскетбол", "Basketball"}},
	{"volleyball", Text{"Волейбол", "Volleyball"}},
	{"hockey", Text{"Хоккей", "Ice hockey"}},
	{"tennis", Text{"Теннис", "Tennis"}},
	{"table_tennis", Text{"Настольный теннис", "Table tennis"}},
	{"badminton", Text{"Бадминтон", "Badminton"}},
	{"martial_arts", Text{"Единоборства", "Martial arts"}},
	{"boxing", Text{"Бокс", "Boxing"}},
	{"orienteering", Text{"Спортивное ориентирование", "Orienteering"}},
}

// IsSport reports whether id is one of Sports.
func IsSport(id string) bool {
	return slices.ContainsFunc(Sports, func(s Sport) bool { return s.ID == id })
}

// Levels of an athlete in a sport, lowest first.
var Levels = []string{"beginner", "intermediate", "advanced", "elite"}

// Visibility values, for the profile and for each activity default.
const (
	VisibilityPublic    = "public"
	VisibilityFollowers = "followers"
	VisibilityPrivate   = "private"
)

// Visibilities lists the visibility values, most open first.
var Visibilities = []string{VisibilityPublic, VisibilityFollowers, VisibilityPrivate}

// Sexes a profile may state (or leave null).
var Sexes = []string{"female", "male", "other"}

// Goal kinds and periods.
var (
	GoalKinds   = []string{"distance", "time", "count", "race"}
	GoalPeriods = []string{"week", "month", "year"}
)

// Achievement codes awarded by this rules.
const (
	AchievementEmailVerified   = "email_verified"
	AchievementProfileComplete = "profile_complete"
	AchievementFirstFollower   = "first_follower"
)

// AchievementInfo names an achievement code.
type AchievementInfo struct {
	Code string
	Name Text
}

// Achievements names every achievement code, for the web app and templates.
var Achievements = []AchievementInfo{
	{AchievementEmailVerified, Text{"Почта подтверждена", "Email verified"}},
	{AchievementProfileComplete, Text{"Профиль заполнен", "Profile complete"}},
	{AchievementFirstFollower, Text{"Первый подписчик", "First follower"}},
}
