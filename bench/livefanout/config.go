package main

import "github.com/sporthub/sporthub/internal/app"

// allowViewers lets one live session have n viewers.
func allowViewers(cfg *app.Config, n int) {
	cfg.Tracker.Live.MaxViewersPerSession = max(cfg.Tracker.Live.MaxViewersPerSession, n)
}
