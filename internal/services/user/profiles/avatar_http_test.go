package profiles_test

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// avatarOf returns the avatar URL in a profile answer ("" without one).
func avatarOf(t *testing.T, r response) string {
	t.Helper()
	var p profilesapi.Profile
	r.json(t, &p)
	if p.AvatarURL == nil {
		return ""
	}
	return *p.AvatarURL
}

// blobKeys returns the blob keys behind an avatar URL.
func blobKeys(url string) []string {
	name := url[strings.LastIndex(url, "/")+1:]
	return []string{"profiles/avatars/512/" + name, "profiles/avatars/128/" + name}
}

func (f *fixture) blobExists(t *testing.T, key string) bool {
	t.Helper()
	_, err := f.blobs.Stat(context.Background(), key)
	if err != nil && !errors.Is(err, blob.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestAvatar(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "stranger", "Семён")
	png := avatartest.PNG(avatartest.Quadrants(300, 200))
	var first, second string
	stored := func(url *string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			*url = avatarOf(t, r)
			if !strings.HasPrefix(*url, base+"/avatars/512/") || !strings.HasSuffix(*url, ".jpg") {
				t.Fatalf("avatar url %q", *url)
			}
			for _, k := range blobKeys(*url) {
				if !f.blobExists(t, k) {
					t.Fatalf("%s not stored", k)
				}
			}
		}
	}
	img := func(ct string, data []byte) raw { return raw{ct, data} }
	run(t, f, []scenario{
		{name: "a png", who: "owner", method: "PUT", path: base + "/me/avatar", body: img("image/png", png),
			status: 200, events: []string{profileUpdated}, check: stored(&first)},
		{name: "the same picture again is the same avatar", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", png), status: 200, check: func(t *testing.T, r response) {
				if avatarOf(t, r) != first {
					t.Fatalf("%s != %s", avatarOf(t, r), first)
				}
			}},
		{name: "a jpeg replaces it and its files", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/jpeg", avatartest.JPEG(avatartest.Quadrants(240, 300), 6)), status: 200,
			events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				stored(&second)(t, r)
				for _, k := range blobKeys(first) {
					if f.blobExists(t, k) {
						t.Fatalf("old file %s left behind", k)
					}
				}
			}},
		{name: "the declared type need not match: the content decides", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/gif", avatartest.WebP(64, 64, color.NRGBA{0, 128, 0, 255})), status: 200, events: []string{profileUpdated}},
		{name: "a gif", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/gif", avatartest.GIF(avatartest.Quadrants(120, 90))), status: 200, events: []string{profileUpdated}},
		{name: "a webp", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/webp", avatartest.WebP(300, 200, color.NRGBA{200, 30, 30, 255})), status: 200,
			events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				stored(&second)(t, r)
				// Later scenarios fetch the files by these paths.
				f.users["avatar512"], f.users["avatar128"] = second, strings.Replace(second, "/512/", "/128/", 1)
			}},
		{name: "a declared non-image type", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("text/plain", png), status: 415, code: "unsupported_media_type"},
		{name: "svg is refused", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)), status: 415, code: "unsupported_media_type"},
		{name: "a script labelled png", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", []byte("<html><script>alert(1)</script></html>")), status: 415, code: "unsupported_media_type"},
		{name: "a broken png", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", png[:len(png)/2]), status: 400, code: "image_invalid"},
		{name: "too small", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", avatartest.PNG(avatartest.Quadrants(31, 31))), status: 400, code: "image_too_small"},
		{name: "a decompression bomb", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", avatartest.PNGBomb(50000, 50000)), status: 400, code: "image_too_large"},
		{name: "a webp bomb", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/webp", avatartest.WebPBomb(16000, 16000)), status: 400, code: "image_too_large"},
		{name: "over 8 MiB", who: "owner", method: "PUT", path: base + "/me/avatar",
			body: img("image/png", append(bytes.Clone(png), make([]byte, 8<<20)...)), status: 413, code: "body_too_large"},
		{name: "an empty body", who: "owner", method: "PUT", path: base + "/me/avatar", body: img("image/png", nil),
			status: 400, code: "empty_body"},
		{name: "anonymous", who: "anonymous", method: "PUT", path: base + "/me/avatar", body: img("image/png", png),
			status: 401, code: "unauthenticated"},
		{name: "bad uploads left the avatar alone", who: "owner", method: "GET", path: base + "/me", status: 200,
			check: func(t *testing.T, r response) {
				if avatarOf(t, r) != second {
					t.Fatalf("avatar %s, want %s", avatarOf(t, r), second)
				}
			}},
		{name: "anyone may fetch the file", who: "anonymous", method: "GET", path: "{avatar512}", status: 200,
			check: func(t *testing.T, r response) {
				h := r.header
				if h.Get("Content-Type") != "image/jpeg" || h.Get("X-Content-Type-Options") != "nosniff" ||
					!strings.Contains(h.Get("Cache-Control"), "immutable") || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
					t.Fatalf("headers %v", h)
				}
				m, err := jpeg.Decode(bytes.NewReader(r.body))
				if err != nil || m.Bounds().Dx() != 512 || m.Bounds().Dy() != 512 {
					t.Fatalf("not a 512px jpeg: %v", err)
				}
			}},
		{name: "the small one", who: "anonymous", method: "GET", path: "{avatar128}", status: 200,
			check: func(t *testing.T, r response) {
				m, err := jpeg.Decode(bytes.NewReader(r.body))
				if err != nil || m.Bounds().Dx() != 128 {
					t.Fatalf("not a 128px jpeg: %v", err)
				}
			}},
		{name: "an unknown size", who: "anonymous", method: "GET", path: base + "/avatars/256/0123456789abcdef0123456789abcdef.jpg",
			status: 404, code: "avatar_not_found"},
		{name: "a path escape", who: "anonymous", method: "GET", path: base + "/avatars/512/..%2f..%2fprofiles.db",
			status: 404, code: "avatar_not_found"},
		{name: "the stranger cannot remove the owner's avatar: only their own", who: "stranger", method: "DELETE",
			path: base + "/me/avatar", status: 200, check: func(t *testing.T, r response) {
				if avatarOf(t, r) != "" || avatarOf(t, f.do(t, "owner", "GET", base+"/me", nil)) != second {
					t.Fatal("the stranger's delete touched the owner")
				}
			}},
		{name: "the owner removes it and its files", who: "owner", method: "DELETE", path: base + "/me/avatar",
			status: 200, events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				if avatarOf(t, r) != "" {
					t.Fatalf("still %s", r.body)
				}
				for _, k := range blobKeys(second) {
					if f.blobExists(t, k) {
						t.Fatalf("%s left behind", k)
					}
				}
				if r := f.do(t, "anonymous", "GET", second, nil); r.status != 404 {
					t.Fatalf("removed file still served: %d", r.status)
				}
			}},
	})
}
