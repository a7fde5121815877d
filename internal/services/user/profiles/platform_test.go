package profiles_test

import (
	"image"
	"image/color"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// TestThroughThePlatform runs the whole process: the gateway mounts the
// routes, the server grants the avatar route its 8 MiB body limit, and the
// anonymous avatar file is served to anyone.
func TestThroughThePlatform(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) { c.Catalog.Demo = false })
	uid := uuid.Must(uuid.NewV7()).String()
	token := p.Issuer.Mint(t, uid)

	if r := p.Do(t, "GET", base+"/me", "", nil); r.Status != http.StatusUnauthorized {
		t.Fatalf("anonymous /me: %d", r.Status)
	}
	var me profilesapi.Profile
	p.Do(t, "GET", base+"/me", token, nil).JSON(t, &me)
	if me.UserID != uid {
		t.Fatalf("me %+v", me)
	}

	// Noise does not compress: this PNG is well over the 1 MiB default limit.
	m := image.NewNRGBA(image.Rect(0, 0, 620, 620))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range m.Pix {
		m.Pix[i] = uint8(rng.Uint32())
	}
	m.Set(0, 0, color.NRGBA{A: 255})
	big := avatartest.PNG(m)
	if len(big) < 1<<20 {
		t.Fatalf("test picture only %d bytes", len(big))
	}
	r := upload(t, p, token, big)
	if r.Status != http.StatusOK {
		t.Fatalf("upload through the gateway: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &me)
	if me.AvatarURL == nil {
		t.Fatal("no avatar url")
	}
	if r := p.Do(t, "GET", *me.AvatarURL, "", nil); r.Status != 200 || r.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("avatar file: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	var pub profilesapi.PublicProfile
	p.Do(t, "GET", base+"/"+uid, "", nil).JSON(t, &pub)
	if pub.Restricted || pub.Relationship != "none" || pub.BirthYear != nil {
		t.Fatalf("public view %+v", pub)
	}
}

func upload(t *testing.T, p *apptest.Platform, token string, data []byte) apptest.Response {
	t.Helper()
	f := &fixture{url: p.URL}
	r := f.doToken(t, token, "PUT", base+"/me/avatar", raw{"image/png", data})
	return apptest.Response{Status: r.status, Header: r.header, Body: r.body}
}
