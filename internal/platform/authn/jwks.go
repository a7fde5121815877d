package authn

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// maxJWKSBytes caps the JWKS response we are willing to read.
const maxJWKSBytes = 1 << 20

// JWK is one key of a JSON Web Key Set (RFC 7517), restricted to the fields an
// Ed25519 key (RFC 8037) needs.
type JWK struct {
	KeyType string `json:"kty"`           // "OKP"
	Curve   string `json:"crv"`           // "Ed25519"
	X       string `json:"x"`             // base64url public key, no padding
	KeyID   string `json:"kid"`           // key id referenced by token headers
	Use     string `json:"use,omitempty"` // "sig" or absent
	Alg     string `json:"alg,omitempty"` // "EdDSA" or absent
}

// JWKS is a JSON Web Key Set document.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// Ed25519JWK returns the public JWK for key under kid; the auth service
// publishes these.
func Ed25519JWK(kid string, key ed25519.PublicKey) JWK {
	return JWK{
		KeyType: "OKP", Curve: "Ed25519", KeyID: kid, Use: "sig", Alg: Algorithm,
		X: base64.RawURLEncoding.EncodeToString(key),
	}
}

// ed25519Key returns the key's public key, or an error when the JWK is not a
// usable Ed25519 signing key.
func (k JWK) ed25519Key() (ed25519.PublicKey, error) {
	switch {
	case k.KeyID == "":
		return nil, errors.New("missing kid")
	case k.KeyType != "OKP" || k.Curve != "Ed25519":
		return nil, fmt.Errorf("kty %q crv %q is not Ed25519", k.KeyType, k.Curve)
	case k.Use != "" && k.Use != "sig":
		return nil, fmt.Errorf("use %q is not sig", k.Use)
	case k.Alg != "" && k.Alg != Algorithm:
		return nil, fmt.Errorf("alg %q is not %s", k.Alg, Algorithm)
	}
	raw, err := base64.RawURLEncoding.DecodeString(k.X)
	if err != nil {
		return nil, fmt.Errorf("decode x: %w", err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("x has %d bytes, want %d", len(raw), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(raw), nil
}

// fetchJWKS downloads the key set at url and returns its usable Ed25519 keys
// by kid. Keys of other types are skipped; a set without any usable key is an
// error, so a broken publication never replaces good cached keys.
func fetchJWKS(ctx context.Context, client *http.Client, url string) (map[string]ed25519.PublicKey, []error, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch jwks %s: %w", url, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch jwks %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		return nil, nil, fmt.Errorf("fetch jwks %s: status %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("fetch jwks %s: read body: %w", url, err)
	}
	if len(body) > maxJWKSBytes {
		return nil, nil, fmt.Errorf("fetch jwks %s: body exceeds %d bytes", url, maxJWKSBytes)
	}
	keys, skipped, err := parseJWKS(body)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch jwks %s: %w", url, err)
	}
	return keys, skipped, nil
}

// parseJWKS decodes a JWKS document into Ed25519 keys by kid, reporting the
// keys it skipped. A repeated kid keeps its first key.
func parseJWKS(body []byte) (map[string]ed25519.PublicKey, []error, error) {
	var set JWKS
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, nil, fmt.Errorf("decode jwks: %w", err)
	}
	keys := make(map[string]ed25519.PublicKey, len(set.Keys))
	var skipped []error
	for i, k := range set.Keys {
		pub, err := k.ed25519Key()
		if err == nil {
			if _, dup := keys[k.KeyID]; dup {
				err = errors.New("duplicate kid")
			}
		}
		if err != nil {
			skipped = append(skipped, fmt.Errorf("key %d (kid %q): %w", i, k.KeyID, err))
			continue
		}
		keys[k.KeyID] = pub
	}
	if len(keys) == 0 {
		return nil, skipped, fmt.Errorf("jwks has no usable Ed25519 key (%d keys)", len(set.Keys))
	}
	return keys, skipped, nil
}
