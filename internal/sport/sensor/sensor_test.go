package sensor_test

import (
	"errors"
	"math"
	"testing"

	"github.com/sporthub/sporthub/internal/sport/sensor"
)

// near reports whether got is want within tol; NaN matches NaN.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

var nan = math.NaN()

// want lists the channels a test checks; unlisted channels must be NaN.
type want struct {
	HR, Speed, Cadence, Power, Distance, Energy         float64
	WeightKG, HeightM, BMI, FatPct, MusclePct, WaterPct float64
	RR                                                  []float64
}

func none() want {
	return want{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nil}
}

func check(t *testing.T, name string, r sensor.Reading, w want) {
	t.Helper()
	for _, c := range []struct {
		ch        string
		got, want float64
	}{
		{"HR", r.HR, w.HR}, {"Speed", r.Speed, w.Speed}, {"Cadence", r.Cadence, w.Cadence},
		{"Power", r.Power, w.Power}, {"Distance", r.Distance, w.Distance}, {"Energy", r.Energy, w.Energy},
		{"WeightKG", r.WeightKG, w.WeightKG}, {"HeightM", r.HeightM, w.HeightM}, {"BMI", r.BMI, w.BMI},
		{"FatPct", r.FatPct, w.FatPct}, {"MusclePct", r.MusclePct, w.MusclePct}, {"WaterPct", r.WaterPct, w.WaterPct},
	} {
		if !near(c.got, c.want, 1e-3) {
			t.Errorf("%s: %s = %v, want %v", name, c.ch, c.got, c.want)
		}
	}
	if len(r.RR) != len(w.RR) {
		t.Errorf("%s: RR = %v, want %v", name, r.RR, w.RR)
		return
	}
	for i := range r.RR {
		if !near(r.RR[i], w.RR[i], 1e-6) {
			t.Errorf("%s: RR = %v, want %v", name, r.RR, w.RR)
		}
	}
}

// step is one frame fed to a decoder and what it must yield.
type step struct {
	name  string
	frame []byte
	want  func(w *want)
}

func run(t *testing.T, k sensor.Kind, o sensor.Options, steps []step) {
	t.Helper()
	d := sensor.NewDecoder(k, o)
	for _, s := range steps {
		r, err := d.Decode(s.frame)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		w := none()
		if s.want != nil {
			s.want(&w)
		}
		check(t, s.name, r, w)
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range sensor.Kinds {
		got, err := sensor.ParseKind(" " + string(k) + " ")
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	if _, err := sensor.ParseKind("gatt.toaster"); err == nil {
		t.Error("unknown kind accepted")
	}
	if len(sensor.Kinds) != 12 {
		t.Errorf("%d kinds", len(sensor.Kinds))
	}
}

// Heart Rate Measurement (0x2A37), GATT Specification Supplement 3.113.
func TestGATTHeartRate(t *testing.T) {
	run(t, sensor.GATTHeartRate, sensor.Options{}, []step{
		// flags 0x00: uint8 value, contact not supported, no energy, no RR;
		// heart rate 0x48 = 72 bpm.
		{"uint8", []byte{0x00, 0x48}, func(w *want) { w.HR = 72 }},
		// flags 0x16 = contact detected (bit 1) and supported (bit 2), RR
		// present (bit 4); 0x3C = 60 bpm; RR 0x0400 = 1024/1024 = 1 s and
		// 0x0200 = 0.5 s.
		{"RR intervals", []byte{0x16, 0x3C, 0x00, 0x04, 0x00, 0x02}, func(w *want) {
			w.HR = 60
			w.RR = []float64{1, 0.5}
		}},
		// flags 0x09 = uint16 value (bit 0) and energy expended (bit 3);
		// 0x00B4 = 180 bpm; energy 0x03E8 = 1000 kJ.
		{"uint16 and energy", []byte{0x09, 0xB4, 0x00, 0xE8, 0x03}, func(w *want) {
			w.HR = 180
			w.Energy = 1000
		}},
		// flags 0x04: contact supported (bit 2) but not detected (bit 1
		// clear): the 80 bpm is not a reading.
		{"no skin contact", []byte{0x04, 0x50}, nil},
		// flags 0x10 (RR) with heart rate 0 and RR 0x0333 = 819/1024 s.
		{"RR without heart rate", []byte{0x10, 0x00, 0x33, 0x03}, func(w *want) { w.RR = []float64{819.0 / 1024} }},
	})
	m, err := sensor.ParseHeartRateMeasurement([]byte{0x1E, 0x4B, 0x10, 0x00, 0x00, 0x03})
	// flags 0x1E: contact detected+supported, energy, RR; 75 bpm; energy
	// 0x0010 = 16 kJ; RR 0x0300 = 0.75 s.
	if err != nil || m.HR != 75 || !m.ContactDetected || !m.ContactSupported || !m.HasEnergy || m.EnergyKJ != 16 ||
		len(m.RR) != 1 || m.RR[0] != 0.75 {
		t.Errorf("ParseHeartRateMeasurement = %+v, %v", m, err)
	}
}

// CSC Measurement (0x2A5B), GATT Specification Supplement 3.53.
func TestGATTCSC(t *testing.T) {
	run(t, sensor.GATTCSC, sensor.Options{}, []step{
		// flags 0x03: wheel and crank data. Wheel revs 1000 (E8 03 00 00),
		// wheel event 0x0400 = 1 s; crank revs 50 (32 00), crank event 1 s.
		{"first", []byte{0x03, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x04, 0x32, 0x00, 0x00, 0x04}, func(w *want) { w.Distance = 0 }},
		// Wheel 1004 revs at 0x0C00 = 3 s: 4 revs in 2 s = 2 rev/s x 2.105 m
		// = 4.21 m/s, 8.42 m. Crank 52 revs at 3 s: 2 revs in 2 s = 60 rpm.
		{"second", []byte{0x03, 0xEC, 0x03, 0x00, 0x00, 0x00, 0x0C, 0x34, 0x00, 0x00, 0x0C}, func(w *want) {
			w.Speed, w.Distance, w.Cadence = 4.21, 8.42, 60
		}},
		// The same event again (no new revolution): values kept...
		{"repeat 1", []byte{0x03, 0xEC, 0x03, 0x00, 0x00, 0x00, 0x0C, 0x34, 0x00, 0x00, 0x0C}, func(w *want) {
			w.Speed, w.Distance, w.Cadence = 4.21, 8.42, 60
		}},
		{"repeat 2", []byte{0x03, 0xEC, 0x03, 0x00, 0x00, 0x00, 0x0C, 0x34, 0x00, 0x00, 0x0C}, func(w *want) {
			w.Speed, w.Distance, w.Cadence = 4.21, 8.42, 60
		}},
		// ...until three frames in a row bring nothing new: stopped.
		{"repeat 3", []byte{0x03, 0xEC, 0x03, 0x00, 0x00, 0x00, 0x0C, 0x34, 0x00, 0x00, 0x0C}, func(w *want) {
			w.Speed, w.Distance, w.Cadence = 0, 8.42, 0
		}},
		// Wheel data only (flags 0x01): 1010 revs at 0x1400 = 5 s: 6 revs in
		// 2 s = 3 rev/s = 6.315 m/s; distance 10 revs = 21.05 m.
		{"wheel only", []byte{0x01, 0xF2, 0x03, 0x00, 0x00, 0x00, 0x14}, func(w *want) { w.Speed, w.Distance = 6.315, 21.05 }},
	})
	// Rollover: wheel revs 0xFFFFFFFE -> 2 (4 revs) and event time 0xF000
	// -> 0x0400 (0x1400 = 5120/1024 = 5 s); crank revs 0xFFFF -> 0x0001
	// (2 revs) and time 0xFC00 -> 0x0400 (2048/1024 = 2 s) = 60 rpm.
	run(t, sensor.GATTCSC, sensor.Options{WheelCircumferenceM: 2.0}, []step{
		{"before", []byte{0x03, 0xFE, 0xFF, 0xFF, 0xFF, 0x00, 0xF0, 0xFF, 0xFF, 0x00, 0xFC}, func(w *want) { w.Distance = 0 }},
		{"after", []byte{0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x04}, func(w *want) {
			w.Speed, w.Distance, w.Cadence = 4*2.0/5, 8, 60
		}},
	})
	// A counter that jumps back (the sensor restarted) is no reading.
	run(t, sensor.GATTCSC, sensor.Options{}, []step{
		{"before", []byte{0x01, 0x10, 0x27, 0x00, 0x00, 0x00, 0x04}, func(w *want) { w.Distance = 0 }},
		// 10000 -> 5 revs 1 s later: 2^32-9995 revs in a second.
		{"reset", []byte{0x01, 0x05, 0x00, 0x00, 0x00, 0x00, 0x08}, func(w *want) { w.Distance = 0 }},
		// Counting resumes from the new values: 7 revs 1 s later.
		{"after", []byte{0x01, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x0C}, func(w *want) { w.Speed, w.Distance = 7*2.105, 7*2.105 }},
	})
}

// RSC Measurement (0x2A53), GATT Specification Supplement 3.184.
func TestGATTRSC(t *testing.T) {
	run(t, sensor.GATTRSC, sensor.Options{}, []step{
		// flags 0x07: stride length, total distance, running. Speed 0x0380 =
		// 896/256 = 3.5 m/s; cadence 0xB4 = 180/min; stride 0x0075 = 1.17 m;
		// total distance 0x00003039 = 12345 dm = 1234.5 m.
		{"full", []byte{0x07, 0x80, 0x03, 0xB4, 0x75, 0x00, 0x39, 0x30, 0x00, 0x00}, func(w *want) {
			w.Speed, w.Cadence, w.Distance = 3.5, 180, 0
		}},
		// Total distance 12385 dm: 4 m further.
		{"further", []byte{0x07, 0x80, 0x03, 0xB4, 0x75, 0x00, 0x61, 0x30, 0x00, 0x00}, func(w *want) {
			w.Speed, w.Cadence, w.Distance = 3.5, 180, 4
		}},
		// flags 0x00 (walking, speed and cadence only): 0x0140 = 1.25 m/s,
		// 0x6E = 110 steps/min.
		{"walking", []byte{0x00, 0x40, 0x01, 0x6E}, func(w *want) { w.Speed, w.Cadence = 1.25, 110 }},
	})
	m, err := sensor.ParseRSCMeasurement([]byte{0x07, 0x80, 0x03, 0xB4, 0x75, 0x00, 0x39, 0x30, 0x00, 0x00})
	if err != nil || !m.Running || !m.HasStrideLength || m.StrideLengthM != 1.17 || m.DistanceM != 1234.5 {
		t.Errorf("ParseRSCMeasurement = %+v, %v", m, err)
	}
}

// Cycling Power Measurement (0x2A63), GATT Specification Supplement 3.65.
func TestGATTCyclingPower(t *testing.T) {
	full := []byte{
		0xFF, 0x0F, // flags 0x0FFF: bits 0-11 (balance, left reference, torque, crank source, wheel, crank, force, torque, angles, TDS, BDS, energy)
		0x2C, 0x01, // instantaneous power 300 W
		0x64,       // pedal power balance 100/2 = 50 %
		0x40, 0x06, // accumulated torque 0x0640 = 1600/32 = 50 N·m
		0x10, 0x27, 0x00, 0x00, // cumulative wheel revolutions 10000
		0x00, 0x08, // last wheel event time 0x0800 = 2048/2048 = 1 s
		0xC8, 0x00, // cumulative crank revolutions 200
		0x00, 0x04, // last crank event time 0x0400 = 1 s
		0xF4, 0x01, // maximum force 500 N
		0x9C, 0xFF, // minimum force -100 N
		0x80, 0x0C, // maximum torque 0x0C80 = 3200/32 = 100 N·m
		0xE0, 0xFF, // minimum torque -32/32 = -1 N·m
		0xB4, 0xE0, 0x15, // angles: 0x15E0B4 -> maximum 0x0B4 = 180°, minimum 0x15E = 350°
		0x0A, 0x00, // top dead spot 10°
		0xBE, 0x00, // bottom dead spot 190°
		0xD2, 0x04, // accumulated energy 1234 kJ
	}
	m, err := sensor.ParseCyclingPowerMeasurement(full)
	if err != nil {
		t.Fatal(err)
	}
	if m.PowerW != 300 || !m.HasBalance || m.BalancePct != 50 || !m.BalanceLeft || m.AccumulatedTorqueNm != 50 ||
		!m.TorqueFromCrank || m.WheelRevs != 10000 || m.WheelEventTime != 2048 || m.CrankRevs != 200 ||
		m.CrankEventTime != 1024 || m.MaxForceN != 500 || m.MinForceN != -100 || m.MaxTorqueNm != 100 ||
		m.MinTorqueNm != -1 || m.MaxAngleDeg != 180 || m.MinAngleDeg != 350 || m.TopDeadSpotDeg != 10 ||
		m.BottomDeadSpotDeg != 190 || m.AccumulatedEnergyKJ != 1234 || m.OffsetCompensationHint {
		t.Errorf("ParseCyclingPowerMeasurement = %+v", m)
	}
	run(t, sensor.GATTCyclingPower, sensor.Options{}, []step{
		{"full", full, func(w *want) { w.Power, w.Distance, w.Energy = 300, 0, 1234 }},
		// flags 0x0030: wheel and crank data. Power 0x00FA = 250 W. Wheel
		// 10003 revs at 0x2000 = 8192/2048 = 4 s: 3 revs in 3 s = 2.105 m/s
		// (the wheel time unit is 1/2048 s here, not CSC's 1/1024).
		// Crank 203 revs at 0x0D00 = 3328/1024 = 3.25 s: 3 revs in 2.25 s = 80 rpm.
		{"deltas", []byte{0x30, 0x00, 0xFA, 0x00, 0x13, 0x27, 0x00, 0x00, 0x00, 0x20, 0xCB, 0x00, 0x00, 0x0D}, func(w *want) {
			w.Power, w.Speed, w.Distance, w.Cadence = 250, 2.105, 3*2.105, 80
		}},
		// flags 0x0000, power 0xFFF6 = -10 W (sint16: braking on a trainer).
		{"negative", []byte{0x00, 0x00, 0xF6, 0xFF}, func(w *want) { w.Power = -10 }},
	})
}

// Weight Measurement (0x2A9D), GATT Specification Supplement 3.251.
func TestGATTWeight(t *testing.T) {
	si := []byte{
		0x0E,       // flags: SI, time stamp, user ID, BMI and height
		0xB0, 0x36, // weight 0x36B0 = 14000 x 0.005 = 70 kg
		0xE9, 0x07, 0x03, 0x0E, 0x07, 0x1E, 0x0F, // 2025-03-14 07:30:15
		0x01,       // user 1
		0xE5, 0x00, // BMI 229 x 0.1 = 22.9
		0xD6, 0x06, // height 1750 x 0.001 = 1.75 m
	}
	m, err := sensor.ParseWeightMeasurement(si)
	if err != nil || m.WeightKG != 70 || !m.HasTime || m.Time.Format("2006-01-02 15:04:05") != "2025-03-14 07:30:15" ||
		m.UserID != 1 || m.BMI != 22.9 || m.HeightM != 1.75 || m.Imperial {
		t.Errorf("ParseWeightMeasurement = %+v, %v", m, err)
	}
	run(t, sensor.GATTWeight, sensor.Options{}, []step{
		{"SI", si, func(w *want) { w.WeightKG, w.BMI, w.HeightM = 70, 22.9, 1.75 }},
		// flags 0x09: imperial, BMI and height. 0x3C48 = 15432 x 0.01 lb =
		// 154.32 lb = 69.998 kg; BMI 22.9; height 689 x 0.1 in = 68.9 in = 1.75006 m.
		{"imperial", []byte{0x09, 0x48, 0x3C, 0xE5, 0x00, 0xB1, 0x02}, func(w *want) {
			w.WeightKG, w.BMI, w.HeightM = 154.32*0.45359237, 22.9, 68.9*0.0254
		}},
		// flags 0x00, weight 0xFFFF: measurement unsuccessful.
		{"unsuccessful", []byte{0x00, 0xFF, 0xFF}, nil},
	})
	// A scale whose clock is unset sends year 0: no time.
	m, err = sensor.ParseWeightMeasurement([]byte{0x02, 0xB0, 0x36, 0, 0, 0, 0, 0, 0, 0})
	if err != nil || !m.HasTime || !m.Time.IsZero() {
		t.Errorf("unset clock: %+v, %v", m, err)
	}
}

// Body Composition Measurement (0x2A9C), GATT Specification Supplement 3.31.
func TestGATTBodyComposition(t *testing.T) {
	full := []byte{
		0xFE, 0x0F, // flags 0x0FFE: SI, every optional field, single packet
		0xB9, 0x00, // body fat 185 x 0.1 = 18.5 %
		0xE9, 0x07, 0x03, 0x0E, 0x07, 0x1E, 0x0F, // 2025-03-14 07:30:15
		0x02,       // user 2
		0x58, 0x1B, // basal metabolism 7000 kJ
		0x90, 0x01, // muscle 400 x 0.1 = 40.0 %
		0x70, 0x17, // muscle mass 6000 x 0.005 = 30 kg
		0xBC, 0x2F, // fat free mass 12220 x 0.005 = 61.1 kg
		0x50, 0x2D, // soft lean mass 11600 x 0.005 = 58 kg
		0xD0, 0x20, // body water mass 8400 x 0.005 = 42 kg
		0x88, 0x13, // impedance 5000 x 0.1 = 500 Ω
		0x98, 0x3A, // weight 15000 x 0.005 = 75 kg
		0x08, 0x07, // height 1800 x 0.001 = 1.8 m
	}
	m, err := sensor.ParseBodyCompositionMeasurement(full)
	if err != nil || m.FatPct != 18.5 || m.UserID != 2 || m.BasalKJ != 7000 || m.MusclePct != 40 || m.MuscleKG != 30 ||
		!near(m.FatFreeKG, 61.1, 1e-9) || m.SoftLeanKG != 58 || m.WaterKG != 42 || m.ImpedanceOhm != 500 ||
		m.WeightKG != 75 || m.HeightM != 1.8 || m.MultiplePacket || m.Time.Day() != 14 {
		t.Errorf("ParseBodyCompositionMeasurement = %+v, %v", m, err)
	}
	body := func(w *want) {
		w.FatPct, w.MusclePct, w.WaterPct, w.WeightKG, w.HeightM, w.BMI = 18.5, 40, 56, 75, 1.8, 75/(1.8*1.8)
	}
	run(t, sensor.GATTBodyComposition, sensor.Options{}, []step{
		{"single packet", full, body},
		// A measurement split in two. Packet 1: flags 0x1012 = time stamp,
		// muscle percentage, multiple packet (bit 12); fat 18.5 %; time;
		// muscle 40 %.
		{"packet 1", []byte{0x12, 0x10, 0xB9, 0x00, 0xE9, 0x07, 0x03, 0x0F, 0x07, 0x1E, 0x0F, 0x90, 0x01}, func(w *want) {
			w.FatPct, w.MusclePct = 18.5, 40
		}},
		// Packet 2: flags 0x0D00 = water mass, weight, height, last packet;
		// fat 18.5 %; water 42 kg; weight 75 kg; height 1.8 m. The reading
		// holds the whole measurement.
		{"packet 2", []byte{0x00, 0x0D, 0xB9, 0x00, 0xD0, 0x20, 0x98, 0x3A, 0x08, 0x07}, body},
		// The next measurement starts afresh: flags 0x0001 (imperial), body
		// fat 0xFFFF = unsuccessful.
		{"next", []byte{0x01, 0x00, 0xFF, 0xFF}, nil},
	})
	// Imperial masses: weight 16535 x 0.01 lb = 165.35 lb = 75.0 kg.
	m, err = sensor.ParseBodyCompositionMeasurement([]byte{0x01, 0x04, 0xB9, 0x00, 0x97, 0x40})
	if err != nil || !near(m.WeightKG, 165.35*0.45359237, 1e-9) {
		t.Errorf("imperial: %+v, %v", m, err)
	}
}

// ANT+ Heart Rate Monitor device profile: data pages 0-4.
func TestANTHeartRate(t *testing.T) {
	const rr = 819.0 / 1024 // ~73 bpm
	run(t, sensor.ANTHeartRate, sensor.Options{}, []step{
		// Page 0, toggle 0; bytes 1-3 reserved; beat time 1000 (E8 03), beat
		// count 10, computed heart rate 0x4B = 75 bpm.
		{"first", []byte{0x00, 0xFF, 0xFF, 0xFF, 0xE8, 0x03, 0x0A, 0x4B}, func(w *want) { w.HR = 75 }},
		// The same beat again (pages repeat at 4 Hz): no RR.
		{"same beat", []byte{0x00, 0xFF, 0xFF, 0xFF, 0xE8, 0x03, 0x0A, 0x4B}, func(w *want) { w.HR = 75 }},
		// Next beat: count 11 at 1819 (1B 07): RR = 819/1024 s.
		{"next beat", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x1B, 0x07, 0x0B, 0x4B}, func(w *want) { w.HR, w.RR = 75, []float64{rr} }},
		// Toggle bit flips (0x80): the page numbers are now trusted.
		{"toggle", []byte{0x80, 0xFF, 0xFF, 0xFF, 0x1B, 0x07, 0x0B, 0x4B}, func(w *want) { w.HR = 75 }},
		// Page 4 (0x84 = toggle 1, page 4): byte 1 manufacturer specific,
		// previous beat time 2638 (4E 0A), beat time 3457 (81 0D), count
		// 13: beat 12 was missed, yet page 4 gives beat 13's RR.
		{"page 4 after a gap", []byte{0x84, 0xFF, 0x4E, 0x0A, 0x81, 0x0D, 0x0D, 0x4B}, func(w *want) { w.HR, w.RR = 75, []float64{rr} }},
		// Computed heart rate 0: invalid.
		{"invalid rate", []byte{0x84, 0xFF, 0x4E, 0x0A, 0x81, 0x0D, 0x0D, 0x00}, nil},
	})
	// A legacy strap never flips the toggle bit: its page byte means
	// nothing, so a count that skips a beat gives no RR.
	run(t, sensor.ANTHeartRate, sensor.Options{}, []step{
		{"first", []byte{0x04, 0xFF, 0x00, 0x00, 0x1B, 0x07, 0x0B, 0x4B}, func(w *want) { w.HR = 75 }},
		{"skipped", []byte{0x04, 0xFF, 0x4E, 0x0A, 0x81, 0x0D, 0x0D, 0x4B}, func(w *want) { w.HR = 75 }},
	})
	// Rollover of the beat time (65000 = E8 FD -> 264 = 08 01, 800 ticks)
	// and of the beat count (255 -> 0).
	run(t, sensor.ANTHeartRate, sensor.Options{}, []step{
		{"before", []byte{0x00, 0xFF, 0xFF, 0xFF, 0xE8, 0xFD, 0xFF, 0x4C}, func(w *want) { w.HR = 76 }},
		{"after", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x08, 0x01, 0x00, 0x4C}, func(w *want) { w.HR, w.RR = 76, []float64{800.0 / 1024} }},
		// A beat 5 s later (count +1 but reception was lost): no RR.
		{"gap", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x08, 0x15, 0x01, 0x4C}, func(w *want) { w.HR = 76 }},
	})
	for _, c := range []struct {
		frame []byte
		check func(p sensor.ANTHeartRatePage) bool
	}{
		// Page 1: cumulative operating time 0x002710 = 10000 x 2 s.
		{[]byte{0x01, 0x10, 0x27, 0x00, 0, 0, 0, 0}, func(p sensor.ANTHeartRatePage) bool { return p.Page == 1 && p.OperatingS == 20000 }},
		// Page 2 (toggle set): manufacturer 1, serial 0x3039 = 12345.
		{[]byte{0x82, 0x01, 0x39, 0x30, 0, 0, 0, 0}, func(p sensor.ANTHeartRatePage) bool {
			return p.Page == 2 && p.Toggle && p.Manufacturer == 1 && p.Serial == 12345
		}},
		// Page 3: hardware 5, software 10, model 7.
		{[]byte{0x03, 0x05, 0x0A, 0x07, 0, 0, 0, 0}, func(p sensor.ANTHeartRatePage) bool {
			return p.HWVersion == 5 && p.SWVersion == 10 && p.Model == 7
		}},
	} {
		p, err := sensor.ParseANTHeartRate(c.frame)
		if err != nil || !c.check(p) {
			t.Errorf("ParseANTHeartRate(% x) = %+v, %v", c.frame, p, err)
		}
	}
}

// ANT+ Stride Based Speed and Distance Monitor: pages 1 and 2.
func TestANTStride(t *testing.T) {
	run(t, sensor.ANTStride, sensor.Options{}, []step{
		// Page 1: time 0x64/200 = 0.5 + 10 s; distance 5 m + (0x83>>4 =
		// 8)/16 = 5.5 m; speed (0x83&0x0F = 3) + 0x80/256 = 3.5 m/s; 20
		// strides; latency 8/32 s.
		{"first", []byte{0x01, 0x64, 0x0A, 0x05, 0x83, 0x80, 0x14, 0x08}, func(w *want) { w.Speed, w.Distance = 3.5, 0 }},
		// 2 s later (12.5 s), 12.5 m, 23 strides: 7 m, 3 strides in 2 s =
		// 90 strides/min = 180 steps/min.
		{"second", []byte{0x01, 0x64, 0x0C, 0x0C, 0x83, 0x80, 0x17, 0x08}, func(w *want) { w.Speed, w.Distance, w.Cadence = 3.5, 7, 180 }},
		// Page 2: cadence 0x58 = 88 + (0x83>>4 = 8)/16 = 88.5 strides/min =
		// 177 steps/min; speed 3 + 0x40/256 = 3.25 m/s; status 0x05.
		{"page 2", []byte{0x02, 0xFF, 0xFF, 0x58, 0x83, 0x40, 0xFF, 0x05}, func(w *want) { w.Speed, w.Cadence = 3.25, 177 }},
	})
	// Rollover: time 255 s -> 1 s (2 s), distance 254 m -> 2 m (4 m),
	// strides 254 -> 1 (3 strides): 180 steps/min.
	run(t, sensor.ANTStride, sensor.Options{}, []step{
		{"before", []byte{0x01, 0x00, 0xFF, 0xFE, 0x03, 0x00, 0xFE, 0x00}, func(w *want) { w.Speed, w.Distance = 3, 0 }},
		{"after", []byte{0x01, 0x00, 0x01, 0x02, 0x03, 0x00, 0x01, 0x00}, func(w *want) { w.Speed, w.Distance, w.Cadence = 3, 4, 180 }},
		// A common page (0x50, manufacturer's information): nothing.
		{"common page", []byte{0x50, 0xFF, 0xFF, 0x01, 0x01, 0x00, 0x01, 0x00}, nil},
	})
}

// ANT+ Bike Speed and Cadence (combined, speed-only, cadence-only).
func TestANTBikeSpeedCadence(t *testing.T) {
	run(t, sensor.ANTBikeSpeedCadence, sensor.Options{}, []step{
		// Cadence time 0x0400 = 1 s, 100 crank revs; speed time 1 s, 1000 wheel revs.
		{"first", []byte{0x00, 0x04, 0x64, 0x00, 0x00, 0x04, 0xE8, 0x03}, func(w *want) { w.Distance = 0 }},
		// Cadence 1 rev in 1 s = 60 rpm; speed 4 revs in 2 s = 4.21 m/s.
		{"second", []byte{0x00, 0x08, 0x65, 0x00, 0x00, 0x0C, 0xEC, 0x03}, func(w *want) { w.Cadence, w.Speed, w.Distance = 60, 4.21, 8.42 }},
	})
	run(t, sensor.ANTBikeSpeedCadence, sensor.Options{WheelCircumferenceM: 2.0}, []step{
		// Rollover of all four counters: cadence time 0xFE00 -> 0x0200 (1
		// s), revs 0xFFFF -> 1 (2 revs: 120 rpm); speed time 0xFC00 ->
		// 0x0400 (2 s), revs 0xFFFE -> 2 (4 revs of 2 m: 4 m/s).
		{"before", []byte{0x00, 0xFE, 0xFF, 0xFF, 0x00, 0xFC, 0xFE, 0xFF}, func(w *want) { w.Distance = 0 }},
		{"after", []byte{0x00, 0x02, 0x01, 0x00, 0x00, 0x04, 0x02, 0x00}, func(w *want) { w.Cadence, w.Speed, w.Distance = 120, 4, 8 }},
	})
	run(t, sensor.ANTBikeSpeed, sensor.Options{}, []step{
		// Page 0: bytes 1-3 reserved, event time 1 s, 10 revs.
		{"first", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x04, 0x0A, 0x00}, func(w *want) { w.Distance = 0 }},
		// Toggle set: 12 revs at 2 s = 4.21 m/s.
		{"second", []byte{0x80, 0xFF, 0xFF, 0xFF, 0x00, 0x08, 0x0C, 0x00}, func(w *want) { w.Speed, w.Distance = 4.21, 4.21 }},
		// Page 5 (motion and speed, toggle set), stop indicator set: 0 m/s.
		{"stopped", []byte{0x85, 0x01, 0xFF, 0xFF, 0x00, 0x08, 0x0C, 0x00}, func(w *want) { w.Speed, w.Distance = 0, 4.21 }},
	})
	run(t, sensor.ANTBikeCadence, sensor.Options{}, []step{
		// Page 0: event time 1 s, 50 crank revs; then 3 revs in 2 s = 90 rpm.
		{"first", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x04, 0x32, 0x00}, nil},
		{"second", []byte{0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x0C, 0x35, 0x00}, func(w *want) { w.Cadence = 90 }},
	})
}

// ANT+ Bicycle Power: pages 0x10, 0x11, 0x12.
func TestANTBikePower(t *testing.T) {
	run(t, sensor.ANTBikePower, sensor.Options{}, []step{
		// 0x10: event 1; pedal power 0xB2 = right pedal (bit 7), 50 %;
		// cadence 0x5A = 90 rpm; accumulated 256 W (00 01); instantaneous
		// 200 W (C8 00). The first page gives the instantaneous power.
		{"first", []byte{0x10, 0x01, 0xB2, 0x5A, 0x00, 0x01, 0xC8, 0x00}, func(w *want) { w.Power, w.Cadence = 200, 90 }},
		// Event 3, accumulated 666 (9A 02): 410 W over 2 events = 205 W.
		{"average", []byte{0x10, 0x03, 0xB2, 0x5A, 0x9A, 0x02, 0xD2, 0x00}, func(w *want) { w.Power, w.Cadence = 205, 90 }},
		// Event 3 again: instantaneous 210 W.
		{"repeat", []byte{0x10, 0x03, 0xB2, 0x5A, 0x9A, 0x02, 0xD2, 0x00}, func(w *want) { w.Power, w.Cadence = 210, 90 }},
		// Pedal power 0xFF (not used), cadence 0xFF (invalid); event 4,
		// accumulated 666+180 = 846 (4E 03): 180 W.
		{"no cadence", []byte{0x10, 0x04, 0xFF, 0xFF, 0x4E, 0x03, 0xB4, 0x00}, func(w *want) { w.Power = 180 }},
	})
	p, err := sensor.ParseANTBikePower([]byte{0x10, 0x01, 0xB2, 0x5A, 0x00, 0x01, 0xC8, 0x00})
	if err != nil || !p.HasPedalPower || !p.PedalRight || p.PedalPowerPct != 50 || p.Cadence != 90 || p.AccumulatedPower != 256 || p.PowerW != 200 {
		t.Errorf("ParseANTBikePower = %+v, %v", p, err)
	}
	// Rollover of event count (0xFF -> 0x01) and accumulated power (0xFF00
	// -> 0x0190: 400 + 256 = 656 W over 2 events = 328 W).
	run(t, sensor.ANTBikePower, sensor.Options{}, []step{
		{"before", []byte{0x10, 0xFF, 0xFF, 0x50, 0x00, 0xFF, 0x40, 0x01}, func(w *want) { w.Power, w.Cadence = 320, 80 }},
		{"after", []byte{0x10, 0x01, 0xFF, 0x50, 0x90, 0x01, 0x50, 0x01}, func(w *want) { w.Power, w.Cadence = 328, 80 }},
	})
	// 0x12 crank torque: power = 128π·Δtorque/Δperiod, cadence =
	// 60·Δevents·2048/Δperiod.
	crank := 128 * math.Pi * 1000 / 2048 // 196.35 W
	run(t, sensor.ANTBikePower, sensor.Options{}, []step{
		// Event 5, 5 crank ticks, cadence 90, period 0x1000, torque 0x0800.
		{"first", []byte{0x12, 0x05, 0x05, 0x5A, 0x00, 0x10, 0x00, 0x08}, func(w *want) { w.Cadence = 90 }},
		// Event 7 (2 revolutions), period 0x1800 (+2048 = 1 s), torque
		// 0x0BE8 (+1000/32 N·m): 196.35 W at 120 rpm.
		{"second", []byte{0x12, 0x07, 0x07, 0x78, 0x00, 0x18, 0xE8, 0x0B}, func(w *want) { w.Power, w.Cadence = crank, 120 }},
		// No new event: the same values.
		{"repeat", []byte{0x12, 0x07, 0x07, 0x78, 0x00, 0x18, 0xE8, 0x0B}, func(w *want) { w.Power, w.Cadence = crank, 120 }},
		// An event without rotation (period unchanged): coasting, 0 W, 0 rpm.
		{"coasting", []byte{0x12, 0x08, 0x07, 0x00, 0x00, 0x18, 0xE8, 0x0B}, func(w *want) { w.Power, w.Cadence = 0, 0 }},
	})
	run(t, sensor.ANTBikePower, sensor.Options{}, []step{
		// Rollover: event 0xFF -> 0x01 (2), period 0xFC00 -> 0x0400 (+2048),
		// torque 0xFE00 -> 0x01E8 (+1000).
		{"before", []byte{0x12, 0xFF, 0xFF, 0x78, 0x00, 0xFC, 0x00, 0xFE}, func(w *want) { w.Cadence = 120 }},
		{"after", []byte{0x12, 0x01, 0x01, 0x78, 0x00, 0x04, 0xE8, 0x01}, func(w *want) { w.Power, w.Cadence = crank, 120 }},
	})
	// 0x11 wheel torque: 4 events and 4 wheel ticks over 4096/2048 = 2 s,
	// torque +1600/32 N·m: power 128π·1600/4096 = 157.08 W, speed 2.105 x
	// 4 x 2048/4096 = 4.21 m/s, distance 4 x 2.105 m.
	run(t, sensor.ANTBikePower, sensor.Options{}, []step{
		{"first", []byte{0x11, 0x01, 0x01, 0xFF, 0x00, 0x00, 0x00, 0x00}, func(w *want) { w.Distance = 0 }},
		{"second", []byte{0x11, 0x05, 0x05, 0xFF, 0x00, 0x10, 0x40, 0x06}, func(w *want) {
			w.Power, w.Speed, w.Distance = 128*math.Pi*1600/4096, 4.21, 8.42
		}},
		// A calibration page (0x01) and a common page (0x50): nothing.
		{"calibration", []byte{0x01, 0xAC, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}, nil},
		{"common", []byte{0x50, 0xFF, 0xFF, 0x01, 0x01, 0x00, 0x01, 0x00}, nil},
	})
}

func TestMalformedFrames(t *testing.T) {
	cases := map[sensor.Kind][][]byte{
		sensor.GATTHeartRate: {
			nil,                // no flags
			{0x00},             // no heart rate
			{0x01, 0x48},       // uint16 heart rate cut short
			{0x08, 0x48, 0x10}, // energy cut short
			{0x10, 0x48, 0x00}, // half an RR interval
		},
		sensor.GATTCSC:             {{}, {0x01, 0, 0, 0, 0, 0}, {0x02, 0, 0, 0}, {0x03, 0, 0, 0, 0, 0, 0, 0}},
		sensor.GATTRSC:             {{}, {0x00, 0x01, 0x00}, {0x01, 0, 0, 0, 0}, {0x02, 0, 0, 0, 0, 0, 0}},
		sensor.GATTCyclingPower:    {{0x00}, {0x00, 0x00, 0x01}, {0x01, 0x00, 0x10, 0x00}, {0x00, 0x08, 0x10, 0x00, 0x01}, {0x00, 0x01, 0, 0, 0, 0}},
		sensor.GATTWeight:          {{}, {0x00, 0x01}, {0x02, 0x01, 0x02, 0xE9, 0x07}, {0x08, 0x01, 0x02, 0x03, 0x00}},
		sensor.GATTBodyComposition: {{0x00}, {0x00, 0x00, 0x01}, {0x00, 0x04, 0xB9, 0x00, 0x01}},
	}
	for _, k := range []sensor.Kind{sensor.ANTHeartRate, sensor.ANTStride, sensor.ANTBikeSpeedCadence, sensor.ANTBikeSpeed, sensor.ANTBikeCadence, sensor.ANTBikePower} {
		cases[k] = [][]byte{nil, make([]byte, 7), make([]byte, 9)}
	}
	for k, frames := range cases {
		d := sensor.NewDecoder(k, sensor.Options{})
		for _, f := range frames {
			r, err := d.Decode(f)
			var fe *sensor.FrameError
			if !errors.As(err, &fe) || fe.Kind != k || fe.Detail == "" {
				t.Errorf("%s % x: err = %v", k, f, err)
				continue
			}
			check(t, string(k), r, none())
		}
	}
	if _, err := sensor.NewDecoder("gatt.toaster", sensor.Options{}).Decode([]byte{0}); err == nil {
		t.Error("unknown kind decoded")
	}
}

// A bad frame between two good ones changes nothing.
func TestBadFrameKeepsState(t *testing.T) {
	d := sensor.NewDecoder(sensor.GATTCSC, sensor.Options{})
	if _, err := d.Decode([]byte{0x01, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x04}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decode([]byte{0x01, 0xFF, 0xFF}); err == nil {
		t.Fatal("short frame accepted")
	}
	r, err := d.Decode([]byte{0x01, 0xEC, 0x03, 0x00, 0x00, 0x00, 0x0C})
	if err != nil || !near(r.Speed, 4.21, 1e-9) || !near(r.Distance, 8.42, 1e-9) {
		t.Errorf("after a bad frame: %+v, %v", r, err)
	}
	d.Reset()
	if r, _ := d.Decode([]byte{0x01, 0xF0, 0x03, 0x00, 0x00, 0x00, 0x10}); !math.IsNaN(r.Speed) || r.Distance != 0 {
		t.Errorf("after Reset: %+v", r)
	}
}
