package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// SearchUsers implements domain.Repository: newest registrations first,
// matching a case-insensitive substring of the email or display name.
func (s *Store) SearchUsers(ctx context.Context, q domain.UserQuery) (domain.UserPage, error) {
	var (
		a     argList
		where []string
	)
	if text := strings.ToLower(strings.TrimSpace(q.Text)); text != "" {
		p := a.add("%" + escapeLike(text) + "%")
		where = append(where, `(u.email_lower LIKE `+p+` ESCAPE '\' OR u.name_lower LIKE `+p+` ESCAPE '\')`)
	}
	if q.Role != "" && q.Role != accessapi.RoleAthlete {
		where = append(where, `EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.user_id AND ur.role = `+a.add(q.Role)+`)`)
	}
	switch q.Status {
	case domain.StatusBlocked:
		where = append(where, `u.blocked`)
	case domain.StatusLocked:
		where = append(where, `u.locked_until > `+a.add(dbTime(q.Now)))
	case domain.StatusActive:
		where = append(where, `NOT u.blocked AND (u.locked_until IS NULL OR u.locked_until <= `+a.add(dbTime(q.Now))+`)`)
	}
	if c := q.After; c != nil {
		t := a.add(dbTime(c.RegisteredAt))
		where = append(where, `(u.registered_at < `+t+` OR (u.registered_at = `+t+` AND u.user_id < `+a.add(c.UserID)+`))`)
	}
	sqlText := `SELECT ` + userColumns + ` FROM users u`
	if len(where) > 0 {
		sqlText += ` WHERE ` + strings.Join(where, ` AND `)
	}
	sqlText += ` ORDER BY u.registered_at DESC, u.user_id DESC LIMIT ` + a.add(q.Limit+1)
	users, err := sqldb.QueryAll(ctx, s.db.Q(ctx), sqlText, a.args, scanUser)
	if err != nil {
		return domain.UserPage{}, fmt.Errorf("search users: %w", err)
	}
	var page domain.UserPage
	if len(users) > q.Limit {
		users = users[:q.Limit]
		last := users[len(users)-1]
		page.Next = &domain.UserCursor{RegisteredAt: last.RegisteredAt, UserID: last.UserID}
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.UserID
	}
	roles, err := s.rolesOf(ctx, ids)
	if err != nil {
		return page, err
	}
	for i := range users {
		users[i].Roles = roles[users[i].UserID]
	}
	page.Items = users
	return page, nil
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
