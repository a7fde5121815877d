// Package httpapi serves the settings service's HTTP API: the caller's own
// settings (GET and PATCH /me) and marketing consent. Handlers decode and
// validate input, call the application layer and answer the public shapes
// of settingsapi.
package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/settings/settingsapi"
)

// Handler holds the settings service's HTTP handlers.
type Handler struct {
	app *app.App
}

// New returns the handlers over the application layer.
func New(a *app.App) *Handler { return &Handler{app: a} }

const b = settingsapi.BasePath

// Routes binds every public route of settingsapi.Routes to its handler.
func (h *Handler) Routes() []web.Route {
	handlers := map[string]web.HandlerFunc{
		"GET " + b + "/me":                   h.get,
		"PATCH " + b + "/me":                 h.patch,
		"PUT " + b + "/me/marketing-consent": h.consent,
	}
	return web.Bind(settingsapi.Routes, handlers)
}

// Mux returns a ServeMux serving every route.
func (h *Handler) Mux() http.Handler { return web.Mux(h.Routes()) }

func (h *Handler) get(w http.ResponseWriter, r *http.Request) error {
	s, err := h.app.Get(r.Context())
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, app.ToAPI(s))
	return nil
}

func (h *Handler) patch(w http.ResponseWriter, r *http.Request) error {
	var in settingsapi.Patch
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	p, err := patchFromAPI(in)
	if err != nil {
		return err
	}
	s, err := h.app.Update(r.Context(), p)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, app.ToAPI(s))
	return nil
}

func (h *Handler) consent(w http.ResponseWriter, r *http.Request) error {
	var in settingsapi.ConsentInput
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	if in.Granted == nil {
		return apperr.Validation(apperr.FieldError{Field: "granted", Code: "required", Message: "say true or false"})
	}
	s, err := h.app.SetConsent(r.Context(), *in.Granted)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, app.ToAPI(s))
	return nil
}

// patchFromAPI converts a patch body to the domain's, checking what the
// JSON shape alone cannot: overrides name all four channels, and consent
// says granted.
func patchFromAPI(in settingsapi.Patch) (domain.Patch, error) {
	p := domain.Patch{
		Theme: in.Theme, Units: in.Units, FirstDayOfWeek: in.FirstDayOfWeek, Language: in.Language,
		Region: in.Region, TimeZone: in.TimeZone, Currency: in.Currency,
		PhoneSet: in.Phone.Set, Phone: in.Phone.Value,
	}
	var f apperr.Fields
	if len(in.Notifications) > domain.MaxOverrides {
		f.Add("notifications", "too_many", "too many notification overrides in one change")
	} else if in.Notifications != nil {
		p.Notifications = make(map[string]*domain.Channels, len(in.Notifications))
		for typ, ch := range in.Notifications {
			if ch == nil {
				p.Notifications[typ] = nil
				continue
			}
			if ch.Push == nil || ch.Email == nil || ch.SMS == nil || ch.InApp == nil {
				f.Add("notifications."+clip(typ), "required", "give all four channels: push, email, sms, in_app")
				continue
			}
			p.Notifications[typ] = &domain.Channels{Push: *ch.Push, Email: *ch.Email, SMS: *ch.SMS, InApp: *ch.InApp}
		}
	}
	if q := in.QuietHours; q != nil {
		p.QuietEnabled, p.QuietStart, p.QuietEnd = q.Enabled, q.Start, q.End
	}
	if c := in.MarketingConsent; c != nil {
		if c.Granted == nil {
			f.Add("marketing_consent.granted", "required", "say true or false")
		}
		p.Consent = c.Granted
	}
	return p, f.Err()
}

// clip shortens a client-chosen key used in a field name.
func clip(s string) string {
	if len(s) > domain.MaxTypeLength {
		return s[:domain.MaxTypeLength]
	}
	return s
}
