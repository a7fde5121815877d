// Package httpapi serves the catalog's HTTP API: anonymous reads (search,
// product pages, taxonomy, locations, images) and permission-checked writes.
// Handlers decode and validate input, call the application layer, and
// convert domain values to the public shapes of catalogapi.
package httpapi

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/app"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Handler holds the catalog's HTTP handlers.
type Handler struct {
	app     *app.App
	images  blob.Store
	builtin map[string][]byte
}

// New returns the handlers over the application layer and the image store.
// builtin holds generated SVG images (the demo catalog's) served for names
// the store does not hold; it may be nil.
func New(a *app.App, images blob.Store, builtin map[string][]byte) *Handler {
	return &Handler{app: a, images: images, builtin: builtin}
}

// Routes binds every public route of catalogapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/taxonomy":             h.taxonomy,
		"GET " + b + "/locations":            h.locations,
		"GET " + b + "/products":             h.search,
		"GET " + b + "/products/{id}":        h.product,
		"GET " + b + "/images/{name}":        h.image,
		"POST " + b + "/products":            h.createProduct,
		"PUT " + b + "/products/{id}":        h.updateProduct,
		"PUT " + b + "/products/{id}/prices": h.setPrice,
		"PUT " + b + "/products/{id}/stock":  h.setStock,
	}
	return web.Bind(catalogapi.Routes, handlers)
}

const b = catalogapi.BasePath

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// ImageKey is where a catalog image named name lives in the blob store.
func ImageKey(name string) string { return "catalog/images/" + name }

func (h *Handler) image(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if !blob.ValidKey(name) || strings.Contains(name, "/") {
		return domain.ErrImageNotFound
	}
	// Images are data, never documents: a stored SVG must not run script.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	rc, info, err := h.images.Get(r.Context(), ImageKey(name))
	if errors.Is(err, blob.ErrNotFound) {
		svg, ok := h.builtin[name]
		if !ok {
			return domain.ErrImageNotFound
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(svg)))
		_, err = w.Write(svg)
		return err
	}
	if err != nil {
		return fmt.Errorf("read image %s: %w", name, err)
	}
	defer rc.Close()
	w.Header().Set("Content-Type", info.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size, 10))
	_, err = io.Copy(w, rc)
	return err
}
