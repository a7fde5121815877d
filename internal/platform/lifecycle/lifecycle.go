// Package lifecycle runs SportHub's long-running parts. Every service has one
// lifecycle (starting, running, stopping) expressed by a single Run method; a
// Manager starts services in dependency order, reports which are not running,
// stops them in reverse order on shutdown, and stops everything when one fails.
package lifecycle

import (
	"context"
	"fmt"
)

// Service is a long-running part of the platform.
type Service interface {
	// Name identifies the service in logs, /readyz and errors.
	Name() string
	// Run starts the service, calls ready once it serves, and blocks. When
	// ctx is cancelled it stops gracefully (drains requests or consumers) and
	// returns nil; any other return is a failure that stops the process.
	Run(ctx context.Context, ready func()) error
}

// State is where a service is in its lifecycle.
type State int

// The lifecycle states.
const (
	New State = iota
	Starting
	Running
	Stopping
	Terminated
	Failed
)

func (s State) String() string {
	switch s {
	case New:
		return "new"
	case Starting:
		return "starting"
	case Running:
		return "running"
	case Stopping:
		return "stopping"
	case Terminated:
		return "terminated"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("state(%d)", int(s))
}

// Func adapts a function to Service.
type Func struct {
	ServiceName string
	RunFunc     func(ctx context.Context, ready func()) error
}

// Name implements Service.
func (f Func) Name() string { return f.ServiceName }

// Run implements Service.
func (f Func) Run(ctx context.Context, ready func()) error { return f.RunFunc(ctx, ready) }

// Idle returns a service that is ready at once and does nothing until
// stopped, calling stop (if any) on the way out. Useful for wrapping
// resources that only need closing.
func Idle(name string, stop func(context.Context) error) Service {
	return Func{ServiceName: name, RunFunc: func(ctx context.Context, ready func()) error {
		ready()
		<-ctx.Done()
		if stop != nil {
			return stop(context.WithoutCancel(ctx))
		}
		return nil
	}}
}
