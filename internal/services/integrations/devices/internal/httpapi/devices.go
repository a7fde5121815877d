package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	ds, err := h.app.Devices(r.Context(), p.Subject)
	if err != nil {
		return err
	}
	out := devicesapi.DeviceList{Items: make([]devicesapi.Device, 0, len(ds))}
	for _, d := range ds {
		out.Items = append(out.Items, deviceToAPI(d))
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) createPairing(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	var in devicesapi.PairingRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	code, pr, err := h.app.CreatePairing(r.Context(), p.Subject, in.Kind, in.Name)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusCreated, devicesapi.Pairing{Code: code, Kind: pr.Kind, Name: pr.Name, ExpiresAt: pr.ExpiresAt})
	return nil
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	var in devicesapi.DevicePatch
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	patch := app.DevicePatch{Name: in.Name}
	if in.Settings != nil {
		s := domain.Settings{}
		if in.Settings.WheelCircumferenceM != nil {
			s.WheelCircumferenceM = *in.Settings.WheelCircumferenceM
		}
		patch.Settings = &s
	}
	d, err := h.app.UpdateDevice(r.Context(), p.Subject, r.PathValue("id"), patch)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, deviceToAPI(d))
	return nil
}

func (h *Handler) remove(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := h.app.RemoveDevice(r.Context(), p.Subject, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// pair is called by the device itself, without any token: the code is the
// credential.
func (h *Handler) pair(w http.ResponseWriter, r *http.Request) error {
	var in devicesapi.PairRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	d, token, err := h.app.Pair(r.Context(), in.Code, domain.DeviceInfo{Manufacturer: in.Manufacturer, Model: in.Model,
		Serial: in.Serial, Firmware: in.Firmware})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusCreated, devicesapi.PairResult{DeviceID: d.ID, Token: token, Kind: d.Kind, Name: d.Name})
	return nil
}
