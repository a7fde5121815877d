package profilesapi

import "github.com/sporthub/sporthub/internal/sport/route"

// EarthRadiusM is the mean Earth radius (IUGG) used for distances.
const EarthRadiusM = route.EarthRadiusM

// DistanceM returns the great-circle (haversine) distance in metres between
// two points given in degrees (route.Distance).
func DistanceM(lat1, lon1, lat2, lon2 float64) float64 {
	return route.Distance(route.Point{Lat: lat1, Lon: lon1}, route.Point{Lat: lat2, Lon: lon2})
}

// InPrivacyZone reports whether the point (degrees) lies within any of the
// zones, edge included. Services that show routes drop or blur such points.
func InPrivacyZone(zones []ZoneV1, lat, lon float64) bool {
	for _, z := range zones {
		if DistanceM(z.Lat, z.Lon, lat, lon) <= float64(z.RadiusM) {
			return true
		}
	}
	return false
}
