package httpapi

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

// maxUploadParts bounds the parts of one upload.
const maxUploadParts = 1000

type upload struct {
	name string
	data []byte
}

// readUpload reads every part of a multipart upload before anything is
// imported, so a malformed request stores nothing. Each "file" part is an
// activity file or an archive; other parts are refused.
func readUpload(r *http.Request) ([]upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "multipart_required", "send the files as multipart/form-data, one \"file\" part each")
	}
	var (
		out []upload
		f   apperr.Fields
	)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bodyError(err)
		}
		if part.FormName() != "file" {
			f.Add(part.FormName(), "unknown_field", "only \"file\" parts are accepted")
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, bodyError(err)
		}
		out = append(out, upload{name: part.FileName(), data: data})
		if len(out) > maxUploadParts {
			return nil, domain.Unprocessable(apperr.Fields{{Field: "file", Code: "too_many", Message: "at most 1000 files per upload; zip them"}})
		}
	}
	if len(out) == 0 && len(f) == 0 {
		f.Add("file", "required", "send at least one \"file\" part")
	}
	for i, u := range out {
		if len(u.data) == 0 && len(f) < 25 {
			f.Add("file", "empty", "file "+u.name+" is empty")
		}
		if u.name == "" {
			out[i].name = "upload"
		}
	}
	if err := domain.Unprocessable(f); err != nil {
		return nil, err
	}
	return out, nil
}

func bodyError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return apperr.New(apperr.TooLarge, "body_too_large", "the upload is larger than the server accepts")
	}
	if errors.Is(err, multipart.ErrMessageTooLarge) {
		return apperr.New(apperr.TooLarge, "body_too_large", "a part's headers are too large")
	}
	return apperr.Wrap(err, apperr.Invalid, "malformed_multipart", "the multipart body could not be read")
}

// upload imports the files of a multipart upload; the answer lists the
// fate of each (processing, duplicate, failed) and the skipped files.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request) error {
	c, err := h.caller(r)
	if err != nil {
		return err
	}
	files, err := readUpload(r)
	if err != nil {
		return err
	}
	ctx, cancel := detach(r.Context(), h.opt.ImportTimeout)
	defer cancel()
	out := devicesapi.ImportResult{Items: []devicesapi.ImportItem{}, Skipped: []devicesapi.SkippedFile{}}
	for _, f := range files {
		res, err := h.app.ImportFiles(ctx, c.UserID, c.DeviceID, f.name, f.data)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, res.Items...)
		out.Skipped = append(out.Skipped, res.Skipped...)
		out.Summary.Accepted += res.Summary.Accepted
		out.Summary.Duplicate += res.Summary.Duplicate
		out.Summary.Failed += res.Summary.Failed
		out.Summary.Skipped += res.Summary.Skipped
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) imports(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	q := web.NewQuery(r)
	cursor := q.String("cursor", "", 1024)
	limit := q.Int("limit", 20, 1, 100)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	items, next, err := h.app.Imports(r.Context(), p.Subject, cursor, limit)
	if err != nil {
		return err
	}
	page := web.Page[devicesapi.Import]{Items: make([]devicesapi.Import, 0, len(items))}
	for _, im := range items {
		page.Items = append(page.Items, importToAPI(im))
	}
	if next != "" {
		page.NextCursor = &next
	}
	web.WriteJSON(w, http.StatusOK, page)
	return nil
}

func (h *Handler) importOne(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	im, err := h.app.Import(r.Context(), p.Subject, r.PathValue("id"))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, importToAPI(im))
	return nil
}
