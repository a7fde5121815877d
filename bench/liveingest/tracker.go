package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/app"
)

// trackerLag is what the tracker's durable consumers on the integrations
// stream have not processed yet (pending plus delivered and unacknowledged).
func trackerLag(ctx context.Context, a *app.App) (uint64, error) {
	b := a.Bus()
	st, err := b.JetStream().Stream(ctx, b.StreamName("integrations"))
	if err != nil {
		return 0, fmt.Errorf("tracker lag: %w", err)
	}
	var lag uint64
	found := false
	names := st.ConsumerNames(ctx)
	for name := range names.Name() {
		if !strings.Contains(name, "tracker") {
			continue
		}
		c, err := st.Consumer(ctx, name)
		if err != nil {
			return 0, fmt.Errorf("tracker lag: %w", err)
		}
		info, err := c.Info(ctx)
		if err != nil {
			return 0, fmt.Errorf("tracker lag: %w", err)
		}
		found = true
		lag += info.NumPending + uint64(info.NumAckPending)
	}
	if err := names.Err(); err != nil {
		return 0, fmt.Errorf("tracker lag: %w", err)
	}
	if !found {
		return 0, fmt.Errorf("tracker lag: no tracker consumer on %s", b.StreamName("integrations"))
	}
	return lag, nil
}

// drainTracker returns the tracker's lag now and how long it took to reach
// zero (at most max).
func drainTracker(ctx context.Context, a *app.App, max time.Duration) (uint64, time.Duration, error) {
	start := time.Now()
	first, err := trackerLag(ctx, a)
	if err != nil {
		return 0, 0, err
	}
	lag := first
	for lag > 0 {
		if time.Since(start) > max {
			return first, time.Since(start), fmt.Errorf("tracker still %d events behind after %s", lag, max)
		}
		select {
		case <-ctx.Done():
			return first, time.Since(start), ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if lag, err = trackerLag(ctx, a); err != nil {
			return first, time.Since(start), err
		}
	}
	return first, time.Since(start), nil
}
