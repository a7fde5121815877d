package password

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters. OWASP's minimum, and the default,
// is m=19 MiB, t=2, p=1.
type Params struct {
	MemoryKiB uint32 // m: memory in KiB
	Time      uint32 // t: passes over the memory
	Threads   uint8  // p: lanes
}

// DefaultParams are OWASP's recommended minimum for argon2id.
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// Validate reports whether p is usable.
func (p Params) Validate() error {
	switch {
	case p.MemoryKiB < 8*uint32(max(p.Threads, 1)) || p.MemoryKiB > 4<<20:
		return fmt.Errorf("argon2 memory %d KiB out of range", p.MemoryKiB)
	case p.Time < 1 || p.Time > 100:
		return fmt.Errorf("argon2 time %d out of range [1, 100]", p.Time)
	case p.Threads < 1:
		return errors.New("argon2 threads must be at least 1")
	}
	return nil
}

// encoded is a hash in the PHC string format argon2's reference
// implementation writes:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// with unpadded standard base64. The parameters travel with the hash, so
// they can change later: old hashes still verify and are rehashed on the
// next successful login.
type encoded struct {
	params Params
	salt   []byte
	hash   []byte
}

func (e encoded) String() string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		e.params.MemoryKiB, e.params.Time, e.params.Threads, b64.EncodeToString(e.salt), b64.EncodeToString(e.hash))
}

// parse reads a PHC string written by String.
func parse(s string) (encoded, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return encoded{}, errors.New("not an argon2id PHC string")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return encoded{}, fmt.Errorf("unsupported argon2 version %q", parts[2])
	}
	var e encoded
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return encoded{}, fmt.Errorf("argon2 parameter %q: %w", kv, err)
		}
		switch k {
		case "m":
			e.params.MemoryKiB = uint32(n)
		case "t":
			e.params.Time = uint32(n)
		case "p":
			if n > 255 {
				return encoded{}, fmt.Errorf("argon2 parameter %q out of range", kv)
			}
			e.params.Threads = uint8(n)
		default:
			return encoded{}, fmt.Errorf("unknown argon2 parameter %q", k)
		}
	}
	if err := e.params.Validate(); err != nil {
		return encoded{}, err
	}
	var err error
	if e.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(e.salt) < 8 {
		return encoded{}, errors.New("bad argon2 salt")
	}
	if e.hash, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(e.hash) < 16 {
		return encoded{}, errors.New("bad argon2 hash")
	}
	return e, nil
}

// derive computes the argon2id key of password under e's salt and params.
func derive(password string, p Params, salt []byte, n int) []byte {
	return argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(n))
}

// matches reports in constant time whether password produces e's hash.
func (e encoded) matches(password string) bool {
	got := derive(password, e.params, e.salt, len(e.hash))
	return subtle.ConstantTimeCompare(got, e.hash) == 1
}
