package authn

import (
	"sync"
	"time"
)

// tokenCache remembers tokens already verified, so a client sending the same
// access token with every request pays for the Ed25519 signature check once
// per token, not once per request. An entry is used only while the token is
// unexpired and its signing key is still published; a token's text cannot
// change without its signature failing, so a hit is as good as a check.
type tokenCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]cachedToken
}

type cachedToken struct {
	principal Principal
	kid       string
	expires   time.Time
}

// maxCachedTokens bounds the cache (about 1 KB per entry).
const maxCachedTokens = 8192

func newTokenCache(max int) *tokenCache {
	return &tokenCache{max: max, entries: make(map[string]cachedToken, 64)}
}

// get returns the principal of a verified token that is still valid at now.
func (c *tokenCache) get(token string, now time.Time, keys *keySet) (*Principal, bool) {
	c.mu.Lock()
	e, ok := c.entries[token]
	if ok && !now.Before(e.expires) {
		delete(c.entries, token)
		ok = false
	}
	c.mu.Unlock()
	if !ok || keys == nil {
		return nil, false
	}
	if _, published := keys.keys[e.kid]; !published {
		return nil, false
	}
	p := e.principal
	return &p, true
}

// put remembers a verified token until it expires. When full it drops
// arbitrary entries: a miss only costs one more signature check.
func (c *tokenCache) put(token, kid string, p *Principal, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		n := c.max / 8
		for k := range c.entries {
			delete(c.entries, k)
			if n--; n <= 0 {
				break
			}
		}
	}
	c.entries[token] = cachedToken{principal: *p, kid: kid, expires: expires}
}
