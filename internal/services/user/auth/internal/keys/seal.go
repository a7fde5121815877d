package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Sealer encrypts secrets kept in the database (signing keys, TOTP
// secrets) with AES-256-GCM under the configured key-encryption key. The
// additional data binds a sealed value to its row, so a value copied into
// another row does not open. Without a key, values are stored in the clear
// (marked as such), and a key configured later still reads them.
type Sealer struct {
	aead cipher.AEAD // nil: no key-encryption key configured
}

const (
	sealedPrefix = "gcm1:"
	plainPrefix  = "raw:"
)

// NewSealer returns a sealer for a 32-byte key; a nil key stores values in
// the clear.
func NewSealer(kek []byte) (*Sealer, error) {
	if kek == nil {
		return &Sealer{}, nil
	}
	if len(kek) != 32 {
		return nil, fmt.Errorf("key encryption key has %d bytes, want 32", len(kek))
	}
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// Encrypted reports whether values are sealed.
func (s *Sealer) Encrypted() bool { return s.aead != nil }

// Seal returns the stored form of secret, bound to aad.
func (s *Sealer) Seal(secret []byte, aad string) string {
	if s.aead == nil {
		return plainPrefix + base64.RawURLEncoding.EncodeToString(secret)
	}
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := s.aead.Seal(nonce, nonce, secret, []byte(aad))
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out)
}

// Open returns the secret of a stored value written by Seal with the same aad.
func (s *Sealer) Open(stored, aad string) ([]byte, error) {
	switch {
	case strings.HasPrefix(stored, plainPrefix):
		return base64.RawURLEncoding.DecodeString(stored[len(plainPrefix):])
	case strings.HasPrefix(stored, sealedPrefix):
		if s.aead == nil {
			return nil, errors.New("secret is encrypted but no key encryption key is configured")
		}
		raw, err := base64.RawURLEncoding.DecodeString(stored[len(sealedPrefix):])
		if err != nil || len(raw) < s.aead.NonceSize() {
			return nil, errors.New("malformed sealed secret")
		}
		n := s.aead.NonceSize()
		plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(aad))
		if err != nil {
			return nil, errors.New("sealed secret does not open with the configured key encryption key")
		}
		return plain, nil
	}
	return nil, errors.New("unknown secret format")
}
