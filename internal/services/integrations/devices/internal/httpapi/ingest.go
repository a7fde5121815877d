package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
)

// ingest answers only once the batch is durable.
func (h *Handler) ingest(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	var in devicesapi.IngestRequest
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	res, err := h.app.Ingest(r.Context(), c, in, app.PathHTTP)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, res)
	return nil
}
