// Package benchkit holds what the bench/ scenarios share: latency samples
// and their percentiles, a closed-loop HTTP load generator for loopback
// servers, and a token issuer whose JWKS a SportHub process can trust.
//
// Nothing here asserts on speed: the scenarios print what they measured
// next to a baseline measured in the same run (see bench/README.md).
package benchkit
