package httpapi

import (
	"errors"
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
)

func (h *Handler) jwks(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "public, max-age=60")
	web.WriteJSON(w, http.StatusOK, h.app.JWKS())
	return nil
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) error {
	var req authapi.RegisterRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.Register(r.Context(), req.Email, req.Password, req.Language); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusAccepted, authapi.Status{Status: authapi.StatusVerificationSent})
	return nil
}

func (h *Handler) verifyEmail(w http.ResponseWriter, r *http.Request) error {
	var req authapi.TokenRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.VerifyEmail(r.Context(), req.Token); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, authapi.Status{Status: authapi.StatusVerified})
	return nil
}

func (h *Handler) resend(w http.ResponseWriter, r *http.Request) error {
	var req authapi.EmailRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.ResendVerification(r.Context(), req.Email); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusAccepted, authapi.Status{Status: authapi.StatusAccepted})
	return nil
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	var req authapi.LoginRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	res, err := h.app.Login(r.Context(), req.Email, req.Password, h.client(r))
	if err != nil {
		return err
	}
	noStore(w)
	if res.MFA != nil {
		web.WriteJSON(w, http.StatusOK, res.MFA)
		return nil
	}
	h.setRefreshCookie(w, r, *res.Tokens)
	web.WriteJSON(w, http.StatusOK, res.Tokens)
	return nil
}

func (h *Handler) loginSecondFactor(w http.ResponseWriter, r *http.Request) error {
	var req authapi.LoginSecondFactorRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	t, err := h.app.LoginSecondFactor(r.Context(), req.MFAToken, req.Code, req.RecoveryCode)
	if err != nil {
		return err
	}
	noStore(w)
	h.setRefreshCookie(w, r, t)
	web.WriteJSON(w, http.StatusOK, t)
	return nil
}

// refresh takes the refresh token from the body, or else from the cookie.
func (h *Handler) refresh(w http.ResponseWriter, r *http.Request) error {
	var req authapi.RefreshRequest
	if r.ContentLength != 0 {
		if err := web.DecodeJSON(r, &req); err != nil && !isEmptyBody(err) {
			return err
		}
	}
	token := req.RefreshToken
	if token == "" {
		if c, err := r.Cookie(authapi.RefreshCookie); err == nil {
			token = c.Value
		}
	}
	t, err := h.app.Refresh(r.Context(), token, h.client(r))
	if err != nil {
		if apperr.IsKind(err, apperr.Unauthorized) || apperr.IsKind(err, apperr.Forbidden) {
			h.clearRefreshCookie(w, r)
		}
		return err
	}
	noStore(w)
	h.setRefreshCookie(w, r, t)
	web.WriteJSON(w, http.StatusOK, t)
	return nil
}

func isEmptyBody(err error) bool {
	var ae *apperr.Error
	return errors.As(err, &ae) && ae.Code == "empty_body"
}

func (h *Handler) forgot(w http.ResponseWriter, r *http.Request) error {
	var req authapi.EmailRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.ForgotPassword(r.Context(), req.Email); err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusAccepted, authapi.Status{Status: authapi.StatusAccepted})
	return nil
}

func (h *Handler) reset(w http.ResponseWriter, r *http.Request) error {
	var req authapi.ResetPasswordRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.ResetPassword(r.Context(), req.Token, req.NewPassword); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) unlock(w http.ResponseWriter, r *http.Request) error {
	var req authapi.TokenRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		return err
	}
	if err := h.app.Unlock(r.Context(), req.Token); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
