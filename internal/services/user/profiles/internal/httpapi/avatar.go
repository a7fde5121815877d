package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// putAvatar takes the raw picture as the body. The declared type must be a
// picture type; the content decides what it really is.
func (h *Handler) putAvatar(w http.ResponseWriter, r *http.Request) error {
	if _, err := authn.Require(r.Context()); err != nil {
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if !avatar.Accepted(mt) {
		writeError(w, r, domain.ErrUnsupportedMedia)
		return nil
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, profilesapi.AvatarMaxBytes))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return apperr.New(apperr.TooLarge, "body_too_large", "the picture may have at most 8 MiB")
	case err != nil:
		return apperr.Wrap(err, apperr.Invalid, "body_unreadable", "the request body could not be read")
	case len(data) == 0:
		return apperr.New(apperr.Invalid, "empty_body", "send the picture as the request body")
	}
	v, err := h.app.SetAvatar(r.Context(), data)
	if err != nil {
		writeError(w, r, err)
		return nil
	}
	web.WriteJSON(w, http.StatusOK, toProfile(v))
	return nil
}

func (h *Handler) deleteAvatar(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.DeleteAvatar(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toProfile(v))
	return nil
}

// getAvatar serves an avatar file. Names are content hashes, so a file
// never changes: caches may keep it for a year.
func (h *Handler) getAvatar(w http.ResponseWriter, r *http.Request) error {
	size, err := strconv.Atoi(r.PathValue("size"))
	if err != nil {
		return domain.ErrAvatarNotFound
	}
	name := r.PathValue("name")
	rc, info, err := h.app.OpenAvatar(r.Context(), size, name)
	if err != nil {
		return err
	}
	defer rc.Close()
	hd := w.Header()
	hd.Set("Content-Type", "image/jpeg")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	etag := `"` + name + `"`
	hd.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	hd.Set("Content-Length", strconv.FormatInt(info.Size, 10))
	_, err = io.Copy(w, rc)
	return err
}
