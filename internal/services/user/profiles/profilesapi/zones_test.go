package profilesapi_test

import (
	"math"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func TestDistanceM(t *testing.T) {
	cases := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64
	}{
		{"same point", 55.7558, 37.6173, 55.7558, 37.6173, 0, 1e-6},
		// One degree of latitude on the mean sphere: 2πR/360.
		{"one degree north", 0, 0, 1, 0, 2 * math.Pi * profilesapi.EarthRadiusM / 360, 1e-6},
		{"quarter of the equator", 0, 0, 0, 90, math.Pi * profilesapi.EarthRadiusM / 2, 1e-6},
		{"antipodes", 0, 0, 0, 180, math.Pi * profilesapi.EarthRadiusM, 1e-6},
		// Moscow (Red Square) to Saint Petersburg (Palace Square): ~634 km.
		{"Moscow to Saint Petersburg", 55.7539, 37.6208, 59.9390, 30.3158, 634_400, 1_500},
		// Across the antimeridian: 0.02° of longitude at the equator.
		{"antimeridian", 0, 179.99, 0, -179.99, 2 * math.Pi * profilesapi.EarthRadiusM * 0.02 / 360, 1e-3},
	}
	for _, tc := range cases {
		if got := profilesapi.DistanceM(tc.lat1, tc.lon1, tc.lat2, tc.lon2); math.Abs(got-tc.want) > tc.tol {
			t.Errorf("%s: %.3f m, want %.3f ± %g", tc.name, got, tc.want, tc.tol)
		}
	}
}

func TestInPrivacyZone(t *testing.T) {
	home := profilesapi.ZoneV1{ID: "z1", Lat: 55.7558, Lon: 37.6173, RadiusM: 500}
	// 0.0045° of latitude is ~500.4 m; 0.0044° ~489.3 m.
	cases := []struct {
		name     string
		zones    []profilesapi.ZoneV1
		lat, lon float64
		want     bool
	}{
		{"no zones", nil, 55.7558, 37.6173, false},
		{"centre", []profilesapi.ZoneV1{home}, 55.7558, 37.6173, true},
		{"inside the edge", []profilesapi.ZoneV1{home}, 55.7558 + 0.0044, 37.6173, true},
		{"outside the edge", []profilesapi.ZoneV1{home}, 55.7558 + 0.0045, 37.6173, false},
		{"far away", []profilesapi.ZoneV1{home}, 59.9390, 30.3158, false},
		{"second zone", []profilesapi.ZoneV1{home, {ID: "z2", Lat: 59.9390, Lon: 30.3158, RadiusM: 100}}, 59.9391, 30.3158, true},
	}
	for _, tc := range cases {
		if got := profilesapi.InPrivacyZone(tc.zones, tc.lat, tc.lon); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
