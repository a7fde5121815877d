package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.Logout(r.Context()); err != nil {
		return err
	}
	h.clearRefreshCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) error {
	me, err := h.app.Me(r.Context())
	if err != nil {
		return err
	}
	noStore(w)
	web.WriteJSON(w, http.StatusOK, me)
	return nil
}

func (h *Handler) deleteMe(w http.ResponseWriter, r *http.Request) error {
	var req authapi.DeleteAccountRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.DeleteAccount(r.Context(), req.Password, req.Code); err != nil {
		return err
	}
	h.clearRefreshCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) error {
	var req authapi.ChangePasswordRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.ChangePassword(r.Context(), req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) sessions(w http.ResponseWriter, r *http.Request) error {
	items, err := h.app.Sessions(r.Context())
	if err != nil {
		return err
	}
	noStore(w)
	web.WriteJSON(w, http.StatusOK, authapi.Sessions{Items: items})
	return nil
}

func (h *Handler) revokeSession(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.RevokeSession(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) revokeOthers(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.RevokeOtherSessions(r.Context()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) setup2FA(w http.ResponseWriter, r *http.Request) error {
	e, err := h.app.SetupTwoFactor(r.Context())
	if err != nil {
		return err
	}
	noStore(w)
	web.WriteJSON(w, http.StatusOK, authapi.TwoFactorSetup{Secret: e.Secret, OTPAuthURL: e.OTPAuthURL, QRPNG: e.QRPNG})
	return nil
}

func (h *Handler) enable2FA(w http.ResponseWriter, r *http.Request) error {
	var req authapi.CodeRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	out, err := h.app.EnableTwoFactor(r.Context(), req.Code)
	if err != nil {
		return err
	}
	noStore(w)
	if out.Tokens != nil {
		h.setRefreshCookie(w, r, *out.Tokens)
	}
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (h *Handler) disable2FA(w http.ResponseWriter, r *http.Request) error {
	var req authapi.CodeRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.DisableTwoFactor(r.Context(), req.Code); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) recoveryCodes(w http.ResponseWriter, r *http.Request) error {
	var req authapi.CodeRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	out, err := h.app.RegenerateRecoveryCodes(r.Context(), req.Code)
	if err != nil {
		return err
	}
	noStore(w)
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}
