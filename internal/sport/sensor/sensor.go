// Package sensor decodes raw frames from Bluetooth Low Energy (GATT) and
// ANT+ sensors into readings: heart rate with RR intervals, speed,
// cadence, power, distance, energy, weight and body composition.
//
// Each characteristic and data page has a stateless Parse function that
// returns the specification's fields as they are on the air. A Decoder
// turns a stream of frames from one sensor into Readings: it keeps the
// previous frame so that cumulative counters (wheel and crank revolutions,
// event times, ANT+ accumulated power and torque) become speed, cadence
// and power, rollover included.
//
// Sources: Bluetooth SIG GATT Specification Supplement (Heart Rate
// Measurement 0x2A37, CSC Measurement 0x2A5B, RSC Measurement 0x2A53,
// Cycling Power Measurement 0x2A63, Weight Measurement 0x2A9D, Body
// Composition Measurement 0x2A9C) and the ANT+ device profiles (Heart Rate
// Monitor, Stride Based Speed and Distance Monitor, Bicycle Speed and
// Cadence, Bicycle Power). docs/devices.md lists what is supported.
package sensor

import (
	"fmt"
	"math"
	"strings"
)

// Kind names a sensor frame format: a GATT characteristic or an ANT+
// device profile.
type Kind string

// The frame formats Decode understands.
const (
	GATTHeartRate       Kind = "gatt.heart_rate"        // Heart Rate Measurement, 0x2A37
	GATTCSC             Kind = "gatt.csc"               // CSC Measurement, 0x2A5B
	GATTRSC             Kind = "gatt.rsc"               // RSC Measurement, 0x2A53
	GATTCyclingPower    Kind = "gatt.cycling_power"     // Cycling Power Measurement, 0x2A63
	GATTWeight          Kind = "gatt.weight"            // Weight Measurement, 0x2A9D
	GATTBodyComposition Kind = "gatt.body_composition"  // Body Composition Measurement, 0x2A9C
	ANTHeartRate        Kind = "ant.heart_rate"         // ANT+ Heart Rate Monitor, 8-byte data pages
	ANTStride           Kind = "ant.stride"             // ANT+ Stride Based Speed and Distance Monitor
	ANTBikeSpeedCadence Kind = "ant.bike_speed_cadence" // ANT+ combined Bike Speed and Cadence
	ANTBikeSpeed        Kind = "ant.bike_speed"         // ANT+ Bike Speed
	ANTBikeCadence      Kind = "ant.bike_cadence"       // ANT+ Bike Cadence
	ANTBikePower        Kind = "ant.bike_power"         // ANT+ Bicycle Power
)

// Kinds lists every Kind in a fixed order.
var Kinds = []Kind{GATTHeartRate, GATTCSC, GATTRSC, GATTCyclingPower, GATTWeight, GATTBodyComposition,
	ANTHeartRate, ANTStride, ANTBikeSpeedCadence, ANTBikeSpeed, ANTBikeCadence, ANTBikePower}

// ParseKind returns the Kind named s (case-insensitive).
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("sensor: unknown kind %q", s)
}

// Reading is what one frame says, in SI-ish units. Channels the frame
// does not carry (or that need a previous frame not yet seen) are NaN;
// RR is nil when there are none.
type Reading struct {
	// HR is heart rate in beats per minute.
	HR float64
	// RR are beat-to-beat intervals in seconds, oldest first.
	RR []float64
	// Speed is metres per second.
	Speed float64
	// Cadence is rpm for cycling and steps per minute for running.
	Cadence float64
	// Power is watts.
	Power float64
	// Distance is the distance in metres the sensor reports covered
	// since the Decoder's first frame (0 on that frame), unwrapped across
	// counter rollovers: wheel revolutions times the wheel circumference,
	// the RSC total distance, the SDM distance.
	Distance float64
	// Energy is the energy expended in kJ as the sensor counts it (GATT
	// heart rate energy expended, cycling power accumulated energy): a
	// running total since the sensor's own reset.
	Energy float64
	// WeightKG is body mass in kilograms; HeightM in metres.
	WeightKG, HeightM, BMI float64
	// FatPct, MusclePct and WaterPct are percentages of body mass.
	FatPct, MusclePct, WaterPct float64
}

// NewReading returns a Reading with every channel absent.
func NewReading() Reading {
	n := math.NaN()
	return Reading{HR: n, Speed: n, Cadence: n, Power: n, Distance: n, Energy: n,
		WeightKG: n, HeightM: n, BMI: n, FatPct: n, MusclePct: n, WaterPct: n}
}

// FrameError says why a frame could not be decoded.
type FrameError struct {
	Kind   Kind
	Detail string
}

func (e *FrameError) Error() string { return "sensor: " + string(e.Kind) + ": " + e.Detail }

func frameErr(k Kind, format string, args ...any) *FrameError {
	return &FrameError{Kind: k, Detail: fmt.Sprintf(format, args...)}
}

// DefaultWheelCircumferenceM is a 700x25c road wheel.
const DefaultWheelCircumferenceM = 2.105

// Options tune a Decoder.
type Options struct {
	// WheelCircumferenceM turns wheel revolutions into distance; 0 (or
	// anything outside 0.1-10 m) means DefaultWheelCircumferenceM.
	WheelCircumferenceM float64
}
