package httpapi

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/device"
)

// client describes the caller of r: its address and device.
func (h *Handler) client(r *http.Request) app.Client {
	return app.Client{IP: h.clientIP(r), Device: device.Name(r.UserAgent())}
}

// clientIP is the connection's peer (the gateway runs in-process, so that
// is the client), or, when the peer is a trusted proxy, the first address
// from the right of X-Forwarded-For that is not one.
func (h *Handler) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return clipIP(host)
	}
	addr = addr.Unmap().WithZone("")
	if !h.isTrusted(addr) {
		return addr.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		addr = hop.Unmap().WithZone("")
		if !h.isTrusted(addr) {
			break
		}
	}
	return addr.String()
}

func (h *Handler) isTrusted(a netip.Addr) bool {
	for _, p := range h.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func clipIP(s string) string {
	if len(s) > 64 {
		return s[:64]
	}
	return s
}

// secure reports whether the client reached us over HTTPS.
func (h *Handler) secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	return err == nil && h.isTrusted(peer.Addr().Unmap()) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// setRefreshCookie hands the browser the refresh token as an HttpOnly
// cookie only the auth routes receive.
func (h *Handler) setRefreshCookie(w http.ResponseWriter, r *http.Request, t authapi.Tokens) {
	http.SetCookie(w, &http.Cookie{
		Name: authapi.RefreshCookie, Value: t.RefreshToken, Path: authapi.BasePath, MaxAge: t.RefreshExpiresIn,
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteStrictMode,
	})
}

// clearRefreshCookie removes the refresh cookie.
func (h *Handler) clearRefreshCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: authapi.RefreshCookie, Value: "", Path: authapi.BasePath, MaxAge: -1,
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteStrictMode,
	})
}

// noStore marks an answer carrying credentials as never to be cached.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}
