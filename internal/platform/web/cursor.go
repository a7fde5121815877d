package web

import (
	"encoding/base64"
	"encoding/json"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// EncodeCursor turns a position (any JSON-encodable value, typically the
// sort key and id of the last item returned) into an opaque cursor.
func EncodeCursor(pos any) string {
	b, err := json.Marshal(pos)
	if err != nil {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads an opaque cursor back into pos. A cursor the server did
// not make is an Invalid error on the "cursor" parameter.
func DecodeCursor(cursor string, pos any) error {
	bad := apperr.Validation(apperr.FieldError{Field: "cursor", Code: "invalid_cursor", Message: "the cursor is not one this API returned"})
	if len(cursor) > 1024 {
		return bad
	}
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return bad
	}
	if err := json.Unmarshal(b, pos); err != nil {
		return bad
	}
	return nil
}

// Page is the JSON shape of one page of a cursor-paginated list.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}
