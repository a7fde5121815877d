package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func (h *Handler) listGoals(w http.ResponseWriter, r *http.Request) error {
	goals, err := h.app.Goals(r.Context())
	if err != nil {
		return err
	}
	out := profilesapi.Goals{Items: make([]profilesapi.Goal, len(goals))}
	for i, g := range goals {
		out.Items[i] = toGoal(g)
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

// decodeGoal reads a GoalInput; target is required.
func decodeGoal(r *http.Request) (domain.Goal, error) {
	var in profilesapi.GoalInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return domain.Goal{}, err
	}
	if in.Target == nil {
		return domain.Goal{}, apperr.Validation(apperr.FieldError{Field: "target", Code: "required", Message: "this field is required"})
	}
	return domain.Goal{Kind: in.Kind, Sport: in.Sport, Period: in.Period, Target: *in.Target,
		RaceName: in.RaceName, RaceDate: in.RaceDate, RaceDistanceM: in.RaceDistanceM}, nil
}

func (h *Handler) createGoal(w http.ResponseWriter, r *http.Request) error {
	in, err := decodeGoal(r)
	if err != nil {
		return err
	}
	g, err := h.app.CreateGoal(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", profilesapi.BasePath+"/me/goals/"+g.ID)
	web.WriteJSON(w, http.StatusCreated, toGoal(g))
	return nil
}

func (h *Handler) updateGoal(w http.ResponseWriter, r *http.Request) error {
	in, err := decodeGoal(r)
	if err != nil {
		return err
	}
	g, err := h.app.UpdateGoal(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toGoal(g))
	return nil
}

func (h *Handler) deleteGoal(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteGoal(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
