package httpapi

import (
	"net/http"
	"slices"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/app"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func (h *Handler) types(w http.ResponseWriter, r *http.Request) error {
	q := web.NewQuery(r)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	all := h.app.Catalog().All()
	out := notifyapi.TypeList{Items: make([]notifyapi.TypeInfo, 0, len(all))}
	for _, t := range all {
		title := map[string]string{}
		for _, l := range notifyapi.Languages {
			title[l] = t.Title[l]
		}
		out.Items = append(out.Items, notifyapi.TypeInfo{Type: t.Type, Category: t.Category,
			Channels: slices.Clone(t.DefaultChannels), Critical: t.Critical, Title: title})
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	web.WriteJSON(w, http.StatusOK, out)
	return nil
}

// cursor is the position a page ends at.
type cursor struct {
	ID string `json:"id"`
}

// pageParams reads cursor and limit.
func pageParams(q *web.Query) (after string, limit int) {
	limit = q.Int("limit", 20, 1, 100)
	if c := q.String("cursor", "", 512); c != "" {
		var cur cursor
		if err := web.DecodeCursor(c, &cur); err != nil {
			q.Fail("cursor", "invalid", "not a cursor this server made")
		}
		after = cur.ID
	}
	return after, limit
}

func nextCursor(id string) *string {
	if id == "" {
		return nil
	}
	c := web.EncodeCursor(cursor{ID: id})
	return &c
}

func (h *Handler) ownDeliveries(w http.ResponseWriter, r *http.Request) error {
	p, err := authn.Require(r.Context())
	if err != nil {
		return err
	}
	q := web.NewQuery(r)
	after, limit := pageParams(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.app.Deliveries(r.Context(), p.Subject, after, limit)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toDeliveryPage(page, false))
	return nil
}

func (h *Handler) adminDeliveries(w http.ResponseWriter, r *http.Request) error {
	if _, err := authn.RequirePermission(r.Context(), notifyapi.PermDeliveriesRead); err != nil {
		return err
	}
	q := web.NewQuery(r)
	userID := q.String("user_id", "", 64)
	after, limit := pageParams(q)
	q.Strict()
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.app.Deliveries(r.Context(), userID, after, limit)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, toDeliveryPage(page, true))
	return nil
}

// toDeliveryPage converts a page of the delivery log. Users see why a
// channel was skipped, but only that a send failed: the error text of a
// mail server or gateway is for staff.
func toDeliveryPage(page app.DeliveryPage, staff bool) notifyapi.DeliveryPage {
	out := notifyapi.DeliveryPage{Items: make([]notifyapi.Delivery, 0, len(page.Items)), NextCursor: nextCursor(page.Next)}
	for _, d := range page.Items {
		out.Items = append(out.Items, toDelivery(d, staff))
	}
	return out
}

func toDelivery(d domain.Delivery, staff bool) notifyapi.Delivery {
	out := notifyapi.Delivery{ID: d.ID, NotificationID: d.NotificationID, UserID: d.UserID, Type: d.Type,
		Channel: d.Channel, Status: d.Status, Attempts: d.Attempts, At: d.UpdatedAt}
	if d.Reason != "" {
		msg := d.Reason
		if !staff && d.Status != notifyapi.StatusSkipped {
			msg = "delivery_failed"
		}
		out.Error = &msg
	}
	return out
}
