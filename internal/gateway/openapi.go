package gateway

import (
	_ "embed"
	"net/http"

	"github.com/sporthub/sporthub/api"
)

//go:embed docs.html
var docsPage []byte

func openAPIHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=300")
		_, _ = w.Write(api.OpenAPI)
	})
}

// docsHandler serves a self-contained page that renders the OpenAPI
// document (no external scripts: it works offline and under a strict CSP).
func docsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
		_, _ = w.Write(docsPage)
	})
}
