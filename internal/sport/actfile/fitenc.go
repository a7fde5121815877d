package actfile

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// encodeFIT writes a as a FIT activity file: file_id, device_info, the
// developer fields of a.Extra (float32), timer events, one record per
// sample, laps, one session with a.Totals (or what the samples give) and
// the activity message. FIT times are whole seconds; run and walk cadence
// is written in strides per minute with its fraction.
func encodeFIT(w io.Writer, a *activity.Activity) error {
	if a.Start.Before(datetime.Epoch()) || a.Start.Year() > 2100 {
		return &Error{Code: CodeNoData, Detail: "FIT needs a start time after 1989"}
	}
	opts := &mesgdef.Options{}
	mesgs := make([]proto.Message, 0, len(a.Samples)+len(a.Laps)+len(a.Extra)+8)
	start := a.Start
	end := a.End()
	if end.Before(start) {
		end = start
	}
	sport, subSport := fitSport(a.Sport, a.SubSport)

	man, product, productName := fitDevice(a.Device)
	fid := mesgdef.NewFileId(nil).
		SetType(typedef.FileActivity).
		SetManufacturer(man).
		SetProduct(product).
		SetTimeCreated(start)
	if productName != "" {
		fid.SetProductName(productName)
	}
	if sn, err := strconv.ParseUint(a.Device.Serial, 10, 32); err == nil && sn != 0 && sn != math.MaxUint32 {
		fid.SetSerialNumber(uint32(sn))
	}
	mesgs = append(mesgs, fid.ToMesg(opts))
	di := mesgdef.NewDeviceInfo(nil).
		SetTimestamp(start).
		SetDeviceIndex(typedef.DeviceIndexCreator).
		SetManufacturer(man).
		SetProduct(product)
	if productName != "" {
		di.SetProductName(productName)
	}
	mesgs = append(mesgs, di.ToMesg(opts))

	// Developer fields for the extra channels.
	extra := a.Extra
	if len(extra) > 255 {
		extra = extra[:255]
	}
	if len(extra) > 0 {
		mesgs = append(mesgs, mesgdef.NewDeveloperDataId(nil).
			SetDeveloperDataIndex(0).
			SetApplicationId([]byte("SportHub-export00")[:16]).
			ToMesg(opts))
		for i, ch := range extra {
			fd := mesgdef.NewFieldDescription(nil).
				SetDeveloperDataIndex(0).
				SetFieldDefinitionNumber(uint8(i)).
				SetFitBaseTypeId(basetype.Float32).
				SetFieldName([]string{fitString(firstNonEmpty(ch.Name, ch.Key), 64)})
			if ch.Units != "" {
				fd.SetUnits([]string{fitString(ch.Units, 16)})
			}
			mesgs = append(mesgs, fd.ToMesg(opts))
		}
	}

	mesgs = append(mesgs, mesgdef.NewEvent(nil).
		SetTimestamp(start).
		SetEvent(typedef.EventTimer).
		SetEventType(typedef.EventTypeStart).
		ToMesg(opts))

	strides := stepSport(a.Sport)
	rec := mesgdef.NewRecord(nil)
	for i, s := range a.Samples {
		if s.Time.Before(datetime.Epoch()) {
			continue
		}
		rec.Reset(nil)
		rec.Timestamp = s.Time
		if s.HasPos() {
			rec.PositionLat = semicircles(s.Lat)
			rec.PositionLong = semicircles(s.Lon)
		}
		if activity.Has(s.Alt) {
			rec.EnhancedAltitude = toU32((s.Alt + 500) * 5)
			rec.Altitude = toU16((s.Alt + 500) * 5)
		}
		if activity.Has(s.Dist) {
			rec.Distance = toU32(s.Dist * 100)
		}
		if activity.Has(s.Speed) {
			rec.EnhancedSpeed = toU32(s.Speed * 1000)
			rec.Speed = toU16(s.Speed * 1000)
		}
		if activity.Has(s.HR) {
			rec.HeartRate = toU8(s.HR)
		}
		if c := s.Cadence; activity.Has(c) && c >= 0 {
			if strides {
				c /= 2
			}
			whole := math.Floor(c)
			rec.Cadence = toU8(whole)
			if f := math.Round((c - whole) * 128); f > 0 && f < 128 && rec.Cadence != basetype.Uint8Invalid {
				rec.FractionalCadence = uint8(f)
			}
		}
		if activity.Has(s.Power) {
			rec.Power = toU16(s.Power)
		}
		if activity.Has(s.Temp) && s.Temp > -128 && s.Temp < 128 {
			rec.Temperature = int8(math.Round(s.Temp))
		}
		if len(extra) > 0 {
			var dfs []proto.DeveloperField
			for ci := range extra {
				if i >= len(extra[ci].Values) {
					continue
				}
				v := extra[ci].Values[i]
				if !activity.Has(v) || math.IsInf(v, 0) || math.Abs(v) > math.MaxFloat32 {
					continue
				}
				dfs = append(dfs, proto.DeveloperField{Num: uint8(ci), DeveloperDataIndex: 0, Value: proto.Float32(float32(v))})
			}
			rec.DeveloperFields = dfs
		}
		mesgs = append(mesgs, rec.ToMesg(opts))
	}

	mesgs = append(mesgs, mesgdef.NewEvent(nil).
		SetTimestamp(end).
		SetEvent(typedef.EventTimer).
		SetEventType(typedef.EventTypeStopAll).
		ToMesg(opts))

	for i, l := range a.Laps {
		if l.Start.Before(datetime.Epoch()) {
			continue
		}
		lm := mesgdef.NewLap(nil).
			SetMessageIndex(typedef.MessageIndex(i)).
			SetTimestamp(l.Start.Add(time.Duration(l.ElapsedS * float64(time.Second)))).
			SetStartTime(l.Start).
			SetEvent(typedef.EventLap).
			SetEventType(typedef.EventTypeStop).
			SetLapTrigger(fitLapTrigger(l.Trigger)).
			SetSport(sport).
			SetSubSport(subSport)
		lm.TotalElapsedTime = toU32(l.ElapsedS * 1000)
		lm.TotalTimerTime = toU32(l.TimerS * 1000)
		lm.TotalDistance = toU32(l.DistanceM * 100)
		mesgs = append(mesgs, lm.ToMesg(opts))
	}

	t := a.Totals
	elapsed := pick(t.ElapsedS, end.Sub(start).Seconds())
	sess := mesgdef.NewSession(nil).
		SetMessageIndex(0).
		SetTimestamp(end).
		SetStartTime(start).
		SetEvent(typedef.EventSession).
		SetEventType(typedef.EventTypeStop).
		SetSport(sport).
		SetSubSport(subSport).
		SetFirstLapIndex(0).
		SetNumLaps(uint16(min(len(a.Laps), math.MaxUint16-1))).
		SetTrigger(typedef.SessionTriggerActivityEnd)
	sess.TotalElapsedTime = toU32(elapsed * 1000)
	sess.TotalTimerTime = toU32(pick(t.TimerS, elapsed) * 1000)
	sess.TotalDistance = toU32(pick(t.DistanceM, lastDist(a.Samples)) * 100)
	sess.TotalAscent = toU16(t.AscentM)
	sess.TotalDescent = toU16(t.DescentM)
	sess.TotalCalories = toU16(t.Calories)
	sess.AvgHeartRate = toU8(t.AvgHR)
	sess.MaxHeartRate = toU8(t.MaxHR)
	sess.EnhancedAvgSpeed = toU32(t.AvgSpeed * 1000)
	sess.AvgSpeed = toU16(t.AvgSpeed * 1000)
	sess.EnhancedMaxSpeed = toU32(t.MaxSpeed * 1000)
	sess.MaxSpeed = toU16(t.MaxSpeed * 1000)
	if c := t.AvgCadence; activity.Has(c) && c >= 0 {
		if strides {
			c /= 2
		}
		whole := math.Floor(c)
		sess.AvgCadence = toU8(whole)
		if f := math.Round((c - whole) * 128); f > 0 && f < 128 && sess.AvgCadence != basetype.Uint8Invalid {
			sess.AvgFractionalCadence = uint8(f)
		}
	}
	sess.AvgPower = toU16(t.AvgPower)
	sess.MaxPower = toU16(t.MaxPower)
	mesgs = append(mesgs, sess.ToMesg(opts))

	act := mesgdef.NewActivity(nil).
		SetTimestamp(end).
		SetNumSessions(1).
		SetType(typedef.ActivityManual).
		SetEvent(typedef.EventActivity).
		SetEventType(typedef.EventTypeStop).
		SetLocalTimestamp(end)
	act.TotalTimerTime = sess.TotalTimerTime
	mesgs = append(mesgs, act.ToMesg(opts))

	fit := proto.FIT{Messages: mesgs}
	var encOpts []encoder.Option
	if len(extra) > 0 {
		encOpts = append(encOpts, encoder.WithProtocolVersion(proto.V2))
	}
	if err := encoder.New(w, encOpts...).Encode(&fit); err != nil {
		return fmt.Errorf("fit: %w", err)
	}
	return nil
}

// fitDevice maps a device back onto FIT's manufacturer and product; a
// product FIT has no number for is written as product_name.
func fitDevice(d activity.Device) (typedef.Manufacturer, uint16, string) {
	man := typedef.ManufacturerFromString(d.Manufacturer)
	if man == typedef.ManufacturerInvalid {
		if n, err := strconv.ParseUint(d.Manufacturer, 10, 16); err == nil && n != math.MaxUint16 {
			man = typedef.Manufacturer(n)
		} else {
			man = typedef.ManufacturerDevelopment
		}
	}
	if d.Product == "" {
		if man == typedef.ManufacturerDevelopment && d.Manufacturer == "" {
			return man, 0, "SportHub"
		}
		return man, basetype.Uint16Invalid, ""
	}
	if n, err := strconv.ParseUint(d.Product, 10, 16); err == nil && n != math.MaxUint16 {
		return man, uint16(n), ""
	}
	if man == typedef.ManufacturerGarmin || man == typedef.ManufacturerDynastream || man == typedef.ManufacturerDynastreamOem || man == typedef.ManufacturerTacx {
		if p := typedef.GarminProductFromString(d.Product); p != typedef.GarminProductInvalid {
			return man, uint16(p), ""
		}
	}
	return man, basetype.Uint16Invalid, fitString(d.Product, 64)
}

// fitString trims s to n bytes on a rune boundary.
func fitString(s string, n int) string {
	return clean(s, n)
}

func semicircles(deg float64) int32 {
	v := math.Round(deg / semicircleDeg)
	if v >= math.MaxInt32 || v <= math.MinInt32 {
		return basetype.Sint32Invalid
	}
	return int32(v)
}

func toU8(v float64) uint8 {
	v = math.Round(v)
	if !(v >= 0 && v < math.MaxUint8) {
		return basetype.Uint8Invalid
	}
	return uint8(v)
}

func toU16(v float64) uint16 {
	v = math.Round(v)
	if !(v >= 0 && v < math.MaxUint16) {
		return basetype.Uint16Invalid
	}
	return uint16(v)
}

func toU32(v float64) uint32 {
	v = math.Round(v)
	if !(v >= 0 && v < math.MaxUint32) {
		return basetype.Uint32Invalid
	}
	return uint32(v)
}
