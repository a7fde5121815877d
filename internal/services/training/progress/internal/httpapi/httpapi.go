// Package httpapi serves the progress service's HTTP API: the caller's own
// summary, fitness, volume, ACWR, records, predictions, comparisons of one
// of their activities, and settings. Handlers read and check the query,
// call the application layer and answer the shapes of progressapi.
package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Handler holds the progress service's HTTP handlers.
type Handler struct {
	app *app.App
}

// New returns the handlers over the application layer.
func New(a *app.App) *Handler { return &Handler{app: a} }

const b = progressapi.BasePath

// Routes binds every public route of progressapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/me/summary":                     h.summary,
		"GET " + b + "/me/fitness":                     h.fitness,
		"GET " + b + "/me/volume":                      h.volume,
		"GET " + b + "/me/acwr":                        h.acwr,
		"GET " + b + "/me/records":                     h.records,
		"GET " + b + "/me/predictions":                 h.predictions,
		"GET " + b + "/me/activities/{id}/comparisons": h.comparisons,
		"GET " + b + "/me/settings":                    h.getSettings,
		"PUT " + b + "/me/settings":                    h.putSettings,
	}
	return web.Bind(progressapi.Routes, handlers)
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// answer writes v as the private answer it is (one athlete's own data).
func answer(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "private, no-store")
	web.WriteJSON(w, http.StatusOK, v)
}

// none refuses every query parameter.
func none(r *http.Request) error {
	q := web.NewQuery(r)
	q.Strict()
	return q.Err()
}

// dateRange reads from and to (YYYY-MM-DD; checked further by the app).
func dateRange(q *web.Query) app.Range {
	return app.Range{From: q.String("from", "", 10), To: q.String("to", "", 10)}
}

func (h *Handler) summary(w http.ResponseWriter, r *http.Request) error {
	if err := none(r); err != nil {
		return err
	}
	out, err := h.app.Summary(r.Context())
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) fitness(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	rg := dateRange(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	out, err := h.app.Fitness(r.Context(), rg)
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) volume(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	period := q.Enum("period", "week", "week", "month")
	sport := q.String("sport", "", 40)
	if sport != "" {
		sp, ok := activity.ParseSport(sport)
		if !ok {
			q.Fail("sport", "not_allowed", "not a known sport")
		}
		sport = string(sp)
	}
	rg := dateRange(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	out, err := h.app.Volume(r.Context(), period, sport, rg)
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) acwr(w http.ResponseWriter, r *http.Request) error {
	if err := none(r); err != nil {
		return err
	}
	out, err := h.app.ACWR(r.Context())
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) records(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	family := q.Enum("family", "", activity.FamilyRun, activity.FamilyRide, activity.FamilySwim,
		activity.FamilyWalk, activity.FamilyOther)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	out, err := h.app.Records(r.Context(), family)
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) predictions(w http.ResponseWriter, r *http.Request) error {
	if err := none(r); err != nil {
		return err
	}
	out, err := h.app.Predictions(r.Context())
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) comparisons(w http.ResponseWriter, r *http.Request) error {
	if err := none(r); err != nil {
		return err
	}
	out, err := h.app.Comparisons(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) getSettings(w http.ResponseWriter, r *http.Request) error {
	if err := none(r); err != nil {
		return err
	}
	out, err := h.app.Settings(r.Context())
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}

func (h *Handler) putSettings(w http.ResponseWriter, r *http.Request) error {
	var in progressapi.SettingsInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if in.ShareInComparisons == nil {
		return apperr.Validation(apperr.FieldError{Field: "share_in_comparisons", Code: "required", Message: "say true or false"})
	}
	out, err := h.app.PutSettings(r.Context(), *in.ShareInComparisons)
	if err != nil {
		return err
	}
	answer(w, out)
	return nil
}
