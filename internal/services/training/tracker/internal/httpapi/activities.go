package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
)

// List limits.
const (
	defaultLimit = 20
	maxLimit     = 100
)

// timeParam reads an RFC 3339 time or a YYYY-MM-DD date (midnight UTC).
func timeParam(q *web.Query, name string) *time.Time {
	v := q.String(name, "", 40)
	if v == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			t = t.UTC()
			return &t
		}
	}
	q.Fail(name, "invalid", "must be a date (YYYY-MM-DD) or an RFC 3339 time")
	return nil
}

func (h *Handler) listActivities(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	lq := app.ListQuery{
		UserID: q.String("user_id", "", 64),
		Sport:  q.String("sport", "", 40),
		Q:      q.String("q", "", 200),
		Cursor: q.String("cursor", "", 1024),
		Limit:  q.Int("limit", defaultLimit, 1, maxLimit),
		From:   timeParam(q, "from"),
		To:     timeParam(q, "to"),
	}
	q.Strict()
	if lq.UserID != "" && !domain.ValidID(lq.UserID) {
		q.Fail("user_id", "invalid", "must be a user id")
	}
	if lq.Sport != "" && !domain.IsSport(lq.Sport) {
		q.Fail("sport", "not_allowed", "must be an activity sport")
	}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.app.List(r.Context(), lq)
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *Handler) activity(w http.ResponseWriter, r *http.Request) error {
	a, err := h.app.Activity(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, a)
	return nil
}

func (h *Handler) patchActivity(w http.ResponseWriter, r *http.Request) error {
	var in trackerapi.ActivityPatch
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	p := domain.Patch{Name: in.Name, Sport: in.Sport, Visibility: in.Visibility,
		DescriptionSet: in.Description.Set, Description: in.Description.Value,
		GearIDSet: in.GearID.Set, GearID: in.GearID.Value}
	a, err := h.app.UpdateActivity(r.Context(), r.PathValue("id"), p)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, a)
	return nil
}

func (h *Handler) deleteActivity(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteActivity(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) streams(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Streams(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) route(w http.ResponseWriter, r *http.Request) error {
	b, err := h.app.Route(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
	return nil
}

// contentTypes of the export formats.
var contentTypes = map[actfile.Format]string{
	actfile.FIT: "application/vnd.ant.fit",
	actfile.GPX: "application/gpx+xml",
	actfile.TCX: "application/vnd.garmin.tcx+xml",
}

func (h *Handler) export(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	f := q.Enum("format", "", string(actfile.FIT), string(actfile.GPX), string(actfile.TCX))
	q.Strict()
	if !r.URL.Query().Has("format") {
		q.Fail("format", "required", "choose fit, gpx or tcx")
	}
	if err := q.Err(); err != nil {
		return err
	}
	e, err := h.app.ExportActivity(r.Context(), r.PathValue("id"), actfile.Format(f))
	if err != nil {
		return err
	}
	private(w)
	w.Header().Set("Content-Type", contentTypes[e.Format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+e.FileName+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(e.Data)))
	_, _ = w.Write(e.Data)
	return nil
}

func (h *Handler) recompute(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	a, err := h.app.Recompute(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, a)
	return nil
}
