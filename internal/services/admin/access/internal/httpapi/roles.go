package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/app"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

func (h *Handler) permissions(w http.ResponseWriter, r *http.Request) error {
	items, err := h.app.Permissions(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, accessapi.PermissionList{Items: items})
	return nil
}

func (h *Handler) roles(w http.ResponseWriter, r *http.Request) error {
	roles, err := h.app.Roles(r.Context())
	if err != nil {
		return err
	}
	out := accessapi.RoleList{Items: make([]accessapi.Role, len(roles))}
	for i, role := range roles {
		out.Items[i] = toRole(role)
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) saveRole(w http.ResponseWriter, r *http.Request) error {
	var in accessapi.RoleInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	role, err := h.app.SaveRole(r.Context(), r.PathValue("name"), app.RoleInput(in))
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toRole(role))
	return nil
}

func (h *Handler) deleteRole(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	reason := q.String("reason", "", 2*domain.MaxReason)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	if err := h.app.DeleteRole(r.Context(), r.PathValue("name"), reason); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func toRole(r domain.Role) accessapi.Role {
	perms := r.Permissions
	if perms == nil {
		perms = []string{}
	}
	return accessapi.Role{Name: r.Name, Staff: r.Staff, Builtin: r.Builtin, Permissions: perms,
		Description: r.Description, Members: r.Members}
}
