package auth

import "context"

// HashPeak is the largest number of password hashes that ran at once.
func (s *Service) HashPeak() int { return s.hasher.Peak() }

// HashCount is how many password hashes the service computed.
func (s *Service) HashCount() int { return s.hasher.Count() }

// Housekeep runs one round of expiry housekeeping now.
func (s *Service) Housekeep(ctx context.Context) error { return s.app.Housekeep(ctx) }

// RotateKeys runs one round of key rotation now.
func (s *Service) RotateKeys(ctx context.Context) error { return s.app.RotateKeys(ctx) }
