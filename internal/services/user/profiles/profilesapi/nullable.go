package profilesapi

import (
	"bytes"
	"encoding/json"
)

// Nullable is a PATCH field that tells "left out" (Set false), "null"
// (Set true, Null true) and a value apart.
type Nullable[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// Of returns a Nullable holding v.
func Of[T any](v T) Nullable[T] { return Nullable[T]{Set: true, Value: v} }

// Null returns a Nullable that clears the field.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }

// Ptr returns the value, or nil when null or left out.
func (n Nullable[T]) Ptr() *T {
	if !n.Set || n.Null {
		return nil
	}
	v := n.Value
	return &v
}

// IsZero reports a field left out, so `omitzero` leaves it out when encoding.
func (n Nullable[T]) IsZero() bool { return !n.Set }

// UnmarshalJSON implements json.Unmarshaler; it runs only for fields present.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		n.Null = true
		var zero T
		n.Value = zero
		return nil
	}
	n.Null = false
	return json.Unmarshal(b, &n.Value)
}

// MarshalJSON implements json.Marshaler.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Set || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}
