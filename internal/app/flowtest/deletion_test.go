package flowtest

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// TestDeletedAccountIsErasedEverywhere: a user with a profile, settings, a
// follower, inbox items and an imported activity deletes the account. Every
// service that held their data erases it (profiles, settings, notify's
// inbox and contacts, access's directory, devices' imports, the tracker's
// activity, progress's projection, and their blobs), the follower no longer lists them, the delivery log
// keeps no address, and the account cannot sign in.
func TestDeletedAccountIsErasedEverywhere(t *testing.T) {
	p := apptest.Start(t, apptest.RealAuth())
	admin := p.Admin(t, "root@example.test")
	ann := p.SignUp(t, "ann@example.test", pw)
	bob := p.SignUp(t, "bob@example.test", pw)

	if r := p.Do(t, "PATCH", profilesapi.BasePath+"/me", ann.Access, map[string]any{"display_name": "Ann Runner"}); r.Status != 200 {
		t.Fatalf("profile: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "PATCH", settingsapi.BasePath+"/me", ann.Access, map[string]any{"phone": "+79161234567"}); r.Status != 200 {
		t.Fatalf("settings: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "POST", profilesapi.BasePath+"/"+ann.ID+"/follow", bob.Access, nil); r.Status != 200 {
		t.Fatalf("follow: %d %s", r.Status, r.Body)
	}
	apptest.Eventually(t, "ann has inbox items", func() (bool, string) {
		r := p.Do(t, "GET", notifyapi.BasePath+"/inbox/unread-count", ann.Access, nil)
		var c struct{ Unread int }
		r.JSON(t, &c)
		return c.Unread > 0, string(r.Body)
	})
	// Training data: an imported activity (devices, tracker, progress, blobs).
	fit, err := os.ReadFile("../../sport/actfile/testdata/Activity.fit")
	if err != nil {
		t.Fatal(err)
	}
	if r := upload(t, p, ann.Access, "ride.fit", fit); r.Status != 200 {
		t.Fatalf("upload: %d %s", r.Status, r.Body)
	}
	apptest.Eventually(t, "ann's activity stored and analysed", func() (bool, string) {
		n := countRows(t, p, "tracker", "SELECT count(*) FROM activities WHERE user_id = $1", ann.ID)
		m := countRows(t, p, "progress", "SELECT count(*) FROM activities WHERE user_id = $1", ann.ID)
		return n == 1 && m == 1, "not yet"
	})
	apptest.Eventually(t, "access lists ann", func() (bool, string) {
		r := p.Do(t, "GET", accessapi.BasePath+"/users/"+ann.ID, admin.Access, nil)
		return r.Status == 200, string(r.Body)
	})

	if r := p.Do(t, "DELETE", "/api/v1/user/auth/me", ann.Access, map[string]string{"password": "wrong password here"}); r.Status != 401 && r.Status != 403 {
		t.Fatalf("delete with a wrong password: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "DELETE", "/api/v1/user/auth/me", ann.Access, map[string]string{"password": pw}); r.Status != 204 {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}

	apptest.Eventually(t, "profile erased", func() (bool, string) {
		r := p.Do(t, "GET", profilesapi.BasePath+"/"+ann.ID, "", nil)
		return r.Status == 404, string(r.Body)
	})
	apptest.Eventually(t, "bob follows nobody", func() (bool, string) {
		r := p.Do(t, "GET", profilesapi.BasePath+"/"+bob.ID+"/following", bob.Access, nil)
		return !strings.Contains(string(r.Body), ann.ID), string(r.Body)
	})
	apptest.Eventually(t, "access directory erased", func() (bool, string) {
		r := p.Do(t, "GET", accessapi.BasePath+"/users/"+ann.ID, admin.Access, nil)
		return r.Status == 404, string(r.Body)
	})
	apptest.Eventually(t, "settings erased", func() (bool, string) {
		n := countRows(t, p, "settings", "SELECT count(*) FROM settings WHERE user_id = $1", ann.ID)
		return n == 0, "rows left"
	})
	apptest.Eventually(t, "inbox and contact erased", func() (bool, string) {
		n := countRows(t, p, "notify", "SELECT count(*) FROM inbox_items WHERE user_id = $1", ann.ID) +
			countRows(t, p, "notify", "SELECT count(*) FROM contacts WHERE user_id = $1", ann.ID)
		return n == 0, "rows left"
	})
	apptest.Eventually(t, "training data erased", func() (bool, string) {
		n := countRows(t, p, "tracker", "SELECT count(*) FROM activities WHERE user_id = $1", ann.ID) +
			countRows(t, p, "progress", "SELECT count(*) FROM activities WHERE user_id = $1", ann.ID) +
			countRows(t, p, "devices", "SELECT count(*) FROM imports WHERE user_id = $1", ann.ID)
		return n == 0, "rows left"
	})
	apptest.Eventually(t, "training blobs erased", func() (bool, string) {
		var left []string
		for _, dir := range []string{"activities", "archive", "imports"} {
			if m, _ := filepath.Glob(filepath.Join(p.Config.DataDir, "blobs", dir, ann.ID, "*")); len(m) > 0 {
				left = append(left, m...)
			}
		}
		return len(left) == 0, strings.Join(left, ", ")
	})
	r := p.Do(t, "GET", notifyapi.BasePath+"/admin/deliveries?user_id="+ann.ID, admin.Access, nil)
	if r.Status != 200 || strings.Contains(string(r.Body), "ann@example.test") {
		t.Fatalf("delivery log after deletion: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "POST", "/api/v1/user/auth/login", "", map[string]string{"email": ann.Email, "password": pw}); r.Status != 401 {
		t.Fatalf("login after deletion: %d %s, want 401", r.Status, r.Body)
	}
	if r := p.Do(t, "GET", "/api/v1/user/auth/me", ann.Access, nil); r.Status != 401 {
		t.Fatalf("old token after deletion: %d, want 401", r.Status)
	}
}

// countRows counts rows in a service's SQLite database (the embedded
// default the test platform runs on): settings keep nothing another user
// could read through the API, so the test looks at the store itself.
func countRows(t *testing.T, p *apptest.Platform, service, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(p.Config.DataDir, "db", service+".db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %s: %v", service, query, err)
	}
	return n
}

// upload posts one file to the devices import as multipart/form-data.
func upload(t *testing.T, p *apptest.Platform, token, name string, data []byte) apptest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest("POST", p.URL+devicesapi.BasePath+"/imports", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}
