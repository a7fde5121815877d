package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

// Devices lists the user's devices.
func (a *App) Devices(ctx context.Context, userID string) ([]domain.Device, error) {
	return a.repo.Devices(ctx, userID)
}

// CreatePairing makes a pairing code for a device of the user, valid for
// the configured TTL (10 minutes by default) and one use.
func (a *App) CreatePairing(ctx context.Context, userID, kind, name string) (code string, p domain.Pairing, err error) {
	var f apperr.Fields
	domain.ValidateKind(kind, &f)
	domain.ValidateName("name", name, &f)
	if err := domain.Unprocessable(f); err != nil {
		return "", p, err
	}
	for range 3 {
		now := a.now()
		code = domain.NewCode()
		p = domain.Pairing{CodeHash: domain.Hash(code), UserID: userID, Kind: kind, Name: name,
			CreatedAt: now, ExpiresAt: now.Add(a.cfg.PairingTTL)}
		err = a.repo.InTx(ctx, func(ctx context.Context) error {
			n, err := a.repo.CountPairings(ctx, userID, now)
			if err != nil {
				return err
			}
			if n >= domain.MaxPendingPairings {
				return domain.ErrTooManyPairings
			}
			return a.repo.CreatePairing(ctx, p)
		})
		if !errors.Is(err, domain.ErrCodeTaken) {
			break
		}
	}
	return code, p, err
}

// Pair turns a pairing code into a device of the code's user and returns
// the device and its token (kept only as a hash). The code works once.
func (a *App) Pair(ctx context.Context, code string, info domain.DeviceInfo) (domain.Device, string, error) {
	var f apperr.Fields
	code = domain.NormalizeCode(code)
	if !domain.ValidCode(code) {
		f.Add("code", "invalid", fmt.Sprintf("a pairing code is %d characters of %s", domain.CodeLength, domain.CodeAlphabet))
	}
	domain.ValidateInfo(info, &f)
	if err := domain.Unprocessable(f); err != nil {
		return domain.Device{}, "", err
	}
	token := domain.NewToken()
	var d domain.Device
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		now := a.now()
		p, err := a.repo.TakePairing(ctx, domain.Hash(code), now)
		if errors.Is(err, domain.ErrPairingNotFound) {
			return nil, domain.Unprocessable(apperr.Fields{{Field: "code", Code: "invalid_or_expired",
				Message: "this code is unknown, used or expired; make a new one"}})
		}
		if err != nil {
			return nil, err
		}
		n, err := a.repo.CountDevices(ctx, p.UserID)
		if err != nil {
			return nil, err
		}
		if n >= domain.MaxDevicesPerUser {
			return nil, domain.ErrTooManyDevices
		}
		d = domain.Device{ID: uuid.Must(uuid.NewV7()).String(), UserID: p.UserID, Kind: p.Kind, Name: p.Name,
			Manufacturer: info.Manufacturer, Model: info.Model, Serial: info.Serial, Firmware: info.Firmware,
			TokenHash: domain.Hash(token), PairedAt: now}
		if err := a.repo.CreateDevice(ctx, d); err != nil {
			return nil, err
		}
		ev, err := deviceEvent(devicesapi.EventDevicePaired, d)
		return []bus.Event{ev}, err
	})
	if err != nil {
		return domain.Device{}, "", err
	}
	return d, token, nil
}

// DevicePatch is a change of a device: nil members keep their value.
type DevicePatch struct {
	Name     *string
	Settings *domain.Settings
}

// UpdateDevice renames a device of the user or replaces its settings.
func (a *App) UpdateDevice(ctx context.Context, userID, id string, p DevicePatch) (domain.Device, error) {
	var f apperr.Fields
	if p.Name != nil {
		domain.ValidateName("name", *p.Name, &f)
	}
	if p.Settings != nil {
		domain.ValidateSettings(*p.Settings, &f)
	}
	if err := domain.Unprocessable(f); err != nil {
		return domain.Device{}, err
	}
	var d domain.Device
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var err error
		if d, err = a.repo.Device(ctx, userID, id); err != nil {
			return nil, err
		}
		if p.Name != nil {
			d.Name = *p.Name
		}
		if p.Settings != nil {
			d.Settings = *p.Settings
		}
		return nil, a.repo.SaveDevice(ctx, d)
	})
	return d, err
}

// RemoveDevice deletes a device of the user; its token stops working at
// once (no row, no token).
func (a *App) RemoveDevice(ctx context.Context, userID, id string) error {
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		d, err := a.repo.Device(ctx, userID, id)
		if err != nil {
			return nil, err
		}
		if _, err := a.repo.DeleteDevice(ctx, userID, id); err != nil {
			return nil, err
		}
		ev, err := deviceEvent(devicesapi.EventDeviceRemoved, d)
		return []bus.Event{ev}, err
	})
	if err == nil {
		a.frames.forget(userID, id)
	}
	return err
}

func deviceEvent(typ string, d domain.Device) (bus.Event, error) {
	return bus.NewEvent(typ, Source, d.ID, devicesapi.DeviceV1{DeviceID: d.ID, UserID: d.UserID, Kind: d.Kind, Name: d.Name})
}

// Caller is who sends live data or files: a user (their app, with an
// access token) or one of their paired devices (its token).
type Caller struct {
	UserID   string
	DeviceID string // "" for the user's own app
	Settings domain.Settings
}

// lastSeenEvery bounds how often a device's last_seen_at is written.
const lastSeenEvery = time.Minute

// DeviceCaller resolves a device token to its device and owner.
func (a *App) DeviceCaller(ctx context.Context, token string) (Caller, error) {
	if token == "" {
		return Caller{}, domain.ErrInvalidToken
	}
	d, err := a.repo.DeviceByToken(ctx, domain.Hash(token))
	if errors.Is(err, domain.ErrDeviceNotFound) {
		return Caller{}, domain.ErrInvalidToken
	}
	if err != nil {
		return Caller{}, err
	}
	now := a.now()
	a.seenMu.Lock()
	due := now.Sub(a.seen[d.ID]) >= lastSeenEvery
	if due {
		a.seen[d.ID] = now
		if len(a.seen) > 100_000 {
			clear(a.seen)
		}
	}
	a.seenMu.Unlock()
	if due {
		if err := a.repo.TouchDevice(ctx, d.ID, now); err != nil {
			a.logger.Warn("record device last seen", "device_id", d.ID, "err", err)
		}
	}
	return Caller{UserID: d.UserID, DeviceID: d.ID, Settings: d.Settings}, nil
}
