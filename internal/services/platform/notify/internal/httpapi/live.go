package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/live"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// liveInbox upgrades to a WebSocket that sends {kind:"unread"} at once and
// {kind:"item"} plus {kind:"unread"} for every new item. The ticket in
// the query is the credential (browsers cannot send headers on a
// WebSocket); it is spent on use. The Origin must be the request's own
// host or an allowed pattern, so other sites cannot open it.
func (h *Handler) liveInbox(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	ticket := q.String("ticket", "", 128)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		return apperr.New(apperr.Invalid, "websocket_required", "this route only speaks WebSocket")
	}
	if !originAllowed(r, h.live.OriginPatterns) {
		return apperr.New(apperr.Forbidden, "origin_not_allowed", "this origin may not open the live inbox")
	}
	userID, err := h.app.UseTicket(r.Context(), ticket)
	if err != nil {
		return err
	}
	conn, err := h.hub.Register(userID)
	if err != nil {
		return err
	}
	defer h.hub.Unregister(conn)
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{OriginPatterns: h.live.OriginPatterns})
	if err != nil {
		return nil // Accept answered the client
	}
	defer ws.CloseNow()
	// It ends when the client goes (CloseRead also answers pings and
	// close frames; a data message from the client ends it), the hub drops
	// it, or the service stops.
	h.serveLive(ws.CloseRead(r.Context()), ws, conn, userID)
	return nil
}

// serveLive writes the initial unread count, then every message of the
// connection, and pings while idle.
func (h *Handler) serveLive(ctx context.Context, ws *websocket.Conn, conn *live.Conn, userID string) {
	write := func(b []byte) bool {
		wctx, cancel := context.WithTimeout(ctx, h.live.WriteTimeout)
		defer cancel()
		return ws.Write(wctx, websocket.MessageText, b) == nil
	}
	n, err := h.app.Unread(ctx, userID)
	if err != nil {
		ws.Close(websocket.StatusInternalError, "unread count unavailable")
		return
	}
	first, _ := json.Marshal(notifyapi.LiveMessage{Kind: notifyapi.LiveKindUnread, Unread: &n})
	if !write(first) {
		return
	}
	ping := time.NewTicker(h.live.PingInterval)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.hub.Done():
			ws.Close(websocket.StatusGoingAway, domain.ErrStopping.Message)
			return
		case <-conn.Gone():
			ws.Close(websocket.StatusPolicyViolation, conn.Reason())
			return
		case m := <-conn.Messages():
			if !write(m) {
				return
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, h.live.WriteTimeout)
			err := ws.Ping(pctx)
			cancel()
			if err != nil {
				return
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
