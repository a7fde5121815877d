// Package web holds the built web app embedded into the binary: the React
// PWA compiled by `npm run build` into web/dist, which is committed so that
// building the Go binary needs no Node.js.
package web

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app as a filesystem rooted at dist (index.html,
// sw.js, manifest.webmanifest, assets/, icons/). The gateway serves it with
// a fallback to index.html for client-side routes.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path; "dist" is a constant valid one.
		panic(fmt.Sprintf("web dist: %v", err))
	}
	return sub
}
