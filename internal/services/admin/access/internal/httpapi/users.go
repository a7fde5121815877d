package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/app"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// Paging limits of the user search.
const (
	defaultLimit = 20
	maxLimit     = 100
	maxQuery     = 100
)

func (h *Handler) searchUsers(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	uq := domain.UserQuery{
		Text:   q.String("q", "", maxQuery),
		Role:   q.String("role", "", 31),
		Status: domain.Status(q.Enum("status", "", string(domain.StatusActive), string(domain.StatusBlocked), string(domain.StatusLocked))),
		Limit:  q.Int("limit", defaultLimit, 1, maxLimit),
	}
	if uq.Role != "" && !domain.ValidRoleName(uq.Role) {
		q.Fail("role", "invalid_format", "not a role name")
	}
	cursor := q.String("cursor", "", 1024)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	if cursor != "" {
		var c domain.UserCursor
		if err := web.DecodeCursor(cursor, &c); err != nil {
			return err
		}
		uq.After = &c
	}
	page, err := h.app.SearchUsers(r.Context(), uq)
	if err != nil {
		return err
	}
	now := h.app.Now()
	out := accessapi.UserPage{Items: make([]accessapi.UserSummary, len(page.Items))}
	for i, u := range page.Items {
		out.Items[i] = toSummary(u, now)
	}
	if page.Next != nil {
		c := web.EncodeCursor(page.Next)
		out.NextCursor = &c
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) user(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.User(r.Context(), r.PathValue("id"))
	return h.writeUser(w, v, err)
}

// rolesBody is PUT /users/{id}/roles as decoded: roles must be given (an
// empty list removes every assigned role).
type rolesBody struct {
	Roles  *[]string `json:"roles"`
	Reason string    `json:"reason"`
}

func (h *Handler) setRoles(w http.ResponseWriter, r *http.Request) error {
	var in rolesBody
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if in.Roles == nil {
		return apperr.Validation(apperr.FieldError{Field: "roles", Code: "required", Message: "give the user's roles ([] for none)"})
	}
	v, err := h.app.SetUserRoles(r.Context(), r.PathValue("id"), *in.Roles, in.Reason)
	return h.writeUser(w, v, err)
}

func (h *Handler) block(w http.ResponseWriter, r *http.Request) error {
	return h.reasoned(w, r, h.app.Block)
}

func (h *Handler) unblock(w http.ResponseWriter, r *http.Request) error {
	return h.reasoned(w, r, h.app.Unblock)
}

func (h *Handler) unlock(w http.ResponseWriter, r *http.Request) error {
	return h.reasoned(w, r, h.app.Unlock)
}

// reasoned serves an action on a user whose body is {reason}.
func (h *Handler) reasoned(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, userID, reason string) (app.UserView, error)) error {
	var in accessapi.ReasonInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	v, err := act(r.Context(), r.PathValue("id"), in.Reason)
	return h.writeUser(w, v, err)
}

func (h *Handler) writeUser(w http.ResponseWriter, v app.UserView, err error) error {
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toDetail(v, h.app.Now()))
	return nil
}

func toSummary(u domain.User, now time.Time) accessapi.UserSummary {
	roles := append([]string{accessapi.RoleAthlete}, u.Roles...)
	return accessapi.UserSummary{UserID: u.UserID, Email: u.Email, DisplayName: u.DisplayName, Roles: roles,
		Blocked: u.Blocked, Locked: u.Locked(now), EmailVerified: u.EmailVerified, RegisteredAt: u.RegisteredAt}
}

func toDetail(v app.UserView, now time.Time) accessapi.UserDetail {
	out := accessapi.UserDetail{UserSummary: toSummary(v.User, now), TwoFactorEnabled: v.TwoFactor,
		Actions: make([]accessapi.StaffAction, len(v.Actions))}
	for i, a := range v.Actions {
		out.Actions[i] = accessapi.StaffAction{ID: a.ID, ActorID: a.ActorID, Action: a.Action, Reason: a.Reason,
			Details: a.Details, At: a.At}
		if a.ActorEmail != "" {
			email := a.ActorEmail
			out.Actions[i].ActorEmail = &email
		}
	}
	return out
}
