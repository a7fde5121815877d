package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/app"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// liveView upgrades to the live view of a session for the holder of a
// watch ticket (spent on use; browsers cannot send headers on a
// WebSocket). The first message is the session's state as the viewer may
// see it; then points, state changes and the end.
func (h *Handler) liveView(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	ticket := q.String("ticket", "", 128)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	if err := h.checkUpgrade(r); err != nil {
		return err
	}
	wt, err := h.app.UseTicket(r.Context(), r.PathValue("id"), ticket)
	if err != nil {
		return err
	}
	return h.serve(w, r, wt)
}

// sharedLive upgrades to the live view of a session for the holder of a
// share link, until the link expires or is revoked.
func (h *Handler) sharedLive(w http.ResponseWriter, r *http.Request) error {
	if err := h.checkUpgrade(r); err != nil {
		return err
	}
	wt, err := h.app.ShareWatcher(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return h.serve(w, r, wt)
}

func (h *Handler) checkUpgrade(r *http.Request) error {
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		return apperr.New(apperr.Invalid, "websocket_required", "this route only speaks WebSocket")
	}
	if !originAllowed(r, h.live.OriginPatterns) {
		return apperr.New(apperr.Forbidden, "origin_not_allowed", "this origin may not open a live view")
	}
	return nil
}

// serve joins the hub, then sends the state read after joining (so no
// update falls between the two) and every update until the session ends,
// access is revoked, the viewer falls behind, a share link expires, the
// client goes or the server stops. Clients drop points they already have
// (by t): an update may repeat the last point of the state.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, wt app.Watcher) error {
	v, err := h.app.Join(wt)
	if err != nil {
		return err
	}
	defer h.app.Leave(v)
	state, status, err := h.app.LiveState(r.Context(), wt)
	if err != nil {
		return err
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{OriginPatterns: h.live.OriginPatterns})
	if err != nil {
		return nil // Accept answered the client
	}
	defer ws.CloseNow()
	// CloseRead answers pings and close frames; a data message from the
	// client ends the connection.
	ctx := ws.CloseRead(r.Context())
	write := func(b []byte) bool {
		wctx, cancel := context.WithTimeout(ctx, h.live.WriteTimeout)
		defer cancel()
		return ws.Write(wctx, websocket.MessageText, b) == nil
	}
	if !write(state) {
		return nil
	}
	if status == trackerapi.StatusFinished || status == trackerapi.StatusDiscarded {
		_ = write(app.EndedMessage(status))
		ws.Close(websocket.StatusNormalClosure, live.ReasonEnded)
		return nil
	}
	var expiry <-chan time.Time
	if !wt.Expires.IsZero() {
		t := time.NewTimer(time.Until(wt.Expires))
		defer t.Stop()
		expiry = t.C
	}
	ping := time.NewTicker(h.live.PingInterval)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-h.app.Hub().Done():
			ws.Close(websocket.StatusGoingAway, domain.ErrStopping.Message)
			return nil
		case <-expiry:
			ws.Close(websocket.StatusPolicyViolation, "share link expired")
			return nil
		case <-v.Gone():
			if v.Reason() == live.ReasonEnded {
				for drained := false; !drained; {
					select {
					case m := <-v.Messages():
						if !write(m) {
							return nil
						}
					default:
						drained = true
					}
				}
				ws.Close(websocket.StatusNormalClosure, live.ReasonEnded)
				return nil
			}
			ws.Close(websocket.StatusPolicyViolation, v.Reason())
			return nil
		case m := <-v.Messages():
			if !write(m) {
				return nil
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, h.live.WriteTimeout)
			err := ws.Ping(pctx)
			cancel()
			if err != nil {
				return nil
			}
		}
	}
}

// originAllowed mirrors the WebSocket library's check so a refusal is a
// problem document: no Origin (not a browser), the request's own host, or
// a host matching one of patterns (path.Match, case-insensitive; patterns
// with "://" match scheme://host).
func originAllowed(r *http.Request, patterns []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	for _, p := range patterns {
		target := u.Host
		if strings.Contains(p, "://") {
			target = u.Scheme + "://" + u.Host
		}
		if ok, err := path.Match(strings.ToLower(p), strings.ToLower(target)); err == nil && ok {
			return true
		}
	}
	return false
}
