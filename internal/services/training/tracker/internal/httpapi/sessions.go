package httpapi

import (
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

func (h *Handler) start(w http.ResponseWriter, r *http.Request) error {
	var in trackerapi.StartSession
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	s, err := h.app.Start(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", trackerapi.BasePath+"/sessions/"+s.ID)
	web.WriteJSON(w, http.StatusCreated, s)
	return nil
}

func (h *Handler) current(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Current(r.Context())
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) session(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Session(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

// noBody refuses a body on an action that takes none (bad input changes
// nothing).
func noBody(r *http.Request) error {
	if r.ContentLength > 0 {
		return apperr.New(apperr.Invalid, "unexpected_body", "this action takes no request body")
	}
	return nil
}

func (h *Handler) pause(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	s, err := h.app.Pause(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) resume(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	s, err := h.app.Resume(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) finish(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	res, err := h.app.Finish(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, res)
	return nil
}

func (h *Handler) discard(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	s, err := h.app.Discard(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) sos(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	res, err := h.app.SOS(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusAccepted, res)
	return nil
}

func (h *Handler) watchTicket(w http.ResponseWriter, r *http.Request) error {
	if err := noBody(r); err != nil {
		return err
	}
	t, err := h.app.WatchTicket(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, t)
	return nil
}

func (h *Handler) createShare(w http.ResponseWriter, r *http.Request) error {
	var in trackerapi.ShareInput
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &in); err != nil {
			return err
		}
	}
	s, err := h.app.CreateShare(r.Context(), r.PathValue("id"), in.ExpiresInS)
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusCreated, s)
	return nil
}

func (h *Handler) shares(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.Shares(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, list)
	return nil
}

func (h *Handler) deleteShare(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteShare(r.Context(), r.PathValue("id"), r.PathValue("share_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) shared(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Shared(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) getSafety(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Safety(r.Context())
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) putSafety(w http.ResponseWriter, r *http.Request) error {
	var in trackerapi.SafetyInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	s, err := h.app.PutSafety(r.Context(), in)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, s)
	return nil
}

func (h *Handler) glance(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	tz := q.String("tz", "UTC", 64)
	q.Strict()
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" || tz == "Local" {
		q.Fail("tz", "invalid", "must be an IANA time zone, e.g. Europe/Moscow")
	}
	if err := q.Err(); err != nil {
		return err
	}
	g, err := h.app.Glance(r.Context(), loc)
	if err != nil {
		return err
	}
	private(w)
	web.WriteJSON(w, http.StatusOK, g)
	return nil
}
