package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices"
	"github.com/sporthub/sporthub/internal/services/training/progress"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/user/auth"
	"github.com/sporthub/sporthub/internal/services/user/profiles"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/demo"
)

// DemoConfig is the demo athletes a newcomer's platform starts with.
type DemoConfig struct {
	Athletes bool   `yaml:"athletes" doc:"on first start, create demo athletes with a season of generated activities (needs auth, profiles, devices, tracker and progress in this process)"`
	Password string `yaml:"password" secret:"true" doc:"password of the demo athletes' accounts (their emails are in docs/operations.md)"`
	Weeks    int    `yaml:"weeks" doc:"length of the demo season in weeks"`
}

// DefaultDemoConfig returns the defaults: demo athletes on, 12 weeks.
func DefaultDemoConfig() DemoConfig {
	return DemoConfig{Athletes: true, Password: "sporthub-demo-athlete", Weeks: 12}
}

// demoNeeds are the services that must run in this process to seed.
var demoNeeds = []string{"auth", "profiles", "devices", "tracker", "progress"}

// demoSeeder creates the demo athletes once: accounts (auth), public
// profiles with heart-rate and power data (profiles), a season of
// activities uploaded as FIT files through the devices import (so they take
// the real path to the tracker and progress), and consent to comparisons.
// Each step goes through the owning service's own API as the athlete would,
// in-process. An athlete whose account exists is left alone, so the seeding
// happens on the first start only and never touches what a user changed.
type demoSeeder struct {
	cfg      DemoConfig
	auth     *auth.Service
	profiles http.Handler
	progress http.Handler
	devices  *devices.Service
	logger   *slog.Logger
}

func (a *App) demoSeeder() (*demoSeeder, bool) {
	if !a.cfg.Demo.Athletes {
		return nil, false
	}
	for _, n := range demoNeeds {
		if a.services[n] == nil {
			return nil, false
		}
	}
	authSvc, ok1 := a.services["auth"].(*auth.Service)
	profSvc, ok2 := a.services["profiles"].(*profiles.Service)
	devSvc, ok3 := a.services["devices"].(*devices.Service)
	progSvc, ok4 := a.services["progress"].(*progress.Service)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, false
	}
	return &demoSeeder{cfg: a.cfg.Demo, auth: authSvc, profiles: profSvc.Handler(), progress: progSvc.Handler(),
		devices: devSvc, logger: a.logger.With("component", "demo")}, true
}

// Name implements lifecycle.Service.
func (d *demoSeeder) Name() string { return "demo" }

// Run reports ready at once (seeding never delays the platform), seeds in
// the background of the running platform and then waits for shutdown. A
// failure is logged, not fatal: the platform works without demo data.
func (d *demoSeeder) Run(ctx context.Context, ready func()) error {
	ready()
	start := time.Now()
	n, err := d.seed(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		d.logger.Warn("demo athletes incomplete", "err", err)
	case n > 0:
		d.logger.Info("demo athletes created", "athletes", n, "took", time.Since(start).Round(time.Millisecond).String())
	}
	<-ctx.Done()
	return nil
}

func (d *demoSeeder) seed(ctx context.Context) (int, error) {
	created := 0
	end := time.Now()
	for i, p := range demo.Personas() {
		// Look first: creating hashes the password, work a restart need not do.
		if _, err := d.auth.UserIDByEmail(ctx, p.Email); err == nil {
			continue // seeded on an earlier start
		} else if !apperr.IsKind(err, apperr.NotFound) {
			return created, fmt.Errorf("look up %s: %w", p.Email, err)
		}
		id, err := d.auth.CreateVerifiedUser(ctx, p.Email, d.cfg.Password, "ru")
		if apperr.IsKind(err, apperr.Conflict) {
			continue // seeded on an earlier start
		}
		if err != nil {
			return created, fmt.Errorf("account of %s: %w", p.Email, err)
		}
		if err := d.athlete(ctx, id, p, end, int64(i+1)); err != nil {
			return created, fmt.Errorf("demo athlete %s: %w", p.Email, err)
		}
		created++
	}
	return created, nil
}

func (d *demoSeeder) athlete(ctx context.Context, userID string, p demo.Persona, end time.Time, seed int64) error {
	ctx = authn.WithPrincipal(ctx, &authn.Principal{Subject: userID, AMR: []string{"pwd"},
		IssuedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)})
	// The profile appears once profiles has seen the registration event.
	deadline := time.Now().Add(time.Minute)
	for {
		if call(ctx, d.profiles, "GET", profilesapi.BasePath+"/me", nil) == nil {
			break
		}
		if time.Now().After(deadline) {
			return errors.New("the profile did not appear within a minute")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	sports := make([]map[string]string, 0, len(p.Sports))
	seen := map[string]bool{}
	for _, s := range p.Sports {
		if !seen[string(s)] && profilesapi.IsSport(string(s)) {
			seen[string(s)] = true
			sports = append(sports, map[string]string{"sport": string(s), "level": p.Level})
		}
	}
	patch := map[string]any{
		"display_name": p.Name, "birth_year": p.BirthYear, "sex": p.Sex, "weight_kg": p.WeightKG,
		"resting_hr": p.RestingHR, "max_hr": p.MaxHR, "sports": sports, "visibility": profilesapi.VisibilityPublic,
		"bio": "Demo athlete: a generated season of training.",
	}
	if p.FTP > 0 {
		patch["threshold_power_w"] = p.FTP
	}
	if p.ThresholdPaceSPerKM > 0 {
		patch["threshold_pace_s_per_km"] = p.ThresholdPaceSPerKM
	}
	public := profilesapi.VisibilityPublic
	steps := []struct {
		h      http.Handler
		method string
		path   string
		body   any
	}{
		{d.profiles, "PATCH", profilesapi.BasePath + "/me", patch},
		{d.profiles, "PUT", profilesapi.BasePath + "/me/privacy", map[string]any{"visibility": public,
			"activity_defaults": map[string]string{"map": public, "heart_rate": public, "pace": public}}},
		{d.progress, "PUT", progressapi.BasePath + "/me/settings", map[string]any{"share_in_comparisons": true}},
	}
	for _, g := range demoGoals(p, end) {
		steps = append(steps, struct {
			h      http.Handler
			method string
			path   string
			body   any
		}{d.profiles, "POST", profilesapi.BasePath + "/me/goals", g})
	}
	for _, s := range steps {
		if err := call(ctx, s.h, s.method, s.path, s.body); err != nil {
			return fmt.Errorf("%s %s: %w", s.method, s.path, err)
		}
	}
	for _, a := range demo.Season(p, d.cfg.Weeks, end, seed) {
		var buf bytes.Buffer
		if err := actfile.Encode(&buf, actfile.FIT, a); err != nil {
			return err
		}
		name := a.Start.UTC().Format("2006-01-02-1504") + ".fit"
		if _, err := d.devices.ImportFiles(ctx, userID, "", name, buf.Bytes()); err != nil {
			return fmt.Errorf("import %s: %w", name, err)
		}
	}
	return nil
}

// demoGoals are a weekly volume goal in the athlete's main sport and a
// half-marathon goal ten weeks on, so the dashboard shows goals moving.
func demoGoals(p demo.Persona, now time.Time) []map[string]any {
	sport := string(p.Sports[0])
	weekly := 40000.0
	if sport == "cycling" {
		weekly = 150000
	}
	return []map[string]any{
		{"kind": "distance", "sport": sport, "period": "week", "target": weekly},
		{"kind": "count", "period": "month", "target": 16},
		{"kind": "race", "sport": "running", "race_name": "Moscow Half Marathon", "target": 5400,
			"race_date": now.AddDate(0, 0, 70).Format("2006-01-02"), "race_distance_m": 21097.5},
	}
}

// call serves one request with the service's handler in-process, as the
// athlete the context names.
func call(ctx context.Context, h http.Handler, method, path string, body any) error {
	hc := &http.Client{Transport: web.HandlerTransport{Handler: h}}
	return web.DoJSON(ctx, hc, method, "http://local"+path, body, nil)
}
