package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func (h *Handler) vapidKey(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r); err != nil {
		return err
	}
	key, err := h.app.VAPIDPublicKey()
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	web.WriteJSON(w, http.StatusOK, notifyapi.VAPIDKey{Key: key})
	return nil
}

func (h *Handler) subscribe(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	var in notifyapi.PushSubscription
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if err := h.app.Subscribe(r.Context(), p.Subject, in); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// unsubscribeRequest checks itself after decoding (web.Validator).
type unsubscribeRequest notifyapi.PushUnsubscribe

func (u *unsubscribeRequest) Validate() error {
	var f apperr.Fields
	if u.Endpoint == "" || len(u.Endpoint) > domain.MaxEndpointLen {
		f.Add("endpoint", "invalid", "must be the subscription's endpoint URL")
	}
	return f.Err()
}

func (h *Handler) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	var in unsubscribeRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if err := h.app.Unsubscribe(r.Context(), p.Subject, in.Endpoint); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
