package authn

import "github.com/golang-jwt/jwt/v5"

// Algorithm is the only JWS algorithm SportHub access tokens may use.
const Algorithm = "EdDSA"

// Claims is the payload of a SportHub access token. The auth service mints it;
// Verifier reads it.
type Claims struct {
	jwt.RegisteredClaims
	Roles        []string `json:"roles,omitempty"` // role names
	Permissions  []string `json:"perms,omitempty"` // permissions like "catalog.products.write"
	Entitlements []string `json:"ent,omitempty"`   // paid features like "premium"
	SessionID    string   `json:"sid,omitempty"`   // login session id
	AMR          []string `json:"amr,omitempty"`   // how the session authenticated (RFC 8176): "pwd", "otp"
}

// principal converts verified claims into the request's Principal. The claims
// were decoded for this call alone, so their slices are handed over as is.
func (c *Claims) principal() *Principal {
	p := &Principal{
		Subject:      c.Subject,
		SessionID:    c.SessionID,
		TokenID:      c.ID,
		Roles:        c.Roles,
		Permissions:  c.Permissions,
		Entitlements: c.Entitlements,
		AMR:          c.AMR,
	}
	if c.IssuedAt != nil {
		p.IssuedAt = c.IssuedAt.Time
	}
	if c.ExpiresAt != nil {
		p.ExpiresAt = c.ExpiresAt.Time
	}
	return p
}
