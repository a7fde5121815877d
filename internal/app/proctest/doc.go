// Package proctest holds process-level end-to-end tests of the real sporthub
// binary. TestMain builds cmd/sporthub once; each test starts the binary as
// separate operating-system processes configured through SPORTHUB_...
// environment variables, talks to them over HTTP (and to NATS with nats.go),
// and kills, signals and restarts them: two-process mode (a gateway
// proxying to a remote catalog on PostgreSQL and an external NATS) against a
// single process, kill -9 during writes (nothing acknowledged lost, nothing
// published twice), graceful shutdown under load, the CLI, and the start-up
// time and memory budget. The package has no non-test code.
package proctest
