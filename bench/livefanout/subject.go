package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// subject is the platform with one live session and a share link to it.
type subject struct {
	srv     *benchkit.Server
	iss     *benchkit.Issuer
	hc      *http.Client
	token   string // the owner's access token
	session string
	liveURL string // the share link's live WebSocket
	buf     []byte
}

func startSubject(ctx context.Context, dir string, o Options) (*subject, error) {
	iss, err := benchkit.NewIssuer()
	if err != nil {
		return nil, err
	}
	s := &subject{iss: iss, hc: &http.Client{Transport: benchkit.NewTransport(4), Timeout: 30 * time.Second}}
	s.srv, _, err = benchkit.StartPlatform(platformConfig(filepath.Join(dir, "platform"), iss, o))
	if err != nil {
		iss.Close()
		return nil, err
	}
	if err := s.setup(ctx); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// platformConfig is the embedded-defaults platform (--target=all, SQLite,
// embedded JetStream with fsync always) on a free loopback port, trusting
// iss, without demo data (catalog, athletes), the rate limiter far above the load, and room for
// the viewers on one session.
func platformConfig(dir string, iss *benchkit.Issuer, o Options) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = dir
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Authn.JWKSURL = iss.JWKSURL()
	cfg.Gateway.RateLimit = 1e9
	cfg.Gateway.RateBurst = 1e9
	cfg.Catalog.Demo = false
	cfg.Demo.Athletes = false
	allowViewers(&cfg, o.Viewers)
	return cfg
}

// setup starts the owner's live session and creates a share link.
func (s *subject) setup(ctx context.Context) error {
	tok, err := s.iss.Token("00000000-0000-4000-8004-000000000001", 12*time.Hour) // user ids are UUIDs
	if err != nil {
		return err
	}
	s.token = tok
	var ses struct {
		ID string `json:"id"`
	}
	if err := s.post(ctx, trackerapi.BasePath+"/sessions", map[string]any{"sport": "running"}, &ses); err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	s.session = ses.ID
	// A first sample, so the session has a position before viewers come.
	if err := s.send(time.Now().Add(-time.Second).UnixMilli()); err != nil {
		return err
	}
	var share struct {
		Token string `json:"token"`
	}
	if err := s.post(ctx, trackerapi.BasePath+"/sessions/"+s.session+"/shares", map[string]any{"expires_in_s": 172800}, &share); err != nil {
		return fmt.Errorf("share session: %w", err)
	}
	s.liveURL = "ws" + strings.TrimPrefix(s.srv.URL, "http") + trackerapi.BasePath + "/shared/" + share.Token + "/live"
	return nil
}

func (s *subject) stop() {
	_ = s.srv.Stop()
	s.iss.Close()
	s.hc.CloseIdleConnections()
}

// measure connects the viewers to the share link and ingests samples for
// the session, as the owner's phone does.
func (s *subject) measure(ctx context.Context, o Options) (Side, error) {
	m0 := memNow()
	return watch(ctx, o, s.liveURL, m0, s.send)
}

// send ingests one sample with time t for the session through the API.
func (s *subject) send(t int64) error {
	b := s.buf[:0]
	b = append(b, `{"session_id":"`...)
	b = append(b, s.session...)
	b = append(b, `","sport":"running","samples":[{"t":`...)
	b = strconv.AppendInt(b, t, 10)
	b = append(b, `,"lat":55.7512345,"lon":37.6123456,"alt":151.2,"dist":1234.56,"speed":3.214,"hr":145,"cad":172}]}`...)
	s.buf = b
	req, err := http.NewRequest(http.MethodPost, s.srv.URL+devicesapi.BasePath+"/ingest", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("ingest: status %d: %.300s", res.StatusCode, body)
	}
	return nil
}

func (s *subject) post(ctx context.Context, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.srv.URL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := s.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	rb, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: status %d: %.300s", path, res.StatusCode, rb)
	}
	return json.Unmarshal(rb, out)
}
