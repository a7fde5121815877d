package ratelimit

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// KeyOption tunes RemoteIPKey.
type KeyOption func(*ipKey)

type ipKey struct {
	trusted []netip.Prefix
}

// TrustedProxies names the proxies (load balancers) in front of the
// gateway. Only when the connection comes from one of them is
// X-Forwarded-For read: from its right end, skipping trusted hops, the
// first address not trusted is the client. Without this option the header
// is ignored, since any client can write it.
func TrustedProxies(prefixes ...netip.Prefix) KeyOption {
	return func(k *ipKey) { k.trusted = append(k.trusted, prefixes...) }
}

// ParsePrefixes parses CIDRs or bare addresses (a single host) for TrustedProxies.
func ParsePrefixes(specs ...string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(specs))
	for _, s := range specs {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("parse trusted proxy %q: not an address or CIDR", s)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// RemoteIPKey returns a key function naming the client by IP address: the
// connection's peer, or the client X-Forwarded-For names when the peer is a
// trusted proxy. IPv6 clients are keyed by their /64, which one host can
// otherwise rotate through freely.
func RemoteIPKey(opts ...KeyOption) func(*http.Request) string {
	var k ipKey
	for _, opt := range opts {
		opt(&k)
	}
	return k.key
}

func (k *ipKey) key(r *http.Request) string {
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return r.RemoteAddr // not an IP (a unix socket): one bucket for all
	}
	if peer.Is4() && len(k.trusted) == 0 {
		return host // already canonical: spares an allocation
	}
	return format(k.client(peer.Unmap().WithZone(""), r.Header.Values("X-Forwarded-For")))
}

// client walks X-Forwarded-For from the right while the hops are trusted.
func (k *ipKey) client(peer netip.Addr, xff []string) netip.Addr {
	addr := peer
	if !k.isTrusted(addr) {
		return addr
	}
	for i := len(xff) - 1; i >= 0; i-- {
		hops := strings.Split(xff[i], ",")
		for j := len(hops) - 1; j >= 0; j-- {
			hop, ok := parseHop(hops[j])
			if !ok {
				return addr // garbage: the last hop we could read is all we know
			}
			addr = hop
			if !k.isTrusted(addr) {
				return addr
			}
		}
	}
	return addr // every hop trusted: the leftmost is the client
}

func (k *ipKey) isTrusted(a netip.Addr) bool {
	for _, p := range k.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseHop reads one X-Forwarded-For entry: an address, maybe with a port.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

func format(a netip.Addr) string {
	if a.Is6() {
		return netip.PrefixFrom(a, 64).Masked().String()
	}
	return a.String()
}
