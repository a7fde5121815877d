package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// pipeline reaches into the running platform: the devices service's import
// function and the tracker's store, the services' HTTP API, and the bus.
type pipeline struct {
	base    string
	app     *app.App
	devices *devices.Service
	tracker *tracker.Service
	iss     *benchkit.Issuer
	hc      *http.Client
	users   atomic.Int64
}

func newPipeline(base string, a *app.App, iss *benchkit.Issuer) (*pipeline, error) {
	d, ok := a.Service(devices.Name).(*devices.Service)
	if !ok {
		return nil, errors.New("fit import bench: the platform runs no devices service")
	}
	t, ok := a.Service(tracker.Name).(*tracker.Service)
	if !ok {
		return nil, errors.New("fit import bench: the platform runs no tracker service")
	}
	return &pipeline{base: base, app: a, devices: d, tracker: t, iss: iss,
		hc: &http.Client{Transport: benchkit.NewTransport(16), Timeout: 60 * time.Second}}, nil
}

// userID is a fresh user id (user ids are UUIDs) of a kind and number.
func userID(kind int, n int64) string {
	return fmt.Sprintf("00000000-0000-4000-8%03d-%012d", kind, n)
}

// timing is one file's way through the pipeline.
type timing struct {
	imp   time.Duration // the devices service's import function
	store time.Duration // claim check read + the tracker's store (analysis included)
	e2e   time.Duration // import called until the import is "imported"
}

// importOnce imports the file for a fresh user through the devices
// service's import function (as the upload handler does: decode, dedup,
// original and activity to the blob store, import row + event), waits
// untimed for the tracker to store it through the bus (end to end, for
// information) and for every consumer to go quiet, then times what the
// tracker does with such an event: read the claim check and store the
// activity (analysis, streams, route, event) for another fresh user.
func (p *pipeline) importOnce(ctx context.Context, data, blob []byte, name string) (timing, error) {
	n := p.users.Add(1)
	userA, userB := userID(1, n), userID(2, n)
	var t timing
	t0 := time.Now()
	res, err := p.devices.ImportFiles(ctx, userA, "", name, data)
	t.imp = time.Since(t0)
	if err != nil {
		return t, fmt.Errorf("import: %w", err)
	}
	if len(res.Items) != 1 || res.Items[0].Status != "processing" || res.Items[0].ImportID == "" {
		return t, fmt.Errorf("import: want one item processing, got %+v", res.Items)
	}
	if err := p.waitImported(ctx, userA, res.Items[0].ImportID, 30*time.Second); err != nil {
		return t, err
	}
	t.e2e = time.Since(t0)
	if err := p.settle(ctx); err != nil {
		return t, err
	}
	t1 := time.Now()
	var act activity.Activity
	if err := act.UnmarshalBinary(blob); err != nil {
		return t, fmt.Errorf("claim check: %w", err)
	}
	if _, err := p.tracker.StoreActivity(ctx, userB, &act, "import"); err != nil {
		return t, fmt.Errorf("store activity: %w", err)
	}
	t.store = time.Since(t1)
	return t, p.settle(ctx)
}

// importStatus is the part of an import the benchmark reads.
type importStatus struct {
	ID         string `json:"id"`
	Status     string `json:"status"`
	ActivityID string `json:"activity_id"`
	Reason     string `json:"reason"`
}

// waitImported polls the import through the API until it leaves
// "processing"; it must become "imported".
func (p *pipeline) waitImported(ctx context.Context, user, id string, max time.Duration) error {
	tok, err := p.iss.Token(user, time.Hour)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(max)
	for {
		st, err := p.importStatus(ctx, tok, id)
		if err != nil {
			return err
		}
		switch st.Status {
		case "processing":
		case "imported":
			return nil
		default:
			return fmt.Errorf("import %s: status %q (%s), want imported", id, st.Status, st.Reason)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("import %s still processing after %s", id, max)
		}
		time.Sleep(time.Millisecond)
	}
}

func (p *pipeline) importStatus(ctx context.Context, tok, id string) (importStatus, error) {
	var st importStatus
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+devicesapi.BasePath+"/imports/"+id, nil)
	if err != nil {
		return st, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := p.hc.Do(req)
	if err != nil {
		return st, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return st, err
	}
	if res.StatusCode != http.StatusOK {
		return st, fmt.Errorf("GET import %s: status %d: %.300s", id, res.StatusCode, b)
	}
	return st, json.Unmarshal(b, &st)
}

// settle waits until no consumer on any stream has work left (twice in a
// row, 10 ms apart), so the next measurement starts from a quiet process.
func (p *pipeline) settle(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	quiet := 0
	for quiet < 2 {
		lag, err := totalLag(ctx, p.app.Bus())
		if err != nil {
			return err
		}
		if lag == 0 {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("consumers still %d events behind after 30s", lag)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// totalLag sums the pending and unacknowledged events of every durable
// consumer on every stream.
func totalLag(ctx context.Context, b *bus.Bus) (uint64, error) {
	var lag uint64
	streams := b.JetStream().ListStreams(ctx)
	for si := range streams.Info() {
		st, err := b.JetStream().Stream(ctx, si.Config.Name)
		if err != nil {
			return 0, err
		}
		cons := st.ListConsumers(ctx)
		for ci := range cons.Info() {
			if ci.Config.Durable == "" {
				continue
			}
			lag += ci.NumPending + uint64(ci.NumAckPending)
		}
		if err := cons.Err(); err != nil {
			return 0, err
		}
	}
	return lag, streams.Err()
}

// uploads posts the file n times through HTTP (multipart, each upload by
// its own user so none is a duplicate), clients at a time, and waits until
// every accepted import became an activity. It returns how many did, how
// many failed, and the time from the first upload to the last activity.
func (p *pipeline) uploads(ctx context.Context, data []byte, name string, n, clients int) (int, int, time.Duration, error) {
	type upload struct{ user, tok, id string }
	ups := make([]upload, n)
	for i := range ups {
		u := userID(3, int64(i))
		tok, err := p.iss.Token(u, time.Hour)
		if err != nil {
			return 0, 0, 0, err
		}
		ups[i] = upload{user: u, tok: tok}
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		return 0, 0, 0, err
	}
	if _, err := fw.Write(data); err != nil {
		return 0, 0, 0, err
	}
	if err := mw.Close(); err != nil {
		return 0, 0, 0, err
	}
	payload, ctype := body.Bytes(), mw.FormDataContentType()

	start := time.Now()
	var next atomic.Int64
	var failed atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				id, err := p.upload(ctx, ups[i].tok, payload, ctype)
				if err != nil {
					failed.Add(1)
					once.Do(func() { firstErr = err })
					continue
				}
				ups[i].id = id
			}
		})
	}
	wg.Wait()
	done := 0
	for _, u := range ups {
		if u.id == "" {
			continue
		}
		if err := p.waitImported(ctx, u.user, u.id, 2*time.Minute); err != nil {
			return done, int(failed.Load()), time.Since(start), err
		}
		done++
	}
	elapsed := time.Since(start)
	if firstErr != nil {
		return done, int(failed.Load()), elapsed, fmt.Errorf("uploads: %d failed, first: %w", failed.Load(), firstErr)
	}
	return done, int(failed.Load()), elapsed, nil
}

// upload posts one multipart body and returns the import id.
func (p *pipeline) upload(ctx context.Context, tok string, payload []byte, ctype string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+devicesapi.BasePath+"/imports", bytes.NewReader(payload))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", ctype)
	res, err := p.hc.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("POST imports: status %d: %.300s", res.StatusCode, b)
	}
	var out struct {
		Items []importItem `json:"items"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return "", fmt.Errorf("POST imports: %w: %.300s", err, b)
	}
	if len(out.Items) != 1 || out.Items[0].Status != "processing" || out.Items[0].ImportID == "" {
		return "", fmt.Errorf("POST imports: want one item processing: %.300s", b)
	}
	return out.Items[0].ImportID, nil
}

// importItem is one file's line in an upload's answer.
type importItem struct {
	File     string `json:"file"`
	Status   string `json:"status"`
	Reason   string `json:"reason"`
	ImportID string `json:"import_id"`
}
