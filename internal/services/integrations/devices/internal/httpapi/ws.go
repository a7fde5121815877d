package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/app"
)

var errTokenExpired = apperr.New(apperr.Unauthorized, "token_expired", "the access token expired; send a new auth message or reconnect")

// wsConn is one ingest WebSocket: its caller, and a mutex that keeps
// answers of concurrent batches from interleaving.
type wsConn struct {
	ws      *websocket.Conn
	r       *http.Request
	wmu     sync.Mutex
	caller  app.Caller
	expires time.Time // zero for a device token
	token   string    // the device token, checked again now and then
	checked time.Time
	cmu     sync.Mutex
}

// recheckEvery is how often a device connection's token is looked up
// again, so removing the device ends its open connections too.
const recheckEvery = 10 * time.Second

// ingestWS serves the ingest WebSocket. The first message authenticates
// ({"type":"auth","device_token"|"access_token":...}); the server answers
// {"type":"ready"}. Then each {"type":"batch","seq":n,...} is answered
// {"type":"ack","seq":n,...} once durable or {"type":"error","seq":n,
// "problem":{...}}. Batches may be pipelined; answers can come out of
// order. The origin is not checked: the credential travels in a message,
// not in a cookie a browser would add on another site's behalf.
func (h *Handler) ingestWS(w http.ResponseWriter, r *http.Request) error {
	if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		return apperr.New(apperr.Invalid, "websocket_required", "this route only speaks WebSocket")
	}
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return nil // Accept answered the client
	}
	defer ws.CloseNow()
	ws.SetReadLimit(devicesapi.MaxIngestBody)
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	defer cancel()
	stop := context.AfterFunc(r.Context(), cancel)
	defer stop()
	c := &wsConn{ws: ws, r: r}
	if err := h.wsAuth(ctx, c); err != nil {
		c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Problem: problem(r, err)})
		ws.Close(websocket.StatusPolicyViolation, "authentication failed")
		return nil
	}
	c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeReady, UserID: c.caller.UserID, DeviceID: c.caller.DeviceID})
	h.wsServe(ctx, cancel, c)
	return nil
}

// wsAuth reads the first message and resolves its token.
func (h *Handler) wsAuth(ctx context.Context, c *wsConn) error {
	actx, cancel := context.WithTimeout(ctx, h.opt.WSAuthTimeout)
	defer cancel()
	_, data, err := c.ws.Read(actx)
	if err != nil {
		return apperr.New(apperr.Unauthorized, "auth_timeout", "send {\"type\":\"auth\",...} first")
	}
	var m devicesapi.WSAuth
	if err := app.DecodeStrict(data, &m); err != nil || m.Type != devicesapi.WSTypeAuth {
		return apperr.New(apperr.Unauthorized, "auth_required", "the first message must be {\"type\":\"auth\",\"device_token\"|\"access_token\":...}")
	}
	return h.authenticate(ctx, c, m)
}

// authenticate sets (or, for a repeated auth message, renews) the caller.
func (h *Handler) authenticate(ctx context.Context, c *wsConn, m devicesapi.WSAuth) error {
	var (
		caller  app.Caller
		expires time.Time
		token   string
	)
	switch {
	case m.DeviceToken != "" && m.AccessToken != "":
		return apperr.New(apperr.Invalid, "ambiguous_credentials", "send either a device token or an access token, not both")
	case m.DeviceToken != "":
		var err error
		if caller, err = h.app.DeviceCaller(ctx, m.DeviceToken); err != nil {
			return err
		}
		token = m.DeviceToken
	case m.AccessToken != "":
		if h.verifier == nil {
			return apperr.New(apperr.Unauthorized, "auth_not_configured", "this server does not accept access tokens")
		}
		p, err := h.verifier.Verify(ctx, m.AccessToken)
		if err != nil {
			return err
		}
		caller, expires = app.Caller{UserID: p.Subject}, p.ExpiresAt
	default:
		return apperr.New(apperr.Unauthorized, "unauthenticated", "give device_token or access_token")
	}
	c.cmu.Lock()
	defer c.cmu.Unlock()
	if c.caller.UserID != "" && (c.caller.UserID != caller.UserID || c.caller.DeviceID != caller.DeviceID) {
		return apperr.New(apperr.Forbidden, "caller_changed", "a connection stays with the caller it started with")
	}
	c.caller, c.expires, c.token, c.checked = caller, expires, token, time.Now()
	return nil
}

// current returns the connection's caller, or an error once its access
// token expired or its device was removed.
func (h *Handler) current(ctx context.Context, c *wsConn) (app.Caller, error) {
	c.cmu.Lock()
	defer c.cmu.Unlock()
	now := time.Now()
	if !c.expires.IsZero() && now.After(c.expires) {
		return app.Caller{}, errTokenExpired
	}
	if c.token != "" && now.Sub(c.checked) >= recheckEvery {
		caller, err := h.app.DeviceCaller(ctx, c.token)
		if err != nil {
			return app.Caller{}, err
		}
		c.caller, c.checked = caller, now
	}
	return c.caller, nil
}

// wsServe reads batches until the client leaves, the token expires or the
// service stops, answering each once it is settled.
func (h *Handler) wsServe(ctx context.Context, cancel context.CancelFunc, c *wsConn) {
	slots := make(chan struct{}, h.opt.WSInFlight)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex // orders wg.Go against the stop's wg.Wait
		closing bool
	)
	defer wg.Wait() // answers of batches in flight go out before the close
	go func() {
		t := time.NewTicker(h.opt.WSPingInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-h.stopping:
				mu.Lock()
				closing = true
				mu.Unlock()
				wg.Wait()
				c.ws.Close(websocket.StatusGoingAway, "the server is stopping; reconnect")
				cancel()
				return
			case <-t.C:
				pctx, pcancel := context.WithTimeout(ctx, h.opt.WSPingInterval)
				err := c.ws.Ping(pctx)
				pcancel()
				if err != nil {
					cancel()
					return
				}
			}
		}
	}()
	for {
		_, data, err := c.ws.Read(ctx)
		if err != nil {
			return
		}
		var head struct {
			Type string `json:"type"`
			Seq  int64  `json:"seq"`
		}
		_ = json.Unmarshal(data, &head)
		if head.Type == devicesapi.WSTypeAuth {
			var m devicesapi.WSAuth
			if err := app.DecodeStrict(data, &m); err != nil {
				c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Problem: problem(c.r, err)})
				continue
			}
			if err := h.authenticate(ctx, c, m); err != nil {
				c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Problem: problem(c.r, err)})
				c.ws.Close(websocket.StatusPolicyViolation, "authentication failed")
				return
			}
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeReady, UserID: c.caller.UserID, DeviceID: c.caller.DeviceID})
			continue
		}
		caller, err := h.current(ctx, c)
		if err != nil {
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Seq: head.Seq, Problem: problem(c.r, err)})
			if apperr.KindOf(err) == apperr.Unauthorized {
				wg.Wait()
				c.ws.Close(websocket.StatusPolicyViolation, "credentials no longer valid")
				return
			}
			continue
		}
		var m devicesapi.WSBatch
		if err := app.DecodeStrict(data, &m); err != nil {
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Seq: head.Seq, Problem: problem(c.r, err)})
			continue
		}
		if m.Type != "" && m.Type != devicesapi.WSTypeBatch {
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Seq: m.Seq, Problem: problem(c.r,
				apperr.Validation(apperr.FieldError{Field: "type", Code: "not_allowed", Message: "must be batch or auth"}))})
			continue
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return
		}
		mu.Lock()
		if closing {
			mu.Unlock()
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Seq: m.Seq, Problem: problem(c.r, bus.ErrGroupStopped)})
			return
		}
		wg.Go(func() {
			defer func() { <-slots }()
			res, err := h.app.Ingest(ctx, caller, m.IngestRequest, app.PathWS)
			if err != nil {
				c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeError, Seq: m.Seq, Problem: problem(c.r, err)})
				return
			}
			c.send(ctx, devicesapi.WSMessage{Type: devicesapi.WSTypeAck, Seq: m.Seq, IngestResult: &res})
		})
		mu.Unlock()
	}
}

// send writes one message; a failed write ends the connection's reads.
func (c *wsConn) send(ctx context.Context, m devicesapi.WSMessage) {
	b, err := json.Marshal(m)
	if err != nil {
		return
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.ws.Write(wctx, websocket.MessageText, b); err != nil {
		c.ws.CloseNow()
	}
}

// problem is the problem document of err for a WebSocket answer.
func problem(r *http.Request, err error) *web.Problem {
	p := web.ProblemFor(r, err)
	if p.Status >= 500 && p.Code == "internal_error" {
		web.Logger(r.Context()).ErrorContext(r.Context(), "ingest websocket", "err", err)
	}
	return &p
}
