// Package httpapi serves the profiles service's HTTP API: the owner's own
// profile, avatar, privacy, zones, goals and follow requests, and the
// anonymous public pages (profiles, follower lists, avatar files) filtered by
// each owner's privacy. Handlers decode and validate input, call the
// application layer, and convert domain values to the shapes of profilesapi.
package httpapi

import (
	"errors"
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Handler holds the profiles service's HTTP handlers.
type Handler struct {
	app *app.App
}

// New returns the handlers over the application layer.
func New(a *app.App) *Handler { return &Handler{app: a} }

const b = profilesapi.BasePath

// Routes binds every public route of profilesapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/me":                                        h.getMe,
		"PATCH " + b + "/me":                                      h.patchMe,
		"PUT " + b + "/me/avatar":                                 h.putAvatar,
		"DELETE " + b + "/me/avatar":                              h.deleteAvatar,
		"GET " + b + "/avatars/{size}/{name}":                     h.getAvatar,
		"GET " + b + "/me/privacy":                                h.getPrivacy,
		"PUT " + b + "/me/privacy":                                h.putPrivacy,
		"POST " + b + "/me/privacy-zones":                         h.addZone,
		"DELETE " + b + "/me/privacy-zones/{id}":                  h.deleteZone,
		"GET " + b + "/me/goals":                                  h.listGoals,
		"POST " + b + "/me/goals":                                 h.createGoal,
		"PUT " + b + "/me/goals/{id}":                             h.updateGoal,
		"DELETE " + b + "/me/goals/{id}":                          h.deleteGoal,
		"GET " + b + "/me/follow-requests":                        h.followRequests,
		"POST " + b + "/me/follow-requests/{follower_id}/accept":  h.accept,
		"POST " + b + "/me/follow-requests/{follower_id}/decline": h.decline,
		"GET " + b + "/{user_id}":                                 h.publicProfile,
		"POST " + b + "/{user_id}/follow":                         h.follow,
		"DELETE " + b + "/{user_id}/follow":                       h.unfollow,
		"GET " + b + "/{user_id}/followers":                       h.followers,
		"GET " + b + "/{user_id}/following":                       h.following,
	}
	return web.Bind(profilesapi.Routes, handlers)
}

// Mux returns a ServeMux serving every route, answering unmatched paths
// with problem documents.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

// writeError writes err, answering unsupported pictures 415 (a status no
// error kind maps to).
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, domain.ErrUnsupportedMedia) {
		p := web.ProblemFor(r, err)
		p.Status, p.Title = http.StatusUnsupportedMediaType, http.StatusText(http.StatusUnsupportedMediaType)
		web.WriteProblem(w, p)
		return
	}
	web.WriteError(w, r, err)
}
