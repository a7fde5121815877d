package sensor

import (
	"encoding/binary"
	"math"
	"time"
)

// reader walks a frame; a read past the end sets short.
type reader struct {
	b     []byte
	off   int
	short string // the field that did not fit
}

func (r *reader) take(n int, field string) []byte {
	if r.short != "" {
		return nil
	}
	if r.off+n > len(r.b) {
		r.short = field
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) u8(field string) uint8 {
	if s := r.take(1, field); s != nil {
		return s[0]
	}
	return 0
}

func (r *reader) u16(field string) uint16 {
	if s := r.take(2, field); s != nil {
		return binary.LittleEndian.Uint16(s)
	}
	return 0
}

func (r *reader) s16(field string) int16 { return int16(r.u16(field)) }

func (r *reader) u32(field string) uint32 {
	if s := r.take(4, field); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

func (r *reader) u24(field string) uint32 {
	if s := r.take(3, field); s != nil {
		return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16
	}
	return 0
}

func (r *reader) err(k Kind) error {
	if r.short == "" {
		return nil
	}
	return frameErr(k, "frame of %d bytes ends before %s", len(r.b), r.short)
}

// dateTime reads the GATT Date Time characteristic (0x2A08): year
// uint16, month, day, hours, minutes, seconds uint8. A year, month or day
// of 0 means unknown; the result is then the zero Time. Date Time names
// no time zone: the result is in UTC as a wall-clock reading.
func (r *reader) dateTime() time.Time {
	s := r.take(7, "time stamp")
	if s == nil {
		return time.Time{}
	}
	y := int(binary.LittleEndian.Uint16(s))
	mo, d, h, mi, se := int(s[2]), int(s[3]), int(s[4]), int(s[5]), int(s[6])
	if y < 1582 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59 {
		return time.Time{}
	}
	return time.Date(y, time.Month(mo), d, h, mi, se, 0, time.UTC)
}

// HeartRateMeasurement is the Heart Rate Measurement characteristic
// (0x2A37).
//
// Flags (uint8): bit 0 heart rate value format (0 uint8, 1 uint16);
// bit 1 sensor contact detected; bit 2 sensor contact supported; bit 3
// energy expended present; bit 4 RR intervals present. Then the heart
// rate (bpm), the energy expended (uint16 kJ) when flagged, and RR
// intervals (uint16, 1/1024 s each) filling the rest of the frame.
type HeartRateMeasurement struct {
	Flags            uint8
	HR               int // bpm
	ContactSupported bool
	ContactDetected  bool
	HasEnergy        bool
	EnergyKJ         int       // cumulative since the sensor's last reset; 0xFFFF when it saturated
	RR               []float64 // seconds, oldest first
}

// ParseHeartRateMeasurement parses a Heart Rate Measurement frame.
func ParseHeartRateMeasurement(b []byte) (HeartRateMeasurement, error) {
	var m HeartRateMeasurement
	r := reader{b: b}
	m.Flags = r.u8("flags")
	if m.Flags&0x01 != 0 {
		m.HR = int(r.u16("heart rate (uint16)"))
	} else {
		m.HR = int(r.u8("heart rate (uint8)"))
	}
	m.ContactSupported = m.Flags&0x04 != 0
	m.ContactDetected = m.Flags&0x02 != 0
	if m.Flags&0x08 != 0 {
		m.HasEnergy = true
		m.EnergyKJ = int(r.u16("energy expended"))
	}
	if err := r.err(GATTHeartRate); err != nil {
		return m, err
	}
	if m.Flags&0x10 != 0 {
		rest := b[r.off:]
		if len(rest)%2 != 0 {
			return m, frameErr(GATTHeartRate, "RR intervals take %d bytes, not a multiple of 2", len(rest))
		}
		for i := 0; i < len(rest); i += 2 {
			m.RR = append(m.RR, float64(binary.LittleEndian.Uint16(rest[i:]))/1024)
		}
	}
	return m, nil
}

// CSCMeasurement is the CSC Measurement characteristic (0x2A5B).
//
// Flags (uint8): bit 0 wheel revolution data present (cumulative wheel
// revolutions uint32, last wheel event time uint16 in 1/1024 s); bit 1
// crank revolution data present (cumulative crank revolutions uint16, last
// crank event time uint16 in 1/1024 s).
type CSCMeasurement struct {
	Flags          uint8
	HasWheel       bool
	WheelRevs      uint32
	WheelEventTime uint16 // 1/1024 s
	HasCrank       bool
	CrankRevs      uint16
	CrankEventTime uint16 // 1/1024 s
}

// ParseCSCMeasurement parses a CSC Measurement frame.
func ParseCSCMeasurement(b []byte) (CSCMeasurement, error) {
	var m CSCMeasurement
	r := reader{b: b}
	m.Flags = r.u8("flags")
	if m.Flags&0x01 != 0 {
		m.HasWheel = true
		m.WheelRevs = r.u32("cumulative wheel revolutions")
		m.WheelEventTime = r.u16("last wheel event time")
	}
	if m.Flags&0x02 != 0 {
		m.HasCrank = true
		m.CrankRevs = r.u16("cumulative crank revolutions")
		m.CrankEventTime = r.u16("last crank event time")
	}
	return m, r.err(GATTCSC)
}

// RSCMeasurement is the RSC Measurement characteristic (0x2A53).
//
// Flags (uint8): bit 0 instantaneous stride length present; bit 1 total
// distance present; bit 2 walking (0) or running (1). Then instantaneous
// speed (uint16, 1/256 m/s), instantaneous cadence (uint8, steps per
// minute), stride length (uint16, 1/100 m) and total distance (uint32,
// 1/10 m) when flagged.
type RSCMeasurement struct {
	Flags           uint8
	SpeedMS         float64
	Cadence         int // steps per minute
	HasStrideLength bool
	StrideLengthM   float64
	HasDistance     bool
	DistanceM       float64
	Running         bool
}

// ParseRSCMeasurement parses an RSC Measurement frame.
func ParseRSCMeasurement(b []byte) (RSCMeasurement, error) {
	var m RSCMeasurement
	r := reader{b: b}
	m.Flags = r.u8("flags")
	m.SpeedMS = float64(r.u16("instantaneous speed")) / 256
	m.Cadence = int(r.u8("instantaneous cadence"))
	if m.Flags&0x01 != 0 {
		m.HasStrideLength = true
		m.StrideLengthM = float64(r.u16("instantaneous stride length")) / 100
	}
	if m.Flags&0x02 != 0 {
		m.HasDistance = true
		m.DistanceM = float64(r.u32("total distance")) / 10
	}
	m.Running = m.Flags&0x04 != 0
	return m, r.err(GATTRSC)
}

// Cycling Power Measurement flag bits.
const (
	cpPedalBalance       = 1 << 0
	cpBalanceLeft        = 1 << 1
	cpAccumulatedTorque  = 1 << 2
	cpTorqueCrankSource  = 1 << 3
	cpWheelData          = 1 << 4
	cpCrankData          = 1 << 5
	cpExtremeForce       = 1 << 6
	cpExtremeTorque      = 1 << 7
	cpExtremeAngles      = 1 << 8
	cpTopDeadSpot        = 1 << 9
	cpBottomDeadSpot     = 1 << 10
	cpAccumulatedEnergy  = 1 << 11
	cpOffsetCompensation = 1 << 12
)

// CyclingPowerMeasurement is the Cycling Power Measurement characteristic
// (0x2A63).
//
// Flags (uint16): bit 0 pedal power balance present, bit 1 its reference
// (1 = left pedal), bit 2 accumulated torque present, bit 3 its source (0
// wheel, 1 crank), bit 4 wheel revolution data, bit 5 crank revolution
// data, bit 6 extreme force magnitudes, bit 7 extreme torque magnitudes,
// bit 8 extreme angles, bit 9 top dead spot angle, bit 10 bottom dead spot
// angle, bit 11 accumulated energy, bit 12 offset compensation indicator.
// Fields in order: instantaneous power (sint16 W); pedal power balance
// (uint8, 1/2 %); accumulated torque (uint16, 1/32 N·m); cumulative wheel
// revolutions (uint32) and last wheel event time (uint16, 1/2048 s);
// cumulative crank revolutions (uint16) and last crank event time (uint16,
// 1/1024 s); maximum and minimum force (sint16 N); maximum and minimum
// torque (sint16, 1/32 N·m); maximum and minimum angle (two uint12 packed
// in 3 bytes, degrees); top and bottom dead spot angles (uint16 degrees);
// accumulated energy (uint16 kJ).
type CyclingPowerMeasurement struct {
	Flags                  uint16
	PowerW                 int
	HasBalance             bool
	BalancePct             float64 // pedal power balance, percent
	BalanceLeft            bool    // the balance is the left pedal's share (else the reference is unknown)
	HasAccumulatedTorque   bool
	AccumulatedTorqueNm    float64 // rolls over at 2048 N·m
	TorqueFromCrank        bool
	HasWheel               bool
	WheelRevs              uint32
	WheelEventTime         uint16 // 1/2048 s
	HasCrank               bool
	CrankRevs              uint16
	CrankEventTime         uint16 // 1/1024 s
	HasExtremeForce        bool
	MaxForceN, MinForceN   int
	HasExtremeTorque       bool
	MaxTorqueNm            float64
	MinTorqueNm            float64
	HasExtremeAngles       bool
	MaxAngleDeg            int
	MinAngleDeg            int
	HasTopDeadSpot         bool
	TopDeadSpotDeg         int
	HasBottomDeadSpot      bool
	BottomDeadSpotDeg      int
	HasAccumulatedEnergy   bool
	AccumulatedEnergyKJ    int
	OffsetCompensationHint bool
}

// ParseCyclingPowerMeasurement parses a Cycling Power Measurement frame.
func ParseCyclingPowerMeasurement(b []byte) (CyclingPowerMeasurement, error) {
	var m CyclingPowerMeasurement
	r := reader{b: b}
	f := r.u16("flags")
	m.Flags = f
	m.PowerW = int(r.s16("instantaneous power"))
	if f&cpPedalBalance != 0 {
		m.HasBalance = true
		m.BalancePct = float64(r.u8("pedal power balance")) / 2
		m.BalanceLeft = f&cpBalanceLeft != 0
	}
	if f&cpAccumulatedTorque != 0 {
		m.HasAccumulatedTorque = true
		m.AccumulatedTorqueNm = float64(r.u16("accumulated torque")) / 32
		m.TorqueFromCrank = f&cpTorqueCrankSource != 0
	}
	if f&cpWheelData != 0 {
		m.HasWheel = true
		m.WheelRevs = r.u32("cumulative wheel revolutions")
		m.WheelEventTime = r.u16("last wheel event time")
	}
	if f&cpCrankData != 0 {
		m.HasCrank = true
		m.CrankRevs = r.u16("cumulative crank revolutions")
		m.CrankEventTime = r.u16("last crank event time")
	}
	if f&cpExtremeForce != 0 {
		m.HasExtremeForce = true
		m.MaxForceN = int(r.s16("maximum force magnitude"))
		m.MinForceN = int(r.s16("minimum force magnitude"))
	}
	if f&cpExtremeTorque != 0 {
		m.HasExtremeTorque = true
		m.MaxTorqueNm = float64(r.s16("maximum torque magnitude")) / 32
		m.MinTorqueNm = float64(r.s16("minimum torque magnitude")) / 32
	}
	if f&cpExtremeAngles != 0 {
		m.HasExtremeAngles = true
		v := r.u24("extreme angles")
		m.MaxAngleDeg = int(v & 0xFFF)
		m.MinAngleDeg = int(v >> 12)
	}
	if f&cpTopDeadSpot != 0 {
		m.HasTopDeadSpot = true
		m.TopDeadSpotDeg = int(r.u16("top dead spot angle"))
	}
	if f&cpBottomDeadSpot != 0 {
		m.HasBottomDeadSpot = true
		m.BottomDeadSpotDeg = int(r.u16("bottom dead spot angle"))
	}
	if f&cpAccumulatedEnergy != 0 {
		m.HasAccumulatedEnergy = true
		m.AccumulatedEnergyKJ = int(r.u16("accumulated energy"))
	}
	m.OffsetCompensationHint = f&cpOffsetCompensation != 0
	return m, r.err(GATTCyclingPower)
}

// Mass and length units of the Weight Scale and Body Composition services.
const (
	kgPerLB        = 0.45359237
	mPerInch       = 0.0254
	massUnitSI     = 0.005 // kg
	massUnitImp    = 0.01  // lb
	heightUnitSI   = 0.001 // m
	heightUnitImp  = 0.1   // inch
	unsuccessful16 = 0xFFFF
)

func massKG(raw uint16, imperial bool) float64 {
	if raw == unsuccessful16 {
		return math.NaN()
	}
	if imperial {
		return float64(raw) * massUnitImp * kgPerLB
	}
	return float64(raw) * massUnitSI
}

func heightM(raw uint16, imperial bool) float64 {
	if imperial {
		return float64(raw) * heightUnitImp * mPerInch
	}
	return float64(raw) * heightUnitSI
}

// WeightMeasurement is the Weight Measurement characteristic (0x2A9D),
// converted to SI units.
//
// Flags (uint8): bit 0 units (0 SI: weight in 0.005 kg and height in
// 0.001 m; 1 imperial: 0.01 lb and 0.1 inch), bit 1 time stamp present,
// bit 2 user ID present, bit 3 BMI and height present. Then weight
// (uint16; 0xFFFF = measurement unsuccessful), time stamp (Date Time, 7
// bytes), user ID (uint8, 255 = unknown user), BMI (uint16, 0.1 kg/m²) and
// height (uint16).
type WeightMeasurement struct {
	Flags    uint8
	Imperial bool
	WeightKG float64 // NaN when the measurement was unsuccessful
	HasTime  bool
	Time     time.Time // zero when the scale's clock is unset
	HasUser  bool
	UserID   int
	HasBMI   bool
	BMI      float64
	HeightM  float64
}

// ParseWeightMeasurement parses a Weight Measurement frame.
func ParseWeightMeasurement(b []byte) (WeightMeasurement, error) {
	var m WeightMeasurement
	r := reader{b: b}
	m.Flags = r.u8("flags")
	m.Imperial = m.Flags&0x01 != 0
	m.WeightKG = massKG(r.u16("weight"), m.Imperial)
	if m.Flags&0x02 != 0 {
		m.HasTime = true
		m.Time = r.dateTime()
	}
	if m.Flags&0x04 != 0 {
		m.HasUser = true
		m.UserID = int(r.u8("user ID"))
	}
	if m.Flags&0x08 != 0 {
		m.HasBMI = true
		m.BMI = float64(r.u16("BMI")) / 10
		m.HeightM = heightM(r.u16("height"), m.Imperial)
	}
	return m, r.err(GATTWeight)
}

// Body Composition Measurement flag bits.
const (
	bcImperial      = 1 << 0
	bcTime          = 1 << 1
	bcUser          = 1 << 2
	bcBasal         = 1 << 3
	bcMusclePct     = 1 << 4
	bcMuscleMass    = 1 << 5
	bcFatFreeMass   = 1 << 6
	bcSoftLeanMass  = 1 << 7
	bcBodyWaterMass = 1 << 8
	bcImpedance     = 1 << 9
	bcWeight        = 1 << 10
	bcHeight        = 1 << 11
	bcMultiPacket   = 1 << 12
	bcFieldBits     = bcBasal | bcMusclePct | bcMuscleMass | bcFatFreeMass | bcSoftLeanMass | bcBodyWaterMass | bcImpedance | bcWeight | bcHeight
)

// BodyCompositionMeasurement is the Body Composition Measurement
// characteristic (0x2A9C), converted to SI units. Absent values are NaN.
//
// Flags (uint16): bit 0 units (as Weight Measurement), bit 1 time stamp,
// bit 2 user ID, bit 3 basal metabolism, bit 4 muscle percentage, bit 5
// muscle mass, bit 6 fat free mass, bit 7 soft lean mass, bit 8 body water
// mass, bit 9 impedance, bit 10 weight, bit 11 height, bit 12 multiple
// packet measurement. Then body fat percentage (uint16, 0.1 %; always
// present, 0xFFFF = unsuccessful), time stamp (7 bytes), user ID (uint8),
// basal metabolism (uint16 kJ), muscle percentage (uint16, 0.1 %), muscle,
// fat free, soft lean and body water masses (uint16 each, 0.005 kg or
// 0.01 lb), impedance (uint16, 0.1 Ω), weight (uint16) and height (uint16,
// 0.001 m or 0.1 inch), each when flagged.
type BodyCompositionMeasurement struct {
	Flags          uint16
	Imperial       bool
	FatPct         float64
	HasTime        bool
	Time           time.Time
	HasUser        bool
	UserID         int
	BasalKJ        float64
	MusclePct      float64
	MuscleKG       float64
	FatFreeKG      float64
	SoftLeanKG     float64
	WaterKG        float64
	ImpedanceOhm   float64
	WeightKG       float64
	HeightM        float64
	MultiplePacket bool
}

// ParseBodyCompositionMeasurement parses a Body Composition Measurement
// frame.
func ParseBodyCompositionMeasurement(b []byte) (BodyCompositionMeasurement, error) {
	n := math.NaN()
	m := BodyCompositionMeasurement{BasalKJ: n, MusclePct: n, MuscleKG: n, FatFreeKG: n, SoftLeanKG: n,
		WaterKG: n, ImpedanceOhm: n, WeightKG: n, HeightM: n}
	r := reader{b: b}
	f := r.u16("flags")
	m.Flags = f
	m.Imperial = f&bcImperial != 0
	m.MultiplePacket = f&bcMultiPacket != 0
	pct := func(raw uint16) float64 {
		if raw == unsuccessful16 {
			return n
		}
		return float64(raw) / 10
	}
	m.FatPct = pct(r.u16("body fat percentage"))
	if f&bcTime != 0 {
		m.HasTime = true
		m.Time = r.dateTime()
	}
	if f&bcUser != 0 {
		m.HasUser = true
		m.UserID = int(r.u8("user ID"))
	}
	if f&bcBasal != 0 {
		m.BasalKJ = float64(r.u16("basal metabolism"))
	}
	if f&bcMusclePct != 0 {
		m.MusclePct = pct(r.u16("muscle percentage"))
	}
	if f&bcMuscleMass != 0 {
		m.MuscleKG = massKG(r.u16("muscle mass"), m.Imperial)
	}
	if f&bcFatFreeMass != 0 {
		m.FatFreeKG = massKG(r.u16("fat free mass"), m.Imperial)
	}
	if f&bcSoftLeanMass != 0 {
		m.SoftLeanKG = massKG(r.u16("soft lean mass"), m.Imperial)
	}
	if f&bcBodyWaterMass != 0 {
		m.WaterKG = massKG(r.u16("body water mass"), m.Imperial)
	}
	if f&bcImpedance != 0 {
		m.ImpedanceOhm = float64(r.u16("impedance")) / 10
	}
	if f&bcWeight != 0 {
		m.WeightKG = massKG(r.u16("weight"), m.Imperial)
	}
	if f&bcHeight != 0 {
		m.HeightM = heightM(r.u16("height"), m.Imperial)
	}
	return m, r.err(GATTBodyComposition)
}
