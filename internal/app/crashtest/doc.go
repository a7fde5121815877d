// Package crashtest proves quality target R1 for training data: it builds
// the real sporthub binary, runs it as an operating-system process on
// embedded defaults (SQLite, embedded JetStream with fsync always), and
// kills it with SIGKILL at a random moment during live ingest and during a
// bulk import. After a restart on the same data directory, every sample
// the ingest API acknowledged is in the session's activity streams exactly
// once, and every file the import API accepted became exactly one
// activity (a retried upload too). The package has no non-test code.
package crashtest
