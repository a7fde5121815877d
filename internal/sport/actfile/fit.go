package actfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// MaxSamples bounds the samples one decoded file may hold (about 12 days
// at one sample a second); later samples are dropped with a warning.
const MaxSamples = 1 << 20

// maxExtra bounds the developer-field channels kept per activity.
const maxExtra = 64

// maxLaps bounds the laps kept per activity.
const maxLaps = 10000

const semicircleDeg = 180.0 / (1 << 31)

// devField is a FIT field_description: how to read one developer field.
type devField struct {
	name, units   string
	baseType      basetype.BaseType
	scale, offset float64
	native        int // record field number it stands in for, or -1
	channel       int // index into Extra, -1 before first use, -2 when not kept
}

// fitSession is what a FIT session message states.
type fitSession struct {
	start    time.Time
	sport    typedef.Sport
	subSport typedef.SubSport
	totals   activity.Totals
}

// fitReader collects a FIT file's messages into an activity as the decoder
// emits them, without keeping the messages themselves.
type fitReader struct {
	samples []activity.Sample
	extra   []activity.Channel
	laps    []activity.Lap
	dev     map[uint16]*devField

	fileType    typedef.File
	fileTypeSet bool
	device      activity.Device
	creatorDev  activity.Device // device_info of the creator (device_index 0)
	sessions    []fitSession
	sportMesg   typedef.Sport
	subSportMsg typedef.SubSport

	lastTS     uint32
	records    int // record messages seen
	noTime     int // records without a timestamp
	backwards  int // records earlier than the previous one
	overLimit  int // records past MaxSamples
	extraLimit bool

	csdSeen bool    // a compressed_speed_distance was read
	csdLast uint16  // its last rolling distance
	csdDist float64 // the distance it accumulated
}

func newFITReader() *fitReader {
	return &fitReader{
		dev:         map[uint16]*devField{},
		fileType:    typedef.FileInvalid,
		sportMesg:   typedef.SportInvalid,
		subSportMsg: typedef.SubSportInvalid,
	}
}

// OnMesg implements decoder.MesgListener.
func (r *fitReader) OnMesg(m proto.Message) {
	switch m.Num {
	case mesgnum.Record:
		r.onRecord(&m)
	case mesgnum.FileId:
		if !r.fileTypeSet {
			r.fileTypeSet = true
			for i := range m.Fields {
				f := &m.Fields[i]
				switch f.Num {
				case fieldnum.FileIdType:
					r.fileType = typedef.File(f.Value.Uint8())
				}
			}
			fid := mesgdef.NewFileId(&m)
			r.device = deviceOf(fid.Manufacturer, fid.Product, fid.SerialNumber, fid.ProductName)
		}
	case mesgnum.DeviceInfo:
		di := mesgdef.NewDeviceInfo(&m)
		if di.DeviceIndex == typedef.DeviceIndexCreator && r.creatorDev == (activity.Device{}) {
			r.creatorDev = deviceOf(di.Manufacturer, di.Product, di.SerialNumber, di.ProductName)
		}
	case mesgnum.Session:
		r.onSession(&m)
	case mesgnum.Lap:
		r.onLap(&m)
	case mesgnum.Sport:
		s := mesgdef.NewSport(&m)
		r.sportMesg, r.subSportMsg = s.Sport, s.SubSport
	case mesgnum.FieldDescription:
		r.onFieldDescription(&m)
	}
}

func (r *fitReader) onFieldDescription(m *proto.Message) {
	fd := mesgdef.NewFieldDescription(m)
	if !fd.FitBaseTypeId.Valid() {
		return
	}
	d := &devField{
		baseType: fd.FitBaseTypeId,
		scale:    1,
		native:   -1,
		channel:  -1,
	}
	if len(fd.FieldName) > 0 {
		d.name = clean(fd.FieldName[0], 64)
	}
	if len(fd.Units) > 0 {
		d.units = clean(fd.Units[0], 32)
	}
	if fd.Scale != basetype.Uint8Invalid && fd.Scale != 0 {
		d.scale = float64(fd.Scale)
	}
	if fd.Offset != basetype.Sint8Invalid {
		d.offset = float64(fd.Offset)
	}
	if fd.NativeMesgNum == typedef.MesgNumRecord && fd.NativeFieldNum != basetype.Uint8Invalid {
		d.native = int(fd.NativeFieldNum)
	}
	key := uint16(fd.DeveloperDataIndex)<<8 | uint16(fd.FieldDefinitionNumber)
	if old, ok := r.dev[key]; ok && old.channel >= 0 {
		d.channel = old.channel // a repeated description keeps its channel
	}
	r.dev[key] = d
}

func (r *fitReader) onRecord(m *proto.Message) {
	r.records++
	if r.fileTypeSet && r.fileType != typedef.FileActivity && r.fileType != typedef.FileInvalid {
		return
	}
	s := activity.NewSample(time.Time{})
	var ts uint32 = basetype.Uint32Invalid
	var alt, enhAlt, speed, enhSpeed = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	var lat, lon = math.NaN(), math.NaN()
	var fracCad float64
	cad256 := math.NaN()
	for i := range m.Fields {
		f := &m.Fields[i]
		if f.Num == fieldnum.RecordTimestamp {
			if f.Value.Type() == proto.TypeUint32 {
				ts = f.Value.Uint32()
			}
			continue
		}
		v, ok := fieldValue(f)
		if !ok {
			continue
		}
		switch f.Num {
		case fieldnum.RecordPositionLat:
			lat = v * semicircleDeg
		case fieldnum.RecordPositionLong:
			lon = v * semicircleDeg
		case fieldnum.RecordAltitude:
			alt = v
		case fieldnum.RecordEnhancedAltitude:
			enhAlt = v
		case fieldnum.RecordDistance:
			s.Dist = v
		case fieldnum.RecordSpeed:
			speed = v
		case fieldnum.RecordEnhancedSpeed:
			enhSpeed = v
		case fieldnum.RecordHeartRate:
			s.HR = v
		case fieldnum.RecordCadence:
			s.Cadence = v
		case fieldnum.RecordFractionalCadence:
			fracCad = v
		case fieldnum.RecordPower:
			s.Power = v
		case fieldnum.RecordTemperature:
			s.Temp = v
		case fieldnum.RecordCadence256:
			cad256 = v
		}
	}
	if csd := compressedSpeedDistance(m); csd != nil {
		// Old devices pack speed (12 bits, 1/100 m/s) and a rolling
		// distance (12 bits, 1/16 m) into three bytes.
		if !activity.Has(speed) {
			speed = float64(uint16(csd[0])|uint16(csd[1]&0x0f)<<8) / 100
		}
		d12 := uint16(csd[1]>>4) | uint16(csd[2])<<4
		if r.csdSeen {
			r.csdDist += float64((d12-r.csdLast)&0x0fff) / 16
		} else {
			r.csdDist, r.csdSeen = float64(d12)/16, true
		}
		r.csdLast = d12
		if !activity.Has(s.Dist) {
			s.Dist = r.csdDist
		}
	}
	if !activity.Has(s.Cadence) && activity.Has(cad256) {
		s.Cadence, fracCad = cad256, 0
	}
	if ts == basetype.Uint32Invalid {
		r.noTime++
		return
	}
	if r.lastTS != 0 && ts < r.lastTS {
		r.backwards++
		return
	}
	if lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
		s.Lat, s.Lon = lat, lon
	}
	s.Alt = pick(enhAlt, alt)
	s.Speed = pick(enhSpeed, speed)
	if activity.Has(s.Cadence) && fracCad > 0 {
		s.Cadence += fracCad
	}
	idx := len(r.samples)
	if idx > 0 && ts == r.lastTS {
		// A second record for the same second: merge into the previous one.
		idx--
		merge(&r.samples[idx], &s)
	} else {
		if idx >= MaxSamples {
			r.overLimit++
			return
		}
		s.Time = datetime.ToTime(ts)
		r.samples = append(r.samples, s)
	}
	r.lastTS = ts
	if len(m.DeveloperFields) > 0 {
		r.onDevFields(m.DeveloperFields, idx)
	}
}

func (r *fitReader) onDevFields(fields []proto.DeveloperField, idx int) {
	for i := range fields {
		df := &fields[i]
		d := r.dev[uint16(df.DeveloperDataIndex)<<8|uint16(df.Num)]
		if d == nil || d.channel == -2 {
			continue
		}
		v, ok := numValue(df.Value, d.baseType)
		if !ok {
			continue
		}
		v = v/d.scale - d.offset
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if d.channel == -1 {
			if len(r.extra) >= maxExtra {
				d.channel = -2
				r.extraLimit = true
				continue
			}
			d.channel = len(r.extra)
			name := d.name
			if name == "" {
				name = fmt.Sprintf("developer field %d.%d", df.DeveloperDataIndex, df.Num)
			}
			r.extra = append(r.extra, activity.Channel{
				Key:   fmt.Sprintf("dev.%d.%d", df.DeveloperDataIndex, df.Num),
				Name:  name,
				Units: d.units,
			})
		}
		ch := &r.extra[d.channel]
		for len(ch.Values) < idx {
			ch.Values = append(ch.Values, math.NaN())
		}
		if len(ch.Values) == idx {
			ch.Values = append(ch.Values, v)
		} else {
			ch.Values[idx] = v
		}
		if d.native >= 0 {
			s := &r.samples[idx]
			var dst *float64
			switch d.native {
			case fieldnum.RecordHeartRate:
				dst = &s.HR
			case fieldnum.RecordCadence:
				dst = &s.Cadence
			case fieldnum.RecordPower:
				dst = &s.Power
			case fieldnum.RecordSpeed, fieldnum.RecordEnhancedSpeed:
				dst = &s.Speed
			case fieldnum.RecordDistance:
				dst = &s.Dist
			case fieldnum.RecordAltitude, fieldnum.RecordEnhancedAltitude:
				dst = &s.Alt
			case fieldnum.RecordTemperature:
				dst = &s.Temp
			}
			if dst != nil && !activity.Has(*dst) {
				*dst = v
			}
		}
	}
}

func (r *fitReader) onSession(m *proto.Message) {
	if len(r.sessions) >= maxLaps {
		return
	}
	s := mesgdef.NewSession(m)
	t := activity.NoTotals()
	t.DistanceM = nan(s.TotalDistanceScaled())
	t.ElapsedS = nan(s.TotalElapsedTimeScaled())
	t.TimerS = nan(s.TotalTimerTimeScaled())
	t.AscentM = u16(s.TotalAscent)
	t.DescentM = u16(s.TotalDescent)
	t.Calories = u16(s.TotalCalories)
	t.AvgHR = u8(s.AvgHeartRate)
	t.MaxHR = u8(s.MaxHeartRate)
	t.AvgSpeed = pick(nan(s.EnhancedAvgSpeedScaled()), nan(s.AvgSpeedScaled()))
	t.MaxSpeed = pick(nan(s.EnhancedMaxSpeedScaled()), nan(s.MaxSpeedScaled()))
	t.AvgCadence = u8(s.AvgCadence)
	if activity.Has(t.AvgCadence) {
		if fc := nan(s.AvgFractionalCadenceScaled()); activity.Has(fc) {
			t.AvgCadence += fc
		}
	}
	t.AvgPower = u16(s.AvgPower)
	t.MaxPower = u16(s.MaxPower)
	r.sessions = append(r.sessions, fitSession{
		start: s.StartTime, sport: s.Sport, subSport: s.SubSport, totals: t,
	})
}

func (r *fitReader) onLap(m *proto.Message) {
	if len(r.laps) >= maxLaps {
		return
	}
	l := mesgdef.NewLap(m)
	lap := activity.Lap{
		Start:     l.StartTime,
		ElapsedS:  zero(nan(l.TotalElapsedTimeScaled())),
		TimerS:    zero(nan(l.TotalTimerTimeScaled())),
		DistanceM: zero(nan(l.TotalDistanceScaled())),
		Trigger:   lapTrigger(l.LapTrigger),
	}
	if lap.Start.IsZero() {
		return
	}
	if lap.ElapsedS == 0 && !l.Timestamp.IsZero() && l.Timestamp.After(lap.Start) {
		lap.ElapsedS = l.Timestamp.Sub(lap.Start).Seconds()
	}
	r.laps = append(r.laps, lap)
}

// activity assembles the decoded activity.
func (r *fitReader) activity() *activity.Activity {
	a := &activity.Activity{
		Samples: r.samples,
		Laps:    r.laps,
		Device:  r.device,
		Totals:  activity.NoTotals(),
	}
	if cd := r.creatorDev; cd != (activity.Device{}) {
		if a.Device.Manufacturer == "" {
			a.Device.Manufacturer = cd.Manufacturer
		}
		if a.Device.Product == "" || cd.Product != "" && a.Device.Manufacturer == cd.Manufacturer {
			a.Device.Product = cd.Product
		}
		if a.Device.Serial == "" {
			a.Device.Serial = cd.Serial
		}
	}
	for i := range r.extra {
		ch := &r.extra[i]
		for len(ch.Values) < len(r.samples) {
			ch.Values = append(ch.Values, math.NaN())
		}
	}
	a.Extra = r.extra

	// Sport: the sessions', else the sport message's.
	switch {
	case len(r.sessions) == 0:
		a.Sport, a.SubSport = mapSport(r.sportMesg, r.subSportMsg)
	case multiSport(r.sessions):
		a.Sport, a.SubSport = activity.Other, "multisport"
	default:
		a.Sport, a.SubSport = mapSport(r.sessions[0].sport, r.sessions[0].subSport)
	}
	if a.Sport == "" {
		a.Sport = activity.Other
	}

	// Running and walking cadence: FIT stores strides per minute.
	if len(r.sessions) > 0 {
		for i, s := range r.sessions {
			sp, _ := mapSport(s.sport, s.subSport)
			if !stepSport(sp) {
				continue
			}
			from := s.start
			to := time.Time{}
			if i+1 < len(r.sessions) && !r.sessions[i+1].start.IsZero() {
				to = r.sessions[i+1].start
			}
			if len(r.sessions) == 1 {
				from = time.Time{}
			}
			doubleCadence(a.Samples, from, to)
			r.sessions[i].totals.AvgCadence *= 2
		}
	} else if stepSport(a.Sport) {
		doubleCadence(a.Samples, time.Time{}, time.Time{})
	}
	a.Totals = sumTotals(r.sessions)

	// Start: the first sample, or the stated start when earlier.
	if len(a.Samples) > 0 {
		a.Start = a.Samples[0].Time
	}
	for _, s := range r.sessions {
		if !s.start.IsZero() && (a.Start.IsZero() || s.start.Before(a.Start)) && plausibleStart(s.start, a) {
			a.Start = s.start
		}
	}
	if a.Start.IsZero() && len(r.laps) > 0 {
		a.Start = r.laps[0].Start
	}
	return a
}

// plausibleStart refuses a stated start more than a day before the first
// sample (a device clock not yet set).
func plausibleStart(t time.Time, a *activity.Activity) bool {
	if len(a.Samples) == 0 {
		return true
	}
	return a.Samples[0].Time.Sub(t) < 24*time.Hour
}

func (r *fitReader) warnings() []string {
	var w []string
	if r.noTime > 0 {
		w = append(w, fmt.Sprintf("dropped %s without time", plural(r.noTime, "record")))
	}
	if r.backwards > 0 {
		w = append(w, fmt.Sprintf("dropped %s earlier than the record before", plural(r.backwards, "record")))
	}
	if r.overLimit > 0 {
		w = append(w, fmt.Sprintf("dropped %s beyond the limit of %d samples", plural(r.overLimit, "record"), MaxSamples))
	}
	if r.extraLimit {
		w = append(w, fmt.Sprintf("kept only the first %d developer fields", maxExtra))
	}
	return w
}

// decodeFIT decodes FIT data (possibly several chained FIT sequences).
func decodeFIT(data []byte) (Result, error) {
	res := Result{Format: FIT}
	r := newFITReader()
	// A record takes about 20-35 bytes: size the samples once.
	r.samples = make([]activity.Sample, 0, min(len(data)/24+16, MaxSamples))
	var warns []string
	err := runFIT(data, r, false)
	if err != nil && errors.Is(err, decoder.ErrCRCChecksumMismatch) && r.records == 0 && !r.fileTypeSet {
		// The file header's own checksum is wrong: read on regardless.
		r = newFITReader()
		warns = append(warns, "file header checksum mismatch; read regardless")
		err = runFIT(data, r, true)
	}
	if err != nil {
		if !r.fileTypeSet && r.records == 0 {
			return res, &Error{Code: CodeCorruptFile, Detail: "FIT: " + fitErrText(err)}
		}
		if errors.Is(err, decoder.ErrCRCChecksumMismatch) {
			warns = append(warns, fmt.Sprintf("checksum mismatch at the end of the file; kept %d records", len(r.samples)))
		} else {
			warns = append(warns, fmt.Sprintf("truncated after record %d: %s; kept %d records",
				r.records, fitErrText(err), len(r.samples)))
		}
	}
	if r.fileTypeSet && r.fileType != typedef.FileActivity && r.fileType != typedef.FileInvalid {
		return res, &Error{Code: CodeNotAnActivity, Detail: "FIT " + fileTypeName(r.fileType) + " file, not an activity"}
	}
	a := r.activity()
	if len(a.Samples) == 0 && len(r.sessions) == 0 {
		return res, &Error{Code: CodeNoData, Detail: "FIT file has no records"}
	}
	res.Activity = a
	res.Warnings = append(warns, r.warnings()...)
	if len(r.sessions) == 0 {
		res.Warnings = append(res.Warnings, "no session summary: the recording may not have been finished")
	}
	if len(a.Samples) > 0 && a.Samples[0].Time.Before(datetime.ToTime(0x10000000)) {
		// FIT: times below 0x10000000 count from the device's power-on.
		res.Warnings = append(res.Warnings, "the device clock was not set: times count from when it was switched on")
	}
	return res, nil
}

// runFIT feeds every FIT sequence in data to r. It returns the first error;
// garbage after at least one complete sequence is ignored.
func runFIT(data []byte, r *fitReader, ignoreCRC bool) error {
	// Components are not expanded: the decoder's expansion truncates
	// (speed 8.043 becomes an enhanced_speed of 8.042) and costs time; the
	// few records that need it (compressed speed and distance, cadence256)
	// are unpacked in onRecord.
	opts := []decoder.Option{decoder.WithMesgListener(r), decoder.WithBroadcastOnly(), decoder.WithNoComponentExpansion()}
	if ignoreCRC {
		opts = append(opts, decoder.WithIgnoreChecksum())
	}
	dec := decoder.New(bytes.NewReader(data), opts...)
	seq := 0
	for dec.Next() {
		before := r.records
		_, err := dec.Decode()
		if err != nil {
			if seq > 0 && r.records == before && errors.Is(err, decoder.ErrNotFITFile) {
				return nil
			}
			return err
		}
		seq++
	}
	return nil
}

func fitErrText(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of file"
	case errors.Is(err, decoder.ErrCRCChecksumMismatch):
		return "checksum mismatch"
	case errors.Is(err, decoder.ErrNotFITFile):
		return "not a FIT file"
	case errors.Is(err, decoder.ErrMesgDefMissing):
		return "message without definition"
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return clean(s, 120)
}

func fileTypeName(t typedef.File) string {
	s := t.String()
	if strings.Contains(s, "Invalid") {
		return "type " + strconv.Itoa(int(t))
	}
	return s
}

// compressedSpeedDistance returns a record's compressed_speed_distance
// bytes, or nil.
func compressedSpeedDistance(m *proto.Message) []uint8 {
	for i := range m.Fields {
		f := &m.Fields[i]
		if f.Num == fieldnum.RecordCompressedSpeedDistance {
			if b := f.Value.SliceUint8(); len(b) == 3 && (b[0] != 0xff || b[1] != 0xff || b[2] != 0xff) {
				return b
			}
		}
	}
	return nil
}

// fieldValue returns a field's scaled numeric value.
func fieldValue(f *proto.Field) (float64, bool) {
	v, ok := numValue(f.Value, f.BaseType)
	if !ok {
		return 0, false
	}
	if f.Scale != 1 && f.Scale != 0 {
		v /= f.Scale
	}
	v -= f.Offset
	return v, true
}

// numValue returns a single numeric value that is not FIT's "invalid".
func numValue(v proto.Value, bt basetype.BaseType) (float64, bool) {
	if !v.Valid(bt) {
		return 0, false
	}
	switch v.Type() {
	case proto.TypeInt8:
		return float64(v.Int8()), true
	case proto.TypeUint8:
		return float64(v.Uint8()), true
	case proto.TypeInt16:
		return float64(v.Int16()), true
	case proto.TypeUint16:
		return float64(v.Uint16()), true
	case proto.TypeInt32:
		return float64(v.Int32()), true
	case proto.TypeUint32:
		return float64(v.Uint32()), true
	case proto.TypeInt64:
		return float64(v.Int64()), true
	case proto.TypeUint64:
		return float64(v.Uint64()), true
	case proto.TypeFloat32:
		x := float64(v.Float32())
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case proto.TypeFloat64:
		x := v.Float64()
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}

func merge(dst, src *activity.Sample) {
	fill := func(d *float64, s float64) {
		if !activity.Has(*d) {
			*d = s
		}
	}
	if !dst.HasPos() && src.HasPos() {
		dst.Lat, dst.Lon = src.Lat, src.Lon
	}
	fill(&dst.Alt, src.Alt)
	fill(&dst.Dist, src.Dist)
	fill(&dst.Speed, src.Speed)
	fill(&dst.HR, src.HR)
	fill(&dst.Cadence, src.Cadence)
	fill(&dst.Power, src.Power)
	fill(&dst.Temp, src.Temp)
}

func doubleCadence(ss []activity.Sample, from, to time.Time) {
	for i := range ss {
		t := ss[i].Time
		if !from.IsZero() && t.Before(from) || !to.IsZero() && !t.Before(to) {
			continue
		}
		ss[i].Cadence *= 2
	}
}

func stepSport(s activity.Sport) bool {
	f := s.Family()
	return f == activity.FamilyRun || f == activity.FamilyWalk
}

func multiSport(ss []fitSession) bool {
	for _, s := range ss[1:] {
		if s.sport != ss[0].sport {
			return true
		}
	}
	return false
}

// sumTotals combines the sessions' totals.
func sumTotals(ss []fitSession) activity.Totals {
	if len(ss) == 0 {
		return activity.NoTotals()
	}
	if len(ss) == 1 {
		return ss[0].totals
	}
	t := activity.NoTotals()
	add := func(d *float64, v float64) {
		if activity.Has(v) {
			if activity.Has(*d) {
				*d += v
			} else {
				*d = v
			}
		}
	}
	max := func(d *float64, v float64) {
		if activity.Has(v) && (!activity.Has(*d) || v > *d) {
			*d = v
		}
	}
	// Averages weighted by timer time.
	var hrW, hrS, cadW, cadS, pwW, pwS float64
	for _, s := range ss {
		x := s.totals
		add(&t.DistanceM, x.DistanceM)
		add(&t.ElapsedS, x.ElapsedS)
		add(&t.TimerS, x.TimerS)
		add(&t.AscentM, x.AscentM)
		add(&t.DescentM, x.DescentM)
		add(&t.Calories, x.Calories)
		max(&t.MaxHR, x.MaxHR)
		max(&t.MaxSpeed, x.MaxSpeed)
		max(&t.MaxPower, x.MaxPower)
		w := x.TimerS
		if !activity.Has(w) {
			continue
		}
		if activity.Has(x.AvgHR) {
			hrW, hrS = hrW+w, hrS+w*x.AvgHR
		}
		if activity.Has(x.AvgCadence) {
			cadW, cadS = cadW+w, cadS+w*x.AvgCadence
		}
		if activity.Has(x.AvgPower) {
			pwW, pwS = pwW+w, pwS+w*x.AvgPower
		}
	}
	if hrW > 0 {
		t.AvgHR = hrS / hrW
	}
	if cadW > 0 {
		t.AvgCadence = cadS / cadW
	}
	if pwW > 0 {
		t.AvgPower = pwS / pwW
	}
	if activity.Has(t.DistanceM) && activity.Has(t.TimerS) && t.TimerS > 0 {
		t.AvgSpeed = t.DistanceM / t.TimerS
	}
	return t
}

// mapSport maps FIT's sport and sub-sport onto SportHub's sports.
func mapSport(sp typedef.Sport, sub typedef.SubSport) (activity.Sport, string) {
	subName := ""
	if sub != typedef.SubSportGeneric && sub != typedef.SubSportInvalid {
		if s := sub.String(); !strings.Contains(s, "Invalid") {
			subName = s
		}
	}
	var out activity.Sport
	switch sp {
	case typedef.SportRunning:
		out = activity.Running
		if sub == typedef.SubSportTrail {
			out = activity.TrailRunning
		}
	case typedef.SportCycling, typedef.SportEBiking:
		out = activity.Cycling
		switch sub {
		case typedef.SubSportMountain, typedef.SubSportDownhill, typedef.SubSportEBikeMountain:
			out = activity.MountainBiking
		}
	case typedef.SportSwimming:
		out = activity.Swimming
		if sub == typedef.SubSportOpenWater {
			out = activity.OpenWaterSwimming
		}
	case typedef.SportWalking, typedef.SportWheelchairPushWalk:
		out = activity.Walking
	case typedef.SportWheelchairPushRun:
		out = activity.Running
	case typedef.SportHiking, typedef.SportMountaineering:
		out = activity.Hiking
	case typedef.SportCrossCountrySkiing:
		out = activity.Skiing
	case typedef.SportAlpineSkiing:
		out = activity.AlpineSkiing
	case typedef.SportRowing:
		out = activity.Rowing
	case typedef.SportTraining, typedef.SportHiit, typedef.SportFitnessEquipment:
		out = activity.Fitness
		switch sub {
		case typedef.SubSportTreadmill, typedef.SubSportIndoorRunning:
			out = activity.Running
		case typedef.SubSportIndoorCycling, typedef.SubSportSpin:
			out = activity.Cycling
		case typedef.SubSportIndoorRowing:
			out = activity.Rowing
		case typedef.SubSportIndoorWalking:
			out = activity.Walking
		case typedef.SubSportIndoorSkiing:
			out = activity.Skiing
		}
	case typedef.SportInvalid:
		return "", subName
	default:
		out = activity.Other
		if subName == "" {
			if s := sp.String(); !strings.Contains(s, "Invalid") && sp != typedef.SportGeneric {
				subName = s
			}
		}
	}
	return out, subName
}

// fitSport maps a SportHub sport back onto FIT's sport and sub-sport.
func fitSport(s activity.Sport, sub string) (typedef.Sport, typedef.SubSport) {
	ss := typedef.SubSportFromString(sub)
	if ss == typedef.SubSportInvalid {
		ss = typedef.SubSportGeneric
	}
	switch s {
	case activity.Running:
		return typedef.SportRunning, ss
	case activity.TrailRunning:
		return typedef.SportRunning, typedef.SubSportTrail
	case activity.Orienteering:
		return typedef.SportRunning, ss
	case activity.Cycling:
		return typedef.SportCycling, ss
	case activity.MountainBiking:
		if ss == typedef.SubSportGeneric {
			ss = typedef.SubSportMountain
		}
		return typedef.SportCycling, ss
	case activity.Swimming:
		return typedef.SportSwimming, ss
	case activity.OpenWaterSwimming:
		return typedef.SportSwimming, typedef.SubSportOpenWater
	case activity.Walking, activity.NordicWalking:
		return typedef.SportWalking, ss
	case activity.Hiking:
		return typedef.SportHiking, ss
	case activity.Skiing:
		return typedef.SportCrossCountrySkiing, ss
	case activity.AlpineSkiing:
		return typedef.SportAlpineSkiing, ss
	case activity.Rowing:
		return typedef.SportRowing, ss
	case activity.Fitness:
		return typedef.SportTraining, ss
	}
	if sp := typedef.SportFromString(sub); sp != typedef.SportInvalid {
		return sp, typedef.SubSportGeneric
	}
	return typedef.SportGeneric, ss
}

func lapTrigger(t typedef.LapTrigger) string {
	switch t {
	case typedef.LapTriggerManual:
		return "manual"
	case typedef.LapTriggerTime:
		return "time"
	case typedef.LapTriggerDistance:
		return "distance"
	case typedef.LapTriggerPositionStart, typedef.LapTriggerPositionLap,
		typedef.LapTriggerPositionWaypoint, typedef.LapTriggerPositionMarked:
		return "position"
	case typedef.LapTriggerSessionEnd:
		return "session_end"
	}
	return ""
}

func fitLapTrigger(s string) typedef.LapTrigger {
	switch s {
	case "manual":
		return typedef.LapTriggerManual
	case "time":
		return typedef.LapTriggerTime
	case "distance":
		return typedef.LapTriggerDistance
	case "position":
		return typedef.LapTriggerPositionLap
	case "session_end":
		return typedef.LapTriggerSessionEnd
	}
	return typedef.LapTriggerManual
}

func deviceOf(m typedef.Manufacturer, product uint16, serial uint32, name string) activity.Device {
	var d activity.Device
	if m != typedef.ManufacturerInvalid {
		if s := m.String(); !strings.Contains(s, "Invalid") {
			d.Manufacturer = s
		} else {
			d.Manufacturer = strconv.Itoa(int(m))
		}
	}
	switch {
	case name != "":
		d.Product = clean(name, 64)
	case product != basetype.Uint16Invalid:
		d.Product = strconv.Itoa(int(product))
		if m == typedef.ManufacturerGarmin || m == typedef.ManufacturerDynastream || m == typedef.ManufacturerDynastreamOem || m == typedef.ManufacturerTacx {
			if s := typedef.GarminProduct(product).String(); !strings.Contains(s, "Invalid") {
				d.Product = s
			}
		}
	}
	if serial != basetype.Uint32zInvalid && serial != basetype.Uint32Invalid {
		d.Serial = strconv.FormatUint(uint64(serial), 10)
	}
	return d
}

// clean trims s to at most n bytes of printable text.
func clean(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = s[:n]
		for len(s) > 0 && !utf8Valid(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

func pick(a, b float64) float64 {
	if activity.Has(a) {
		return a
	}
	return b
}

// nan turns FIT's invalid float (all bits set, itself a NaN) and infinities
// into a plain NaN.
func nan(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

func zero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

func u8(v uint8) float64 {
	if v == basetype.Uint8Invalid {
		return math.NaN()
	}
	return float64(v)
}

func u16(v uint16) float64 {
	if v == basetype.Uint16Invalid {
		return math.NaN()
	}
	return float64(v)
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// plural writes "1 record" or "3 records".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
