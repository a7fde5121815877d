package demo

import (
	"math"
	"testing"
)

// The power model against its own equation and known figures: about
// 200 W hold 32-33 km/h on the flat for a 74+9 kg rider on the drops.
func TestRideSpeed(t *testing.T) {
	for _, c := range []struct{ p, grade float64 }{{200, 0}, {0, -0.05}, {300, 0.06}, {0, 0}, {150, -0.02}, {1000, 0}} {
		v := rideSpeed(c.p, c.grade, 83)
		got := (0.5*rho*cdA*v*v*v + (crr+c.grade)*83*grav*v) / eta
		if math.Abs(got-c.p) > 0.01 && !(c.p == 0 && v == 0) {
			t.Errorf("P=%v grade=%v: v=%v needs %v W", c.p, c.grade, v, got)
		}
	}
	if v := rideSpeed(200, 0, 83) * 3.6; v < 31 || v > 34 {
		t.Errorf("200 W on the flat: %.1f km/h", v)
	}
}
