package actfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits guard Expand against archive bombs and runaway exports. Zero
// values take the defaults.
type Limits struct {
	// MaxFiles is how many activity files Expand returns at most
	// (default 10000).
	MaxFiles int
	// MaxFileBytes bounds one file after decompression (default 64 MB).
	MaxFileBytes int64
	// MaxTotalBytes bounds everything Expand decompresses, nested
	// archives included (default 1 GB).
	MaxTotalBytes int64
}

// Expand defaults.
const (
	DefaultMaxFiles      = 10000
	DefaultMaxFileBytes  = 64 << 20
	DefaultMaxTotalBytes = 1 << 30
	// maxNesting bounds archives within archives (a Garmin export's
	// UploadedFiles zips inside the export zip are one level).
	maxNesting = 4
)

func (l Limits) withDefaults() Limits {
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultMaxFiles
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	return l
}

// File is one activity file found by Expand.
type File struct {
	// Name is the file's path inside the archive (nested archives joined
	// with "/"), without a .gz suffix; the given name for a single file.
	Name string
	Data []byte
}

// Skipped is a file Expand left out, and why.
type Skipped struct {
	Name, Reason string
}

// Expand returns the activity files in data: the members of a zip (nested
// zips and gzip-compressed members included, as in Garmin and Strava bulk
// exports) or data itself, decompressed when gzip. A file is kept when its
// content is FIT, GPX or TCX; others are skipped with a reason, and so is
// whatever goes beyond lim. The error is for data itself being a corrupt
// archive.
func Expand(name string, data []byte, lim Limits) ([]File, []Skipped, error) {
	e := &expander{lim: lim.withDefaults()}
	if isZip(data) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, nil, &Error{Code: CodeCorruptFile, Detail: "zip: " + clean(err.Error(), 120)}
		}
		e.zip("", zr, 0)
		return e.files, e.skipped, nil
	}
	if isGzip(data) {
		d, err := e.gunzip(data)
		if err != nil {
			if errors.Is(err, errTooLarge) {
				e.skip(name, err.Error())
				return nil, e.skipped, nil
			}
			return nil, nil, &Error{Code: CodeCorruptFile, Detail: "gzip: " + clean(err.Error(), 120)}
		}
		e.add(trimGz(name), d, 1)
		return e.files, e.skipped, nil
	}
	if int64(len(data)) > e.lim.MaxFileBytes {
		e.skip(name, fmt.Sprintf("larger than %d bytes", e.lim.MaxFileBytes))
		return nil, e.skipped, nil
	}
	e.add(name, data, 0)
	return e.files, e.skipped, nil
}

// IsArchive reports whether data is a zip or gzip archive (rather than an
// activity file or something else).
func IsArchive(data []byte) bool { return isZip(data) || isGzip(data) }

type expander struct {
	lim     Limits
	files   []File
	skipped []Skipped
	total   int64
	full    bool // a limit stopped the expansion
}

func (e *expander) skip(name, reason string) {
	if len(e.skipped) < 4*e.lim.MaxFiles {
		e.skipped = append(e.skipped, Skipped{Name: name, Reason: reason})
	}
}

// add keeps data when it is an activity file, or expands it when it is an
// archive.
func (e *expander) add(name string, data []byte, depth int) {
	switch {
	case isZip(data):
		if depth >= maxNesting {
			e.skip(name, "archive nested too deep")
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			e.skip(name, "corrupt zip: "+clean(err.Error(), 120))
			return
		}
		e.zip(name, zr, depth+1)
	case isGzip(data):
		if depth >= maxNesting {
			e.skip(name, "archive nested too deep")
			return
		}
		d, err := e.gunzip(data)
		if err != nil {
			e.skip(name, "corrupt gzip: "+clean(err.Error(), 120))
			return
		}
		e.add(trimGz(name), d, depth+1)
	default:
		if _, ok := sniff(data); !ok {
			e.skip(name, "not a FIT, GPX or TCX file")
			return
		}
		if len(e.files) >= e.lim.MaxFiles {
			e.stop(name, fmt.Sprintf("more than %d activity files", e.lim.MaxFiles))
			return
		}
		e.files = append(e.files, File{Name: name, Data: data})
	}
}

// stop records that a limit was reached; later files are skipped with
// the same reason.
func (e *expander) stop(name, reason string) {
	e.full = true
	e.skip(name, reason)
}

func (e *expander) zip(prefix string, zr *zip.Reader, depth int) {
	for _, f := range zr.File {
		name := f.Name
		if prefix != "" {
			name = prefix + "/" + name
		}
		name = clean(name, 512)
		if f.FileInfo().IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		base := path.Base(f.Name)
		if strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db" {
			continue // operating-system litter, not worth a reason
		}
		if e.full {
			e.skip(name, "not read: an archive limit was reached")
			continue
		}
		if f.Flags&0x1 != 0 {
			e.skip(name, "encrypted")
			continue
		}
		if f.UncompressedSize64 > uint64(e.lim.MaxFileBytes) {
			e.skip(name, fmt.Sprintf("larger than %d bytes", e.lim.MaxFileBytes))
			continue
		}
		if !plausibleMember(base) && f.UncompressedSize64 > 0 && !looksLikeActivity(f) {
			e.skip(name, "not a FIT, GPX or TCX file")
			continue
		}
		data, err := e.read(f)
		if err != nil {
			if errors.Is(err, errTooLarge) {
				e.skip(name, fmt.Sprintf("larger than %d bytes", e.lim.MaxFileBytes))
			} else if errors.Is(err, errTotal) {
				e.stop(name, err.Error())
			} else {
				e.skip(name, "corrupt: "+clean(err.Error(), 120))
			}
			continue
		}
		e.add(name, data, depth)
	}
}

var errTotal = errors.New("the archive holds more than the total limit")

// budget is what one more file may take.
func (e *expander) budget() int64 {
	return min(e.lim.MaxFileBytes, e.lim.MaxTotalBytes-e.total)
}

func (e *expander) read(f *zip.File) ([]byte, error) {
	if e.total+int64(f.UncompressedSize64) > e.lim.MaxTotalBytes {
		return nil, errTotal
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	max := e.budget()
	// The declared size may lie: never read past the budget.
	buf := bytes.NewBuffer(make([]byte, 0, min(int64(f.UncompressedSize64), max)+1))
	n, err := io.Copy(buf, io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		if max < e.lim.MaxFileBytes {
			return nil, errTotal
		}
		return nil, errTooLarge
	}
	e.total += n
	return buf.Bytes(), nil
}

func (e *expander) gunzip(data []byte) ([]byte, error) {
	max := e.budget()
	d, err := gunzip(data, max)
	if err != nil {
		return nil, err
	}
	e.total += int64(len(d))
	return d, nil
}

// plausibleMember reports whether a member's name suggests an activity
// file or an archive that may hold some.
func plausibleMember(base string) bool {
	b := strings.ToLower(base)
	for _, ext := range []string{".fit", ".gpx", ".tcx", ".zip", ".gz", ".fit.gz", ".gpx.gz", ".tcx.gz"} {
		if strings.HasSuffix(b, ext) {
			return true
		}
	}
	return !strings.Contains(b, ".") // extensionless: look at the content
}

// looksLikeActivity peeks at a member whose name does not suggest an
// activity file (exports hold many JSON, CSV and image files): only its
// first bytes are read.
func looksLikeActivity(f *zip.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(rc, head)
	head = head[:n]
	if isZip(head) || isGzip(head) {
		return true
	}
	if len(head) >= 12 && (head[0] == 12 || head[0] == 14) && string(head[8:12]) == ".FIT" {
		return true
	}
	r := rootElement(head)
	return r == "gpx" || r == "trainingcenterdatabase"
}

func isZip(b []byte) bool {
	return len(b) >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)
}

func trimGz(name string) string {
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		return name[:len(name)-3]
	}
	return name
}
