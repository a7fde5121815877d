package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func (h *Handler) getPrivacy(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.Privacy(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toPrivacy(v))
	return nil
}

func (h *Handler) putPrivacy(w http.ResponseWriter, r *http.Request) error {
	var in profilesapi.PrivacyInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	v, err := h.app.UpdatePrivacy(r.Context(), func(p *domain.Privacy) {
		if in.Visibility != nil {
			p.Visibility = *in.Visibility
		}
		if d := in.ActivityDefaults; d != nil {
			if d.Map != nil {
				p.Activity.Map = *d.Map
			}
			if d.HeartRate != nil {
				p.Activity.HeartRate = *d.HeartRate
			}
			if d.Pace != nil {
				p.Activity.Pace = *d.Pace
			}
		}
	})
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toPrivacy(v))
	return nil
}

func (h *Handler) addZone(w http.ResponseWriter, r *http.Request) error {
	var in profilesapi.ZoneInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	var f apperr.Fields
	required := func(field string, missing bool) {
		if missing {
			f.Add(field, "required", "this field is required")
		}
	}
	required("lat", in.Lat == nil)
	required("lon", in.Lon == nil)
	required("radius_m", in.RadiusM == nil)
	if err := f.Err(); err != nil {
		return err
	}
	z, err := h.app.AddZone(r.Context(), domain.Zone{Name: in.Name, Lat: *in.Lat, Lon: *in.Lon, RadiusM: *in.RadiusM})
	if err != nil {
		return err
	}
	w.Header().Set("Location", profilesapi.BasePath+"/me/privacy-zones/"+z.ID)
	web.WriteJSON(w, http.StatusCreated, toZone(z))
	return nil
}

func (h *Handler) deleteZone(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteZone(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
