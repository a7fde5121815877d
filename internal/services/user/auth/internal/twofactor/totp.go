// Package twofactor implements the second factor: TOTP (RFC 6238: SHA-1,
// six digits, 30-second steps) with replay protection by step number, the
// enrolment material (otpauth URL and QR code), and single-use recovery
// codes stored as hashes.
package twofactor

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"image/png"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// Issuer names SportHub in authenticator apps.
const Issuer = "SportHub"

// Period is the TOTP step.
const Period = 30

var opts = totp.ValidateOpts{Period: Period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a new TOTP secret and how to show it to the user.
type Enrolment struct {
	Secret     string // base32, no padding
	OTPAuthURL string
	QRPNG      string // data:image/png;base64,...
}

// NewEnrolment generates a 160-bit secret for account (the user's email).
func NewEnrolment(account string) (Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: Issuer, AccountName: account, Period: Period, SecretSize: 20,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		return Enrolment{}, fmt.Errorf("generate totp secret: %w", err)
	}
	img, err := key.Image(256, 256)
	if err != nil {
		return Enrolment{}, fmt.Errorf("totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrolment{}, fmt.Errorf("encode totp qr code: %w", err)
	}
	return Enrolment{
		Secret: key.Secret(), OTPAuthURL: key.URL(),
		QRPNG: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()),
	}, nil
}

// Step returns the TOTP step number of t.
func Step(t time.Time) int64 { return t.Unix() / Period }

// Code returns the code of secret at step (for tests and tools).
func Code(secret string, step int64) (string, error) {
	return totp.GenerateCodeCustom(secret, time.Unix(step*Period, 0).UTC(), opts)
}

// Match checks code against secret at now, accepting the current step and
// the one before it (a code typed just as it changed), and returns the
// step it matched. Steps at or before after (the last step accepted for
// this secret) are refused, so no code works twice.
func Match(secret, code string, now time.Time, after int64) (int64, bool) {
	if len(code) != 6 {
		return 0, false
	}
	cur := Step(now)
	for _, step := range []int64{cur, cur - 1} {
		if step <= after {
			continue
		}
		want, err := Code(secret, step)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// IsTOTPCode reports whether s looks like a TOTP code (six digits) rather
// than a recovery code.
func IsTOTPCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
