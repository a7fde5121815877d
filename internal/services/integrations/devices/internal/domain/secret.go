package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// PairingTTL is how long a pairing code works by default.
const PairingTTL = 10 * time.Minute

// CodeAlphabet has no characters that look alike (0/O, 1/I/L), so a code
// read off a screen is typed right. 31^8 codes.
const CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// CodeLength is the length of a pairing code.
const CodeLength = 8

// Pairing is a code waiting for a device.
type Pairing struct {
	CodeHash, UserID, Kind, Name string
	CreatedAt, ExpiresAt         time.Time
}

// NewCode returns a random pairing code.
func NewCode() string {
	var b [CodeLength]byte
	out := make([]byte, CodeLength)
	for {
		_, _ = rand.Read(b[:])
		ok := true
		for i, v := range b {
			// Rejection sampling keeps every character equally likely.
			if int(v) >= 256/len(CodeAlphabet)*len(CodeAlphabet) {
				ok = false
				break
			}
			out[i] = CodeAlphabet[int(v)%len(CodeAlphabet)]
		}
		if ok {
			return string(out)
		}
	}
}

// NormalizeCode makes a typed code comparable: upper case, without
// spaces and dashes.
func NormalizeCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, code)
}

// ValidCode reports whether a (normalized) code can be one NewCode made.
func ValidCode(code string) bool {
	if len(code) != CodeLength {
		return false
	}
	for _, r := range code {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return false
		}
	}
	return true
}

// TokenPrefix starts every device token, so a leaked one is recognisable.
const TokenPrefix = "shd_"

// NewToken returns a random device token (256 bits).
func NewToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// Hash is what the database keeps of a code or token: its SHA-256. Both
// are random and high-entropy (codes also expire in minutes), so a fast
// hash suffices; the database alone never yields a working secret.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
