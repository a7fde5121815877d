package benchkit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

// ReadyTimeout bounds the start of every server a benchmark runs.
const ReadyTimeout = 60 * time.Second

// Server is something a benchmark started and must stop.
type Server struct {
	URL      string
	StopFunc func() error
}

// Stop shuts the server down and releases what it holds (idempotent).
func (s *Server) Stop() error {
	if s == nil || s.StopFunc == nil {
		return nil
	}
	err := s.StopFunc()
	s.StopFunc = nil
	return err
}

// ProductionLogger logs like `sporthub` does (JSON at info level) into a
// sink that discards the bytes, so every access-log line is still built.
func ProductionLogger() (*slog.Logger, error) {
	return observability.NewLogger(observability.LogConfig{Level: "info", Format: "json"}, io.Discard)
}

// StartPlatform runs a whole SportHub process (app.New + Run) in this
// process and returns it once ready. The App is returned for benchmarks
// that need to reach inside (its bus, its services).
func StartPlatform(cfg app.Config) (*Server, *app.App, error) {
	logger, err := ProductionLogger()
	if err != nil {
		return nil, nil, err
	}
	a, err := app.New(context.Background(), cfg, logger, observability.NewMetrics())
	if err != nil {
		return nil, nil, fmt.Errorf("build platform %v: %w", cfg.Target, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() { done <- a.Run(ctx, func() { close(ready) }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		return nil, nil, fmt.Errorf("start platform %v: %w", cfg.Target, err)
	case <-time.After(ReadyTimeout):
		cancel()
		return nil, nil, fmt.Errorf("start platform %v: not ready after %s", cfg.Target, ReadyTimeout)
	}
	return &Server{URL: "http://" + a.Addr(), StopFunc: func() error {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			return fmt.Errorf("stop platform %v: %w", cfg.Target, err)
		}
		return nil
	}}, a, nil
}
