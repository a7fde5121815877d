package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

func (h *Handler) createProduct(w http.ResponseWriter, r *http.Request) error {
	var in catalogapi.ProductInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	v, err := h.app.CreateProduct(r.Context(), fromProductInput(in))
	if err != nil {
		return err
	}
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Location", catalogapi.BasePath+"/products/"+v.ID)
	web.WriteJSON(w, http.StatusCreated, toProduct(v, t, "RU", "RUB"))
	return nil
}

func (h *Handler) updateProduct(w http.ResponseWriter, r *http.Request) error {
	var in catalogapi.ProductInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return apperr.Validation(apperr.FieldError{Field: "version", Code: "required",
			Message: "give the version you read, so a concurrent change is not overwritten"})
	}
	v, err := h.app.UpdateProduct(r.Context(), r.PathValue("id"), in.Version, fromProductInput(in))
	if err != nil {
		return err
	}
	return h.writeProduct(w, r, v)
}

func (h *Handler) setPrice(w http.ResponseWriter, r *http.Request) error {
	var in catalogapi.PriceInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	v, err := h.app.SetPrice(r.Context(), r.PathValue("id"), domain.Price(in))
	if err != nil {
		return err
	}
	return h.writeProduct(w, r, v)
}

func (h *Handler) setStock(w http.ResponseWriter, r *http.Request) error {
	var in catalogapi.StockInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	v, err := h.app.SetStock(r.Context(), r.PathValue("id"), domain.StockLevel(in))
	if err != nil {
		return err
	}
	return h.writeProduct(w, r, v)
}

func (h *Handler) writeProduct(w http.ResponseWriter, r *http.Request, v domain.ProductView) error {
	t, err := h.app.Taxonomy(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toProduct(v, t, "RU", "RUB"))
	return nil
}
