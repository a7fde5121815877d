// Package migrations embeds the tracker service's goose migrations.
package migrations

import "embed"

// FS holds NNNN_name.sql files with optional per-dialect overrides.
//
//go:embed *.sql
var FS embed.FS
