package sensor

import "encoding/binary"

// ANTPageSize is the size of an ANT+ broadcast data payload. Decoders take
// exactly these 8 bytes (no ANT message header, channel or extended data).
const ANTPageSize = 8

func antFrame(k Kind, b []byte) error {
	if len(b) != ANTPageSize {
		return frameErr(k, "ANT+ data page must be %d bytes, got %d", ANTPageSize, len(b))
	}
	return nil
}

func u16le(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }

// ANTHeartRatePage is an ANT+ Heart Rate Monitor data page.
//
// Byte 0: page number (bits 0-6) and the page change toggle (bit 7, which
// flips every fourth message; legacy sensors never flip it and their page
// number must be ignored). Bytes 1-3 depend on the page: page 1 cumulative
// operating time (uint24, 2 s), page 2 manufacturer ID (byte 1) and serial
// number (bytes 2-3), page 3 hardware version, software version and model
// number, page 4 a manufacturer byte and the previous heart beat event time
// (bytes 2-3, 1/1024 s). Bytes 4-7 are the same on every page: heart beat
// event time (uint16, 1/1024 s), heart beat count (uint8) and computed heart
// rate (uint8 bpm, 0 = invalid).
type ANTHeartRatePage struct {
	Page         int
	Toggle       bool
	OperatingS   int    // page 1
	Manufacturer int    // page 2
	Serial       int    // page 2
	HWVersion    int    // page 3
	SWVersion    int    // page 3
	Model        int    // page 3
	PrevBeatTime uint16 // page 4, 1/1024 s
	BeatTime     uint16 // 1/1024 s
	BeatCount    uint8
	HR           int // bpm, 0 = invalid
}

// ParseANTHeartRate parses an ANT+ HRM data page.
func ParseANTHeartRate(b []byte) (ANTHeartRatePage, error) {
	var p ANTHeartRatePage
	if err := antFrame(ANTHeartRate, b); err != nil {
		return p, err
	}
	p.Page = int(b[0] & 0x7F)
	p.Toggle = b[0]&0x80 != 0
	switch p.Page {
	case 1:
		p.OperatingS = 2 * int(uint32(b[1])|uint32(b[2])<<8|uint32(b[3])<<16)
	case 2:
		p.Manufacturer = int(b[1])
		p.Serial = int(u16le(b[2:]))
	case 3:
		p.HWVersion, p.SWVersion, p.Model = int(b[1]), int(b[2]), int(b[3])
	case 4:
		p.PrevBeatTime = u16le(b[2:])
	}
	p.BeatTime = u16le(b[4:])
	p.BeatCount = b[6]
	p.HR = int(b[7])
	return p, nil
}

// ANTStridePage is an ANT+ Stride Based Speed and Distance Monitor page.
//
// Page 1: byte 1 time fractional (1/200 s), byte 2 time integer (s),
// byte 3 distance integer (m), byte 4 distance fractional (bits 4-7,
// 1/16 m) and speed integer (bits 0-3, m/s), byte 5 speed fractional
// (1/256 m/s), byte 6 stride count, byte 7 update latency (1/32 s). Time
// rolls over at 256 s, distance at 256 m, strides at 256.
//
// Page 2: bytes 1-2 reserved, byte 3 cadence integer (strides per minute),
// byte 4 cadence fractional (bits 4-7, 1/16) and speed integer (bits 0-3),
// byte 5 speed fractional, byte 6 reserved, byte 7 status (location,
// battery, health, use state).
//
// Other pages (calories, capabilities, common pages) carry only Page.
type ANTStridePage struct {
	Page        int
	TimeRaw     uint16 // page 1: 1/200 s, rolls over at 51200
	DistanceRaw uint16 // page 1: 1/16 m, rolls over at 4096
	Strides     uint8  // page 1
	LatencyS    float64
	SpeedMS     float64 // pages 1 and 2
	CadenceSPM  float64 // page 2: strides per minute (one foot)
	Status      uint8   // page 2
}

// ParseANTStride parses an ANT+ SDM data page.
func ParseANTStride(b []byte) (ANTStridePage, error) {
	var p ANTStridePage
	if err := antFrame(ANTStride, b); err != nil {
		return p, err
	}
	p.Page = int(b[0] & 0x7F)
	switch p.Page {
	case 1:
		p.TimeRaw = uint16(b[2])*200 + uint16(b[1])
		p.DistanceRaw = uint16(b[3])<<4 | uint16(b[4]>>4)
		p.SpeedMS = float64(b[4]&0x0F) + float64(b[5])/256
		p.Strides = b[6]
		p.LatencyS = float64(b[7]) / 32
	case 2:
		p.CadenceSPM = float64(b[3]) + float64(b[4]>>4)/16
		p.SpeedMS = float64(b[4]&0x0F) + float64(b[5])/256
		p.Status = b[7]
	}
	return p, nil
}

// ANTBikeSpeedCadencePage is the ANT+ combined Bike Speed and Cadence
// sensor's only message (no page number): bike cadence event time (bytes
// 0-1, 1/1024 s), cumulative cadence revolutions (bytes 2-3), bike speed
// event time (bytes 4-5, 1/1024 s), cumulative speed revolutions (bytes
// 6-7), all uint16 little-endian rolling over at 65536.
type ANTBikeSpeedCadencePage struct {
	CadenceEventTime uint16
	CadenceRevs      uint16
	SpeedEventTime   uint16
	SpeedRevs        uint16
}

// ParseANTBikeSpeedCadence parses a combined bike speed and cadence page.
func ParseANTBikeSpeedCadence(b []byte) (ANTBikeSpeedCadencePage, error) {
	if err := antFrame(ANTBikeSpeedCadence, b); err != nil {
		return ANTBikeSpeedCadencePage{}, err
	}
	return ANTBikeSpeedCadencePage{u16le(b[0:]), u16le(b[2:]), u16le(b[4:]), u16le(b[6:])}, nil
}

// ANTBikeRevPage is a data page of an ANT+ speed-only or cadence-only
// sensor: byte 0 page number (bits 0-6) and toggle bit (bit 7); bytes 1-3
// depend on the page (page 5, motion: byte 1 bit 0 is the stop indicator);
// bytes 4-5 the event time (uint16, 1/1024 s) and bytes 6-7 the cumulative
// revolution count (uint16) on every page.
type ANTBikeRevPage struct {
	Page      int
	Toggle    bool
	Stopped   bool // page 5 stop indicator
	EventTime uint16
	Revs      uint16
}

func parseANTBikeRev(k Kind, b []byte) (ANTBikeRevPage, error) {
	var p ANTBikeRevPage
	if err := antFrame(k, b); err != nil {
		return p, err
	}
	p.Page = int(b[0] & 0x7F)
	p.Toggle = b[0]&0x80 != 0
	p.Stopped = p.Page == 5 && b[1]&0x01 != 0
	p.EventTime = u16le(b[4:])
	p.Revs = u16le(b[6:])
	return p, nil
}

// ParseANTBikeSpeed parses a speed-only sensor page.
func ParseANTBikeSpeed(b []byte) (ANTBikeRevPage, error) { return parseANTBikeRev(ANTBikeSpeed, b) }

// ParseANTBikeCadence parses a cadence-only sensor page.
func ParseANTBikeCadence(b []byte) (ANTBikeRevPage, error) { return parseANTBikeRev(ANTBikeCadence, b) }

// ANT+ bicycle power pages.
const (
	PowerOnlyPage   = 0x10
	WheelTorquePage = 0x11
	CrankTorquePage = 0x12
)

// ANTBikePowerPage is an ANT+ Bicycle Power data page.
//
// Page 0x10 (standard power-only): byte 1 update event count, byte 2 pedal
// power (bit 7 = right pedal, bits 0-6 its percentage; 0xFF = not used),
// byte 3 instantaneous cadence (rpm, 0xFF = invalid), bytes 4-5
// accumulated power (uint16 W, rolls over), bytes 6-7 instantaneous power
// (uint16 W).
//
// Pages 0x11 (standard wheel torque) and 0x12 (standard crank torque):
// byte 1 update event count, byte 2 wheel or crank ticks, byte 3
// instantaneous cadence, bytes 4-5 accumulated period (uint16, 1/2048 s),
// bytes 6-7 accumulated torque (uint16, 1/32 N·m). Average power over the
// events between two pages is 128·π·Δtorque/Δperiod W; average angular
// velocity 2·π·Δevents/(Δperiod/2048) rad/s.
//
// Other pages (calibration, torque effectiveness, crank torque frequency,
// common pages) carry only Page.
type ANTBikePowerPage struct {
	Page              int
	EventCount        uint8
	HasPedalPower     bool
	PedalPowerPct     int
	PedalRight        bool
	Cadence           int // rpm; -1 when invalid
	AccumulatedPower  uint16
	PowerW            int
	Ticks             uint8
	Period            uint16 // 1/2048 s
	AccumulatedTorque uint16 // 1/32 N·m
}

// ParseANTBikePower parses an ANT+ bicycle power page.
func ParseANTBikePower(b []byte) (ANTBikePowerPage, error) {
	p := ANTBikePowerPage{Cadence: -1}
	if err := antFrame(ANTBikePower, b); err != nil {
		return p, err
	}
	p.Page = int(b[0])
	switch p.Page {
	case PowerOnlyPage, WheelTorquePage, CrankTorquePage:
	default:
		return p, nil
	}
	p.EventCount = b[1]
	if b[3] != 0xFF {
		p.Cadence = int(b[3])
	}
	if p.Page == PowerOnlyPage {
		if b[2] != 0xFF {
			p.HasPedalPower = true
			p.PedalRight = b[2]&0x80 != 0
			p.PedalPowerPct = int(b[2] & 0x7F)
		}
		p.AccumulatedPower = u16le(b[4:])
		p.PowerW = int(u16le(b[6:]))
		return p, nil
	}
	p.Ticks = b[2]
	p.Period = u16le(b[4:])
	p.AccumulatedTorque = u16le(b[6:])
	return p, nil
}
