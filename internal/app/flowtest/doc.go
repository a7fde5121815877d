// Package flowtest holds tests of flows that cross services, run on a
// whole platform over HTTP with the real auth service: a staff member
// blocking a user, an account deleted everywhere, staff routes refused to
// everyone else. Each service's own behaviour is tested beside its code.
package flowtest
