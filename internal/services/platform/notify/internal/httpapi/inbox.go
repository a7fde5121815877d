package httpapi

import (
	"net/http"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/app"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	q := web.NewQuery(r)
	unread, _ := q.Bool("unread")
	after, limit := pageParams(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.app.Inbox(r.Context(), p.Subject, unread, after, limit)
	if err != nil {
		return err
	}
	out := notifyapi.InboxPage{Items: make([]notifyapi.InboxItem, 0, len(page.Items)),
		NextCursor: nextCursor(page.Next), Unread: page.Unread}
	for _, it := range page.Items {
		out.Items = append(out.Items, app.ItemDTO(it))
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

// noQuery refuses query parameters on routes that take none.
func noQuery(r *http.Request) error {
	q := web.NewQuery(r)
	q.Strict()
	return q.Err()
}

func (h *Handler) unreadCount(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	n, err := h.app.Unread(r.Context(), p.Subject)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, notifyapi.UnreadCount{Unread: n})
	return nil
}

func (h *Handler) markRead(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		return domain.ErrItemNotFound
	}
	if err := h.app.MarkRead(r.Context(), p.Subject, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) markAllRead(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	if err := h.app.MarkAllRead(r.Context(), p.Subject); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handler) ticket(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	t, err := h.app.IssueTicket(r.Context(), p.Subject)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	web.WriteJSON(w, http.StatusOK, notifyapi.Ticket{Ticket: t, ExpiresIn: h.app.TicketTTL()})
	return nil
}
