package httpapi

import (
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func (h *Handler) follow(w http.ResponseWriter, r *http.Request) error {
	st, err := h.app.Follow(r.Context(), r.PathValue("user_id"))
	if err != nil {
		return err
	}
	out := profilesapi.FollowResult{Status: profilesapi.FollowStatusRequested}
	if st == domain.FollowActive {
		out.Status = profilesapi.FollowStatusFollowing
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) unfollow(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.Unfollow(r.Context(), r.PathValue("user_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) followRequests(w http.ResponseWriter, r *http.Request) error {
	refs, err := h.app.FollowRequests(r.Context())
	if err != nil {
		return err
	}
	out := profilesapi.FollowRequests{Items: make([]profilesapi.FollowRequest, len(refs))}
	for i, ref := range refs {
		out.Items[i] = profilesapi.FollowRequest{FollowerID: ref.UserID, DisplayName: ref.DisplayName,
			AvatarURL: avatarURL(ref.Avatar, profilesapi.AvatarSmall), RequestedAt: ref.At}
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) accept(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.Accept(r.Context(), r.PathValue("follower_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) decline(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.Decline(r.Context(), r.PathValue("follower_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) followers(w http.ResponseWriter, r *http.Request) error {
	return h.followList(w, r, app.ListFollowers)
}

func (h *Handler) following(w http.ResponseWriter, r *http.Request) error {
	return h.followList(w, r, app.ListFollowing)
}

// listCursor is the position after the last item of a page.
type listCursor struct {
	At int64  `json:"t"` // Unix microseconds
	ID string `json:"id"`
}

func (h *Handler) followList(w http.ResponseWriter, r *http.Request, which app.FollowList) error {
	q := web.NewQuery(r)
	limit := q.Int("limit", 20, 1, 100)
	cursor := q.String("cursor", "", 200)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	page := domain.Page{Limit: limit + 1}
	if cursor != "" {
		var c listCursor
		if err := web.DecodeCursor(cursor, &c); err != nil {
			return err
		}
		page.At, page.ID = time.UnixMicro(c.At), c.ID
	}
	refs, err := h.app.Follows(r.Context(), r.PathValue("user_id"), which, page)
	if err != nil {
		return err
	}
	out := profilesapi.UserPage{Items: []profilesapi.UserRef{}}
	if len(refs) > limit {
		refs = refs[:limit]
		last := refs[limit-1]
		next := web.EncodeCursor(listCursor{At: last.At.UnixMicro(), ID: last.UserID})
		out.NextCursor = &next
	}
	for _, ref := range refs {
		out.Items = append(out.Items, profilesapi.UserRef{UserID: ref.UserID, DisplayName: ref.DisplayName,
			AvatarURL: avatarURL(ref.Avatar, profilesapi.AvatarSmall)})
	}
	w.Header().Set("Cache-Control", "private, no-store")
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}
