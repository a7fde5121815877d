package twofactor

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// RecoveryCodeCount is how many recovery codes a user gets at a time.
const RecoveryCodeCount = 10

// alphabet has 32 symbols, so each character carries 5 random bits; a
// code's 10 characters carry 50.
const alphabet = "abcdefghijklmnopqrstuvwxyz234567"

// NewRecoveryCodes returns RecoveryCodeCount fresh codes shaped
// xxxx-xxxx-xx.
func NewRecoveryCodes() []string {
	out := make([]string, RecoveryCodeCount)
	for i := range out {
		var b [10]byte
		_, _ = rand.Read(b[:])
		var sb strings.Builder
		for j, v := range b {
			if j == 4 || j == 8 {
				sb.WriteByte('-')
			}
			sb.WriteByte(alphabet[v&31])
		}
		out[i] = sb.String()
	}
	return out
}

// HashRecoveryCode returns the stored form of a recovery code: the SHA-256
// of its characters without separators, lowercase. Codes carry 50 random
// bits, so a fast hash is enough.
func HashRecoveryCode(code string) string {
	var sb strings.Builder
	for _, c := range strings.ToLower(code) {
		if c != '-' && c != ' ' {
			sb.WriteRune(c)
		}
	}
	sum := sha256.Sum256([]byte(sb.String()))
	return hex.EncodeToString(sum[:])
}
