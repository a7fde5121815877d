package gateway

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/web"
	webapp "github.com/sporthub/sporthub/web"
)

// webAppHandler serves the embedded web app. Paths that name a file are
// served as they are (hashed assets cached for a year); any other path gets
// index.html, so the app's own router handles deep links.
func webAppHandler() http.Handler {
	dist := webapp.Dist()
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				switch {
				case strings.HasPrefix(name, "assets/"):
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				case name == "sw.js":
					w.Header().Set("Cache-Control", "no-cache")
				case path.Ext(name) == ".webmanifest":
					w.Header().Set("Cache-Control", "no-cache")
					w.Header().Set("Content-Type", "application/manifest+json")
				}
				files.ServeHTTP(w, r)
				return
			}
			if path.Ext(name) != "" && !strings.HasSuffix(name, ".html") {
				http.NotFound(w, r) // a missing asset, not a page
				return
			}
		}
		index, err := fs.ReadFile(dist, "index.html")
		if err != nil {
			http.Error(w, "the web app is not built", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(index)
	})
}

// AppConfig is what the web app reads at start (GET /app-config.json):
// deployment settings that are not worth a rebuild.
type AppConfig struct {
	MapTileURL     string `json:"map_tile_url"`
	MapAttribution string `json:"map_attribution"`
}

func appConfigHandler(c Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		web.WriteJSON(w, http.StatusOK, AppConfig{MapTileURL: c.MapTileURL, MapAttribution: c.MapAttribution})
	})
}
