package app

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Reasons of import items besides actfile's error codes.
const (
	ReasonFileTooLarge  = "file_too_large"
	ReasonSameFile      = "same_file"
	ReasonSameActivity  = "same_activity"
	maxFileNameLength   = 255
	activityContentType = "application/vnd.sporthub.activity"
)

// ImportFiles imports an upload of the user (from deviceID, "" for the
// user's own upload): name/data is one activity file (FIT, GPX, TCX,
// possibly .gz) or a zip of them (nested zips too). Each activity file
// is decoded, checked against the user's earlier imports (the same file,
// or the same activity: start within 60 s and duration within 10%), and,
// when new, stored in the blob store (the original gzip-compressed and the
// activity in its binary form) and recorded with an activity_received
// event in one transaction. A file that cannot be read is a failed item,
// not an error; the error is for what the server could not do (the
// database or blob store down), after which a repeated upload skips what
// was already taken.
func (a *App) ImportFiles(ctx context.Context, userID, deviceID, name string, data []byte) (devicesapi.ImportResult, error) {
	res := devicesapi.ImportResult{Items: []devicesapi.ImportItem{}, Skipped: []devicesapi.SkippedFile{}}
	name = cleanName(name)
	files, skipped, err := actfile.Expand(name, data, a.cfg.Limits)
	if err != nil {
		addItem(&res, failedItem(name, err))
		a.count(res)
		return res, nil
	}
	if len(files) == 0 && len(skipped) == 1 && !actfile.IsArchive(data) {
		// A single file the user chose is theirs to fix: say why it failed
		// instead of skipping it like the stray files of an archive.
		addItem(&res, failedItem(name, &actfile.Error{Code: actfile.CodeUnsupportedFormat, Detail: skipped[0].Reason}))
		a.count(res)
		return res, nil
	}
	for _, s := range skipped {
		res.Skipped = append(res.Skipped, devicesapi.SkippedFile{File: cleanName(s.Name), Reason: s.Reason})
	}
	for _, f := range files {
		it, err := a.importOne(ctx, userID, deviceID, f)
		if err != nil {
			a.count(res)
			return res, err
		}
		addItem(&res, it)
	}
	res.Summary.Skipped = len(res.Skipped)
	a.count(res)
	return res, nil
}

// addItem appends an item and counts it in the summary.
func addItem(r *devicesapi.ImportResult, it devicesapi.ImportItem) {
	if it.Warnings == nil {
		it.Warnings = []string{}
	}
	r.Items = append(r.Items, it)
	switch it.Status {
	case devicesapi.StatusProcessing:
		r.Summary.Accepted++
	case devicesapi.StatusDuplicate:
		r.Summary.Duplicate++
	default:
		r.Summary.Failed++
	}
}

func (a *App) count(r devicesapi.ImportResult) {
	for _, it := range r.Items {
		a.metrics.Imports.WithLabelValues(it.Status).Inc()
	}
}

// failedItem is the item of a file that could not be read.
func failedItem(name string, err error) devicesapi.ImportItem {
	it := devicesapi.ImportItem{File: name, Status: devicesapi.StatusFailed, Reason: actfile.CodeCorruptFile, Detail: err.Error()}
	var ae *actfile.Error
	if errors.As(err, &ae) {
		it.Reason, it.Detail = ae.Code, ae.Detail
	}
	return it
}

// importOne imports one activity file.
func (a *App) importOne(ctx context.Context, userID, deviceID string, f actfile.File) (devicesapi.ImportItem, error) {
	name := cleanName(f.Name)
	it := devicesapi.ImportItem{File: name}
	if max := a.cfg.Limits.MaxFileBytes; max > 0 && int64(len(f.Data)) > max {
		it.Status, it.Reason, it.Detail = devicesapi.StatusFailed, ReasonFileTooLarge, fmt.Sprintf("the file has %d bytes; at most %d are accepted", len(f.Data), max)
		return it, nil
	}
	sum := sha256.Sum256(f.Data)
	sha := hex.EncodeToString(sum[:])
	prev, err := a.repo.ImportBySHA(ctx, userID, sha)
	switch {
	case err == nil:
		return duplicateItem(it, ReasonSameFile, prev), nil
	case !errors.Is(err, domain.ErrImportNotFound):
		return it, err
	}
	dec, err := actfile.Decode(f.Name, f.Data)
	if err != nil {
		return failedItem(name, err), nil
	}
	act := dec.Activity
	it.Format, it.Warnings = string(dec.Format), dec.Warnings
	if act == nil || len(act.Samples) == 0 {
		it.Status, it.Reason, it.Detail = devicesapi.StatusFailed, actfile.CodeNoData, "the file holds no samples"
		return it, nil
	}
	start := act.Start
	if start.IsZero() {
		start = act.Samples[0].Time
	}
	start = start.UTC()
	elapsed := domain.ElapsedOf(act)
	near, err := a.repo.ImportsStartingBetween(ctx, userID, start.Add(-domain.SameStartWindow), start.Add(domain.SameStartWindow))
	if err != nil {
		return it, err
	}
	for _, p := range near {
		if domain.SameActivity(p, start, elapsed) {
			return duplicateItem(it, ReasonSameActivity, p), nil
		}
	}
	now := a.now()
	im := domain.Import{ID: uuid.Must(uuid.NewV7()).String(), UserID: userID, DeviceID: deviceID, FileName: name,
		Format: string(dec.Format), SHA256: sha, SizeBytes: int64(len(f.Data)), Status: devicesapi.StatusProcessing,
		Warnings: dec.Warnings, Sport: sportOf(act), StartedAt: start, ElapsedS: elapsed, DistanceM: domain.DistanceOf(act),
		CreatedAt: now, UpdatedAt: now}
	im.BlobKey, im.OriginalKey = domain.ActivityKey(userID, im.ID), domain.OriginalKey(userID, im.ID)
	if err := a.putBlobs(ctx, im, act, f.Data); err != nil {
		return it, err
	}
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if err := a.repo.CreateImport(ctx, im); err != nil {
			return nil, err
		}
		ev, err := bus.NewEvent(devicesapi.EventActivityReceived, Source, im.ID, devicesapi.ActivityReceivedV1{
			ImportID: im.ID, UserID: userID, DeviceID: deviceID, Format: im.Format, FileName: name,
			BlobKey: im.BlobKey, OriginalKey: im.OriginalKey, Sport: im.Sport, StartedAt: start,
			ElapsedS: elapsed, DistanceM: im.DistanceM})
		return []bus.Event{ev}, err
	})
	if err != nil {
		a.deleteBlobs(ctx, im.BlobKey, im.OriginalKey)
		if errors.Is(err, domain.ErrDuplicateImport) {
			// The same file arrived concurrently and won.
			if prev, perr := a.repo.ImportBySHA(ctx, userID, sha); perr == nil {
				return duplicateItem(it, ReasonSameFile, prev), nil
			}
		}
		return it, err
	}
	it.Status, it.ImportID = devicesapi.StatusProcessing, im.ID
	return it, nil
}

func duplicateItem(it devicesapi.ImportItem, reason string, prev domain.Import) devicesapi.ImportItem {
	it.Status, it.Reason, it.DuplicateOfImport = devicesapi.StatusDuplicate, reason, prev.ID
	it.Detail = "the same " + map[string]string{ReasonSameFile: "file", ReasonSameActivity: "activity"}[reason] +
		" was imported before (" + prev.FileName + ")"
	it.DuplicateOf = prev.ActivityID
	if it.DuplicateOf == "" {
		it.DuplicateOf = prev.DuplicateOf
	}
	return it
}

func (a *App) putBlobs(ctx context.Context, im domain.Import, act *activity.Activity, original []byte) error {
	bin, err := act.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode activity of %s: %w", im.FileName, err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	if _, err := zw.Write(original); err != nil {
		return fmt.Errorf("compress %s: %w", im.FileName, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compress %s: %w", im.FileName, err)
	}
	if err := a.blobs.Put(ctx, im.OriginalKey, &gz, "application/gzip"); err != nil {
		return err
	}
	if err := a.blobs.Put(ctx, im.BlobKey, bytes.NewReader(bin), activityContentType); err != nil {
		a.deleteBlobs(ctx, im.OriginalKey)
		return err
	}
	return nil
}

// deleteBlobs removes blobs, logging failures (what is left is an orphan
// nothing refers to).
func (a *App) deleteBlobs(ctx context.Context, keys ...string) {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := a.blobs.Delete(context.WithoutCancel(ctx), k); err != nil {
			a.logger.Warn("delete blob", "key", k, "err", err)
		}
	}
}

func sportOf(act *activity.Activity) string {
	if act.Sport == "" {
		return string(activity.Other)
	}
	return string(act.Sport)
}

// cleanName makes an uploaded name safe to store and show: valid UTF-8,
// no control characters, at most 255 bytes.
func cleanName(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	for len(s) > maxFileNameLength {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" {
		s = "upload"
	}
	return s
}

// Import returns one import of the user.
func (a *App) Import(ctx context.Context, userID, id string) (domain.Import, error) {
	return a.repo.Import(ctx, userID, id)
}

// Imports returns a page of the user's imports, newest first.
func (a *App) Imports(ctx context.Context, userID, cursor string, limit int) ([]domain.Import, string, error) {
	var after *domain.ImportCursor
	if cursor != "" {
		after = &domain.ImportCursor{}
		if err := web.DecodeCursor(cursor, after); err != nil {
			return nil, "", err
		}
	}
	items, err := a.repo.Imports(ctx, userID, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(items) > limit {
		items = items[:limit]
		last := items[len(items)-1]
		next = web.EncodeCursor(domain.ImportCursor{CreatedAt: last.CreatedAt.UnixMicro(), ID: last.ID})
	}
	return items, next, nil
}
