package flowtest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// activities is the part of a tracker activity list the tests read.
type activities struct {
	Items []struct {
		ID     string `json:"id"`
		UserID string `json:"user_id"`
		Sport  string `json:"sport"`
		Name   string `json:"name"`
	} `json:"items"`
}

// TestImportCommandFeedsTheRunningPlatform runs `sporthub import`'s work
// (app.ImportFiles) on the data directory of a running platform: a folder
// with a FIT file, the same file again inside a zip, a broken file and a
// note. The summary counts one import, one duplicate, one failure and one
// skipped file; the platform's relay then carries the import to the
// tracker, and the user sees exactly one activity through the API, with
// the import marked imported.
func TestImportCommandFeedsTheRunningPlatform(t *testing.T) {
	p := apptest.Start(t, apptest.RealAuth())
	u := p.SignUp(t, "importer@example.test", "a long import passphrase")

	dir := t.TempDir()
	fit, err := os.ReadFile("../../sport/actfile/testdata/Activity.fit")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("ride.fit", fit)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	f, _ := zw.Create("export/activities/1234.fit")
	f.Write(fit)
	zw.Close()
	write("export.zip", zbuf.Bytes())
	write("broken.fit", []byte("this is not a FIT file at all"))
	write("notes.txt", []byte("training diary"))

	rep, err := app.ImportFiles(context.Background(), p.Config, slog.New(slog.DiscardHandler), u.Email, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rep.Count(devicesapi.StatusProcessing), rep.Count(devicesapi.StatusDuplicate),
		rep.Count(devicesapi.StatusFailed), len(rep.Skipped)); got != "1 1 1 1" {
		t.Fatalf("imported/duplicate/failed/skipped = %s, want 1 1 1 1: %+v", got, rep)
	}
	if _, err := app.ImportFiles(context.Background(), p.Config, slog.New(slog.DiscardHandler), "nobody@example.test", []string{dir}, nil); err == nil {
		t.Fatal("an unknown user's import was accepted")
	}

	var list activities
	apptest.Eventually(t, "the imported activity in the tracker", func() (bool, string) {
		list = activities{}
		r := p.Do(t, "GET", trackerapi.BasePath+"/activities", u.Access, nil)
		r.JSON(t, &list)
		return r.Status == 200 && len(list.Items) == 1, string(r.Body)
	})
	if list.Items[0].UserID != u.ID {
		t.Fatalf("activity owner %s, want %s", list.Items[0].UserID, u.ID)
	}
	apptest.Eventually(t, "the import marked imported", func() (bool, string) {
		var page struct {
			Items []devicesapi.Import `json:"items"`
		}
		r := p.Do(t, "GET", devicesapi.BasePath+"/imports", u.Access, nil)
		r.JSON(t, &page)
		for _, im := range page.Items {
			if im.Status == devicesapi.StatusImported && im.ActivityID == list.Items[0].ID {
				return true, ""
			}
		}
		return false, string(r.Body)
	})
}

// TestDemoAthletesOnFirstStart turns the demo athletes on: on first start
// they get accounts that sign in with the configured password, public
// profiles, goals, and a season of activities that reach the tracker,
// progress and the goals' progress through the real import path; another
// user can read their public activities.
func TestDemoAthletesOnFirstStart(t *testing.T) {
	p := apptest.Start(t, apptest.RealAuth(), func(c *app.Config) {
		c.Demo.Athletes, c.Demo.Weeks = true, 2
	})
	anna := p.Login(t, "anna.sokolova@demo.sporthub.example", p.Config.Demo.Password)
	var mine activities
	apptest.Eventually(t, "demo activities", func() (bool, string) {
		mine = activities{}
		r := p.Do(t, "GET", trackerapi.BasePath+"/activities?limit=100", anna.Access, nil)
		r.JSON(t, &mine)
		return r.Status == 200 && len(mine.Items) >= 6, string(r.Body)
	})
	apptest.Eventually(t, "demo records in progress", func() (bool, string) {
		r := p.Do(t, "GET", progressapi.BasePath+"/me/records", anna.Access, nil)
		return r.Status == 200 && bytes.Contains(r.Body, []byte(`"5k"`)), string(r.Body)
	})
	apptest.Eventually(t, "demo goals with progress", func() (bool, string) {
		var goals profilesapi.Goals
		r := p.Do(t, "GET", profilesapi.BasePath+"/me/goals", anna.Access, nil)
		r.JSON(t, &goals)
		count := 0
		for _, g := range goals.Items {
			if g.Kind == "count" && g.Progress > 0 {
				count++
			}
		}
		return len(goals.Items) == 3 && count == 1, string(r.Body)
	})
	other := p.SignUp(t, "newcomer@example.test", "a long newcomer passphrase")
	r := p.Do(t, "GET", trackerapi.BasePath+"/activities/"+mine.Items[0].ID, other.Access, nil)
	if r.Status != 200 {
		t.Fatalf("a demo athlete's public activity: %d %s", r.Status, r.Body)
	}
}
