// Package analysis computes what an athlete wants to know about activities:
// per-activity metrics (distance, moving time, elevation, speed and pace,
// heart rate, cadence, power and normalized power, calories), splits and
// laps, heart-rate and power zones, best efforts, training load (TRIMP,
// TSS), fitness and fatigue (CTL, ATL, TSB), race predictions (Riegel,
// VDOT), age grading and ACWR. Formulas and their sources are in
// docs/analytics.md; test vectors come from quality.md and the FIT SDK's
// example files.
package analysis
