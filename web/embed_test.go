package web

import (
	"io/fs"
	"strings"
	"testing"
)

func TestDistHoldsTheBuiltApp(t *testing.T) {
	dist := Dist()
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		t.Fatalf("read index.html: %v", err)
	}
	if !strings.Contains(string(index), `<div id="root">`) || !strings.Contains(string(index), "/assets/") {
		t.Fatalf("index.html is not the built app:\n%s", index)
	}
	for _, name := range []string{"sw.js", "manifest.webmanifest", "icons/icon.svg", "icons/icon-192.png", "icons/icon-512.png"} {
		if _, err := fs.Stat(dist, name); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	sw, err := fs.ReadFile(dist, "sw.js")
	if err != nil {
		t.Fatalf("read sw.js: %v", err)
	}
	if strings.Contains(string(sw), "__SW_") {
		t.Errorf("sw.js still has template placeholders")
	}
}
