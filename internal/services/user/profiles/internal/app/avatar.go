package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/sporthub/sporthub/internal/platform/blob"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

var avatarSizes = []int{profilesapi.AvatarLarge, profilesapi.AvatarSmall}

// avatarNameRe is what stored avatar names look like: a content hash.
var avatarNameRe = regexp.MustCompile(`^[0-9a-f]{32}\.jpg$`)

// AvatarKey is where an avatar file of one size lives in the blob store.
func AvatarKey(size int, name string) string {
	return fmt.Sprintf("profiles/avatars/%d/%s", size, name)
}

// imageWait is how long an upload waits for room to decode before it is
// refused as busy.
const imageWait = 10 * time.Second

// SetAvatar makes the picture the caller's avatar: it is checked and
// rendered in each size (see package avatar), stored under a name hashed
// from the user and the content, and the previous avatar's files are
// removed once the profile points at the new ones.
func (a *App) SetAvatar(ctx context.Context, data []byte) (ProfileView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return ProfileView{}, err
	}
	files, err := a.render(ctx, data)
	if err != nil {
		return ProfileView{}, err
	}
	sum := sha256.Sum256(append([]byte(uid+"\x00"), files[profilesapi.AvatarLarge]...))
	name := hex.EncodeToString(sum[:16]) + ".jpg"
	for _, n := range avatarSizes {
		if err := a.blobs.Put(ctx, AvatarKey(n, name), bytes.NewReader(files[n]), "image/jpeg"); err != nil {
			return ProfileView{}, fmt.Errorf("store avatar of %s: %w", uid, err)
		}
	}
	// A bad picture never gets this far, so it creates no profile either.
	if err := a.ensure(ctx, uid); err != nil {
		return ProfileView{}, err
	}
	old, read, err := a.swapAvatar(ctx, uid, name)
	if err != nil {
		// The new files go unless they may be the current avatar's (the
		// same picture again, or the profile could not even be read).
		if read && old != name {
			a.removeAvatar(ctx, name)
		}
		return ProfileView{}, err
	}
	if old != "" && old != name {
		a.removeAvatar(ctx, old)
	}
	return a.view(ctx, uid)
}

// render decodes and renders the picture within the decoding budget.
func (a *App) render(ctx context.Context, data []byte) (avatar.Rendered, error) {
	h, err := avatar.Inspect(data)
	if err != nil {
		return nil, err
	}
	wait, cancel := context.WithTimeout(ctx, imageWait)
	defer cancel()
	if err := a.images.Acquire(wait, h.Pixels()); err != nil {
		return nil, domain.ErrBusy
	}
	defer a.images.Release(h.Pixels())
	return avatar.Render(data, avatarSizes...)
}

// DeleteAvatar removes the caller's avatar; without one nothing changes.
func (a *App) DeleteAvatar(ctx context.Context) (ProfileView, error) {
	uid, err := caller(ctx)
	if err != nil {
		return ProfileView{}, err
	}
	if err := a.ensure(ctx, uid); err != nil {
		return ProfileView{}, err
	}
	old, _, err := a.swapAvatar(ctx, uid, "")
	if err != nil {
		return ProfileView{}, err
	}
	if old != "" {
		a.removeAvatar(ctx, old)
	}
	return a.view(ctx, uid)
}

// swapAvatar points the profile at name and returns the previous name and
// whether it was read at all.
func (a *App) swapAvatar(ctx context.Context, uid, name string) (old string, read bool, err error) {
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		var ev events
		_, err := a.repo.UpdateProfile(ctx, uid, func(p *domain.Profile) error {
			old, read = p.Avatar, true
			if old == name {
				return errUnchanged
			}
			p.Avatar, p.UpdatedAt = name, a.now()
			ev.profileUpdated(*p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return ev.result()
	})
	if errors.Is(err, errUnchanged) {
		err = nil
	}
	return old, read, err
}

// removeAvatar deletes an avatar's files. A failure leaves unreferenced
// files behind, which is logged rather than failing the request.
func (a *App) removeAvatar(ctx context.Context, name string) {
	for _, n := range avatarSizes {
		if err := a.blobs.Delete(context.WithoutCancel(ctx), AvatarKey(n, name)); err != nil {
			a.logger.WarnContext(ctx, "avatar file left behind", "key", AvatarKey(n, name), "err", err)
		}
	}
}

// OpenAvatar opens a stored avatar file; the caller closes it.
func (a *App) OpenAvatar(ctx context.Context, size int, name string) (io.ReadCloser, blob.Info, error) {
	if (size != profilesapi.AvatarLarge && size != profilesapi.AvatarSmall) || !avatarNameRe.MatchString(name) {
		return nil, blob.Info{}, domain.ErrAvatarNotFound
	}
	rc, info, err := a.blobs.Get(ctx, AvatarKey(size, name))
	if errors.Is(err, blob.ErrNotFound) {
		return nil, info, domain.ErrAvatarNotFound
	}
	if err != nil {
		return nil, info, fmt.Errorf("open avatar %s: %w", name, err)
	}
	return rc, info, nil
}
