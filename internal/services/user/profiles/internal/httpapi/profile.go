package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func (h *Handler) getMe(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.Me(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toProfile(v))
	return nil
}

func (h *Handler) patchMe(w http.ResponseWriter, r *http.Request) error {
	var in profilesapi.ProfilePatch
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if err := checkPatch(in); err != nil {
		return err
	}
	v, err := h.app.UpdateMe(r.Context(), func(p *domain.Profile) { applyPatch(p, in) })
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toProfile(v))
	return nil
}

// checkPatch refuses null for the fields that cannot be empty.
func checkPatch(in profilesapi.ProfilePatch) error {
	var f apperr.Fields
	if in.DisplayName.Null {
		f.Add("display_name", "required", "a display name cannot be removed")
	}
	if in.Visibility.Null {
		f.Add("visibility", "required", "give public, followers or private")
	}
	return f.Err()
}

// applyPatch copies the fields present in the patch onto p.
func applyPatch(p *domain.Profile, in profilesapi.ProfilePatch) {
	set := func(n profilesapi.Nullable[int], dst **int) {
		if n.Set {
			*dst = n.Ptr()
		}
	}
	if in.DisplayName.Set {
		p.DisplayName = in.DisplayName.Value
	}
	set(in.BirthYear, &p.BirthYear)
	set(in.HeightCM, &p.HeightCM)
	set(in.RestingHR, &p.RestingHR)
	set(in.MaxHR, &p.MaxHR)
	set(in.ThresholdHR, &p.ThresholdHR)
	set(in.ThresholdPaceSPerKM, &p.ThresholdPace)
	set(in.ThresholdPowerW, &p.ThresholdPower)
	if in.WeightKG.Set {
		p.WeightKG = in.WeightKG.Ptr()
	}
	if in.Sex.Set {
		p.Sex = in.Sex.Ptr()
	}
	if in.Region.Set {
		p.Region = in.Region.Ptr()
		if p.Region != nil && *p.Region == "" {
			p.Region = nil
		}
	}
	if in.Bio.Set {
		p.Bio = in.Bio.Value
	}
	if in.Sports.Set {
		p.Sports = make([]domain.SportLevel, len(in.Sports.Value))
		for i, s := range in.Sports.Value {
			p.Sports[i] = domain.SportLevel{Sport: s.Sport, Level: s.Level}
		}
	}
	if in.Visibility.Set {
		p.Privacy.Visibility = in.Visibility.Value
	}
	if in.HRZones.Set {
		p.HRZones = append([]int{}, in.HRZones.Value...)
	}
}

func (h *Handler) publicProfile(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.PublicProfile(r.Context(), r.PathValue("user_id"))
	if err != nil {
		return err
	}
	// What a caller sees depends on who they are: never share it in caches.
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Vary", "Authorization")
	web.WriteJSON(w, http.StatusOK, toPublic(v))
	return nil
}
