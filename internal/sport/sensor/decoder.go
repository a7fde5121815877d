package sensor

import "math"

// Stale limits: after this many frames without a new wheel, crank or
// power event the rate is reported as 0 (the wheel stopped, the rider
// coasts). ANT+ sensors broadcast about 4 times a second, GATT sensors
// notify about once a second; both limits are about 3 s.
const (
	staleFramesANT  = 12
	staleFramesGATT = 3
)

// Plausibility limits: a step in a cumulative counter implying more is a
// counter reset (a battery change, a re-paired sensor), not a reading.
const (
	maxWheelRevPerS = 40   // ~300 km/h on a road wheel
	maxCrankRevPerS = 5    // 300 rpm
	maxPowerW       = 4000 // beyond any track sprint
	maxStrideStepM  = 200  // SDM distance per page
)

// RR intervals derived from ANT+ beat times outside this range (seconds;
// 300 to 20 bpm) are dropped as reception gaps or glitches.
const (
	minRR = 0.2
	maxRR = 3.0
)

// Decoder decodes the frames of one sensor in arrival order. It is not
// safe for concurrent use; keep one per sensor.
//
// Speed and cadence from cumulative counters need two frames: the first
// frame of a counter yields NaN for them. Distance is the distance the
// sensor reports covered since the decoder's first frame (0 on it),
// unwrapped across counter rollovers; consumers add it to their own
// starting point.
type Decoder struct {
	kind  Kind
	opt   Options
	stale int

	wheel, crank revCounter
	dist         float64 // metres since the first frame
	distRaw      uint32  // last raw distance counter (RSC, SDM)
	distOK       bool

	hr struct {
		ok, toggled bool
		toggle      bool
		count       uint8
		time        uint16
	}
	toggle struct{ ok, val, seen bool } // speed-only / cadence-only pages

	sdm struct {
		ok      bool
		time    uint16
		strides uint8
		cadence float64
	}

	pwr [3]powerState // pages 0x10, 0x11, 0x12

	bc struct {
		pending bool
		m       BodyCompositionMeasurement
	}
}

// NewDecoder returns a decoder for frames of kind k. Unknown kinds make a
// decoder whose every Decode fails.
func NewDecoder(k Kind, o Options) *Decoder {
	if !(o.WheelCircumferenceM > 0.1) || o.WheelCircumferenceM > 10 {
		o.WheelCircumferenceM = DefaultWheelCircumferenceM
	}
	d := &Decoder{kind: k, opt: o, stale: staleFramesANT}
	switch k {
	case GATTHeartRate, GATTCSC, GATTRSC, GATTCyclingPower, GATTWeight, GATTBodyComposition:
		d.stale = staleFramesGATT
	}
	d.wheel.last, d.crank.last, d.sdm.cadence = math.NaN(), math.NaN(), math.NaN()
	for i := range d.pwr {
		d.pwr[i].power, d.pwr[i].cadence, d.pwr[i].speed = math.NaN(), math.NaN(), math.NaN()
	}
	return d
}

// Kind is the frame format the decoder reads.
func (d *Decoder) Kind() Kind { return d.kind }

// Reset forgets all state, as if the decoder were new.
func (d *Decoder) Reset() { *d = *NewDecoder(d.kind, d.opt) }

// Decode decodes one frame. A malformed frame yields a *FrameError and
// leaves the decoder's state as it was.
func (d *Decoder) Decode(frame []byte) (Reading, error) {
	switch d.kind {
	case GATTHeartRate:
		return d.gattHR(frame)
	case GATTCSC:
		return d.gattCSC(frame)
	case GATTRSC:
		return d.gattRSC(frame)
	case GATTCyclingPower:
		return d.gattPower(frame)
	case GATTWeight:
		return d.gattWeight(frame)
	case GATTBodyComposition:
		return d.gattBody(frame)
	case ANTHeartRate:
		return d.antHR(frame)
	case ANTStride:
		return d.antStride(frame)
	case ANTBikeSpeedCadence:
		return d.antSpeedCadence(frame)
	case ANTBikeSpeed, ANTBikeCadence:
		return d.antRev(frame)
	case ANTBikePower:
		return d.antPower(frame)
	}
	return NewReading(), frameErr(d.kind, "unknown sensor kind")
}

// revCounter turns a cumulative revolution count and the time of its
// last event into a rate, handling rollover of both.
type revCounter struct {
	ok    bool
	revs  uint32
	time  uint16
	total uint64 // revolutions since the first frame
	last  float64
	stale int
}

// update takes the counter's new raw values (revs rolling over at
// revMask+1, time in units of unit seconds rolling over at 65536) and
// returns the rate in revolutions per second (NaN when unknown) and the
// revolutions counted since the first frame.
func (c *revCounter) update(revs, revMask uint32, t uint16, unit, maxRate float64, staleLimit int) (float64, uint64) {
	if !c.ok {
		c.ok, c.revs, c.time = true, revs, t
		return math.NaN(), 0
	}
	dr := (revs - c.revs) & revMask
	dt := float64(t-c.time) * unit
	switch {
	case dr == 0 && dt == 0:
		c.stale++
		if c.stale >= staleLimit {
			c.last = 0
		}
	case dt == 0 || float64(dr)/dt > maxRate:
		// Revolutions without time passing, or implausibly many: the
		// sensor restarted. Start counting again from here.
		c.revs, c.time, c.stale, c.last = revs, t, 0, math.NaN()
		return math.NaN(), c.total
	default:
		c.last = float64(dr) / dt
		c.stale = 0
		c.total += uint64(dr)
	}
	c.revs, c.time = revs, t
	return c.last, c.total
}

func (d *Decoder) gattHR(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseHeartRateMeasurement(b)
	if err != nil {
		return r, err
	}
	// A strap that knows it is not touching skin sends a meaningless value.
	if m.HR > 0 && !(m.ContactSupported && !m.ContactDetected) {
		r.HR = float64(m.HR)
	}
	if m.HasEnergy {
		r.Energy = float64(m.EnergyKJ)
	}
	r.RR = m.RR
	return r, nil
}

func (d *Decoder) wheelUpdate(r *Reading, revs, mask uint32, t uint16, unit float64) {
	rate, total := d.wheel.update(revs, mask, t, unit, maxWheelRevPerS, d.stale)
	r.Speed = rate * d.opt.WheelCircumferenceM
	r.Distance = float64(total) * d.opt.WheelCircumferenceM
}

func (d *Decoder) crankUpdate(r *Reading, revs uint16, t uint16) {
	rate, _ := d.crank.update(uint32(revs), 0xFFFF, t, 1.0/1024, maxCrankRevPerS, d.stale)
	r.Cadence = rate * 60
}

func (d *Decoder) gattCSC(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseCSCMeasurement(b)
	if err != nil {
		return r, err
	}
	if m.HasWheel {
		d.wheelUpdate(&r, m.WheelRevs, 0xFFFFFFFF, m.WheelEventTime, 1.0/1024)
	}
	if m.HasCrank {
		d.crankUpdate(&r, m.CrankRevs, m.CrankEventTime)
	}
	return r, nil
}

// addDistance unwraps a cumulative distance counter (raw units of unit
// metres, rolling over at mask+1) into d.dist.
func (d *Decoder) addDistance(raw, mask uint32, unit, maxStep float64) float64 {
	if !d.distOK {
		d.distOK, d.distRaw = true, raw
		return d.dist
	}
	step := float64((raw-d.distRaw)&mask) * unit
	if step <= maxStep {
		d.dist += step
	}
	d.distRaw = raw
	return d.dist
}

func (d *Decoder) gattRSC(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseRSCMeasurement(b)
	if err != nil {
		return r, err
	}
	r.Speed = m.SpeedMS
	r.Cadence = float64(m.Cadence)
	if m.HasDistance {
		// 1/10 m, uint32. A step backwards or beyond 1 km between two
		// notifications is a reset of the sensor's total.
		r.Distance = d.addDistance(uint32(math.Round(m.DistanceM*10)), 0xFFFFFFFF, 0.1, 1000)
	}
	return r, nil
}

func (d *Decoder) gattPower(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseCyclingPowerMeasurement(b)
	if err != nil {
		return r, err
	}
	r.Power = float64(m.PowerW)
	if m.HasWheel {
		d.wheelUpdate(&r, m.WheelRevs, 0xFFFFFFFF, m.WheelEventTime, 1.0/2048)
	}
	if m.HasCrank {
		d.crankUpdate(&r, m.CrankRevs, m.CrankEventTime)
	}
	if m.HasAccumulatedEnergy {
		r.Energy = float64(m.AccumulatedEnergyKJ)
	}
	return r, nil
}

func (d *Decoder) gattWeight(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseWeightMeasurement(b)
	if err != nil {
		return r, err
	}
	r.WeightKG = m.WeightKG
	if m.HasBMI {
		r.BMI = m.BMI
		if m.HeightM > 0 {
			r.HeightM = m.HeightM
		}
	}
	return r, nil
}

// gattBody merges the packets of a multiple-packet measurement: while
// packets carry the multiple-packet flag, each Reading holds every field
// seen so far in the measurement; a packet without the flag, or one that
// repeats a field already seen, ends it.
func (d *Decoder) gattBody(b []byte) (Reading, error) {
	r := NewReading()
	m, err := ParseBodyCompositionMeasurement(b)
	if err != nil {
		return r, err
	}
	if d.bc.pending && d.bc.m.Flags&m.Flags&bcFieldBits == 0 && (!m.HasTime || !d.bc.m.HasTime || m.Time.Equal(d.bc.m.Time)) {
		m = mergeBody(d.bc.m, m)
	}
	d.bc.pending, d.bc.m = m.MultiplePacket, m
	r.FatPct = m.FatPct
	r.MusclePct = m.MusclePct
	r.WeightKG = m.WeightKG
	r.HeightM = m.HeightM
	if m.WaterKG > 0 && m.WeightKG > 0 {
		r.WaterPct = 100 * m.WaterKG / m.WeightKG
	}
	if m.WeightKG > 0 && m.HeightM > 0 {
		r.BMI = m.WeightKG / (m.HeightM * m.HeightM)
	}
	return r, nil
}

func mergeBody(a, b BodyCompositionMeasurement) BodyCompositionMeasurement {
	pick := func(x, y float64) float64 {
		if math.IsNaN(y) {
			return x
		}
		return y
	}
	out := b
	out.Flags = a.Flags | b.Flags
	out.FatPct = pick(a.FatPct, b.FatPct)
	if !b.HasTime {
		out.HasTime, out.Time = a.HasTime, a.Time
	}
	if !b.HasUser {
		out.HasUser, out.UserID = a.HasUser, a.UserID
	}
	out.BasalKJ = pick(a.BasalKJ, b.BasalKJ)
	out.MusclePct = pick(a.MusclePct, b.MusclePct)
	out.MuscleKG = pick(a.MuscleKG, b.MuscleKG)
	out.FatFreeKG = pick(a.FatFreeKG, b.FatFreeKG)
	out.SoftLeanKG = pick(a.SoftLeanKG, b.SoftLeanKG)
	out.WaterKG = pick(a.WaterKG, b.WaterKG)
	out.ImpedanceOhm = pick(a.ImpedanceOhm, b.ImpedanceOhm)
	out.WeightKG = pick(a.WeightKG, b.WeightKG)
	out.HeightM = pick(a.HeightM, b.HeightM)
	return out
}

// antHR yields the computed heart rate and, when the beat count moved on
// by one since the previous page, the RR interval between the two beat
// event times; page 4 (once the toggle bit has been seen to flip, so the
// page number is trusted) gives the RR of the latest beat even when pages
// were missed.
func (d *Decoder) antHR(b []byte) (Reading, error) {
	r := NewReading()
	p, err := ParseANTHeartRate(b)
	if err != nil {
		return r, err
	}
	if p.HR > 0 {
		r.HR = float64(p.HR)
	}
	h := &d.hr
	if h.ok && p.Toggle != h.toggle {
		h.toggled = true
	}
	if h.ok && p.BeatCount != h.count {
		rr := math.NaN()
		switch {
		case h.toggled && p.Page == 4:
			rr = float64(p.BeatTime-p.PrevBeatTime) / 1024
		case p.BeatCount-h.count == 1:
			rr = float64(p.BeatTime-h.time) / 1024
		}
		if rr >= minRR && rr <= maxRR {
			r.RR = []float64{rr}
		}
	}
	h.ok, h.toggle, h.count, h.time = true, p.Toggle, p.BeatCount, p.BeatTime
	return r, nil
}

func (d *Decoder) antStride(b []byte) (Reading, error) {
	r := NewReading()
	p, err := ParseANTStride(b)
	if err != nil {
		return r, err
	}
	switch p.Page {
	case 1:
		r.Speed = p.SpeedMS
		r.Distance = d.addDistance(uint32(p.DistanceRaw), 0xFFF, 1.0/16, maxStrideStepM)
		// Cadence from the stride count over the page's time (0 when the
		// sensor does not keep time); a repeated page keeps the last one.
		s := &d.sdm
		if s.ok && p.TimeRaw != 0 && p.TimeRaw != s.time {
			dt := float64((int(p.TimeRaw)-int(s.time)+51200)%51200) / 200
			// Strides are counted per foot pair: steps are twice as many.
			if spm := 2 * float64(p.Strides-s.strides) * 60 / dt; spm <= 400 {
				s.cadence = spm
			}
		}
		r.Cadence = s.cadence
		s.ok, s.time, s.strides = true, p.TimeRaw, p.Strides
	case 2:
		r.Speed = p.SpeedMS
		r.Cadence = 2 * p.CadenceSPM
		d.sdm.cadence = r.Cadence
	}
	return r, nil
}

func (d *Decoder) antSpeedCadence(b []byte) (Reading, error) {
	r := NewReading()
	p, err := ParseANTBikeSpeedCadence(b)
	if err != nil {
		return r, err
	}
	d.wheelUpdate(&r, uint32(p.SpeedRevs), 0xFFFF, p.SpeedEventTime, 1.0/1024)
	d.crankUpdate(&r, p.CadenceRevs, p.CadenceEventTime)
	return r, nil
}

func (d *Decoder) antRev(b []byte) (Reading, error) {
	r := NewReading()
	p, err := parseANTBikeRev(d.kind, b)
	if err != nil {
		return r, err
	}
	tg := &d.toggle
	if tg.ok && p.Toggle != tg.val {
		tg.seen = true
	}
	tg.ok, tg.val = true, p.Toggle
	stopped := tg.seen && p.Stopped
	if d.kind == ANTBikeSpeed {
		d.wheelUpdate(&r, uint32(p.Revs), 0xFFFF, p.EventTime, 1.0/1024)
		if stopped {
			r.Speed = 0
		}
	} else {
		d.crankUpdate(&r, p.Revs, p.EventTime)
		if stopped {
			r.Cadence = 0
		}
	}
	return r, nil
}

// powerState follows one bicycle power page's counters.
type powerState struct {
	ok                    bool
	event, ticks          uint8
	acc, period, torque   uint16
	power, cadence, speed float64
	stale                 int
}

func (d *Decoder) antPower(b []byte) (Reading, error) {
	r := NewReading()
	p, err := ParseANTBikePower(b)
	if err != nil {
		return r, err
	}
	if p.Page < PowerOnlyPage || p.Page > CrankTorquePage {
		return r, nil
	}
	s := &d.pwr[p.Page-PowerOnlyPage]
	if p.Cadence >= 0 {
		r.Cadence = float64(p.Cadence)
	}
	first := !s.ok
	de := p.EventCount - s.event
	switch p.Page {
	case PowerOnlyPage:
		r.Power = float64(p.PowerW)
		if !first && de > 0 {
			if avg := float64(p.AccumulatedPower-s.acc) / float64(de); avg <= maxPowerW {
				r.Power = avg
			}
		}
	case WheelTorquePage, CrankTorquePage:
		dp, dq := p.Period-s.period, p.AccumulatedTorque-s.torque
		switch {
		case first:
		case de == 0:
			// No new event: the same values again, until they go stale.
			s.stale++
			if s.stale >= d.stale {
				s.power, s.speed = 0, 0
				if p.Page == CrankTorquePage {
					s.cadence = 0
				}
			}
		case dp == 0:
			// Events without rotation: stopped or coasting.
			s.power, s.speed, s.stale = 0, 0, 0
			if p.Page == CrankTorquePage {
				s.cadence = 0
			}
		default:
			s.stale = 0
			pw := 128 * math.Pi * float64(dq) / float64(dp)
			if pw > maxPowerW {
				pw = math.NaN() // a counter reset
			}
			s.power = pw
			if p.Page == WheelTorquePage {
				s.speed = d.opt.WheelCircumferenceM * float64(de) * 2048 / float64(dp)
			} else {
				s.cadence = 60 * float64(de) * 2048 / float64(dp)
			}
		}
		r.Power = s.power
		if p.Page == WheelTorquePage {
			r.Speed = s.speed
			if !first {
				d.dist += float64(p.Ticks-s.ticks) * d.opt.WheelCircumferenceM
			}
			r.Distance = d.dist
		} else if !math.IsNaN(s.cadence) && !first {
			r.Cadence = s.cadence
		}
	}
	s.ok, s.event, s.ticks, s.acc, s.period, s.torque = true, p.EventCount, p.Ticks, p.AccumulatedPower, p.Period, p.AccumulatedTorque
	return r, nil
}
