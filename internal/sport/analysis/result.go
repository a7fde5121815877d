package analysis

// Result is everything computed about one activity. Its JSON is part of
// training.tracker.activity_completed.v1 and of the public API: change it
// only by adding fields. Optional values are nil when the activity has no
// data for them (no heart rate, no power, no route...).
type Result struct {
	DistanceM float64 `json:"distance_m"`
	ElapsedS  float64 `json:"elapsed_s"`
	MovingS   float64 `json:"moving_s"`
	ElevGainM float64 `json:"elev_gain_m"`
	ElevLossM float64 `json:"elev_loss_m"`
	AvgSpeed  float64 `json:"avg_speed"` // m/s over moving time
	MaxSpeed  float64 `json:"max_speed"`
	// AvgPaceSPerKM is moving seconds per kilometre (nil without distance).
	AvgPaceSPerKM   *float64 `json:"avg_pace_s_per_km"`
	AvgHR           *float64 `json:"avg_hr"`
	MaxHR           *float64 `json:"max_hr"`
	AvgCadence      *float64 `json:"avg_cadence"`
	MaxCadence      *float64 `json:"max_cadence"`
	AvgPower        *float64 `json:"avg_power"`
	MaxPower        *float64 `json:"max_power"`
	NormalizedPower *float64 `json:"normalized_power"`
	// Calories are kcal: from power when there is power, else from heart
	// rate and the athlete's data, else from distance and weight.
	Calories *float64 `json:"calories"`

	// SplitsKM and SplitsMile cover the activity in whole units plus the
	// remainder.
	SplitsKM   []Split `json:"splits_km"`
	SplitsMile []Split `json:"splits_mile"`
	Laps       []Split `json:"laps"`

	HRZones    *Zones `json:"hr_zones"`
	PowerZones *Zones `json:"power_zones"`

	// BestEfforts are the fastest stretches of the standard distances the
	// activity covers (running and walking families; rides get their own
	// distances), fastest first within each distance name.
	BestEfforts []Effort `json:"best_efforts"`

	Load Load `json:"load"`
}

// Split is one kilometre, mile or lap.
type Split struct {
	Index      int      `json:"index"` // from 1
	DistanceM  float64  `json:"distance_m"`
	ElapsedS   float64  `json:"elapsed_s"`
	MovingS    float64  `json:"moving_s"`
	ElevDiffM  float64  `json:"elev_diff_m"`
	AvgSpeed   float64  `json:"avg_speed"`
	AvgHR      *float64 `json:"avg_hr"`
	AvgPower   *float64 `json:"avg_power"`
	AvgCadence *float64 `json:"avg_cadence"`
}

// Zones are zone boundaries and the time spent in each zone. Bounds are the
// lower bounds of zones 2..n (so len(Bounds) == len(TimeS)-1), in bpm or W.
type Zones struct {
	// Method is "karvonen", "max_hr", "custom" (heart rate) or "ftp" (power).
	Method string    `json:"method"`
	Bounds []float64 `json:"bounds"`
	TimeS  []float64 `json:"time_s"`
}

// Effort is the fastest stretch of a standard distance within an activity.
type Effort struct {
	// Name is "400m", "1k", "1mile", "5k", "10k", "half_marathon",
	// "marathon" (and for rides "10k", "20k", "40k", "100k").
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	ElapsedS  float64 `json:"elapsed_s"`
	// StartS is the offset of the stretch from the activity's start.
	StartS float64 `json:"start_s"`
}

// Load is the training load of one activity.
type Load struct {
	// TRIMP is Banister's training impulse (needs heart rate and the
	// athlete's resting and maximum heart rate).
	TRIMP *float64 `json:"trimp"`
	// TSS is the training stress score; TSSMethod says how it was
	// computed: "power" (needs FTP), "hr" (hrTSS, needs threshold heart rate
	// or max/resting), "pace" (rTSS, needs threshold pace) or "" (none).
	TSS       *float64 `json:"tss"`
	TSSMethod string   `json:"tss_method"`
	// IF is the intensity factor behind TSS.
	IF *float64 `json:"if"`
}
