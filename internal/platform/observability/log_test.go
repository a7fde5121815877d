package observability

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func TestNewLoggerTagsRecordsWithTraceIDs(t *testing.T) {
	provider := sdktrace.NewTracerProvider()
	t.Cleanup(func() { _ = provider.Shutdown(context.Background()) })
	ctx, span := provider.Tracer("test").Start(context.Background(), "work")
	defer span.End()

	var buf bytes.Buffer
	logger, err := NewLogger(LogConfig{}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	logger.With("component", "tracker").InfoContext(ctx, "session started", "athlete", 42)
	logger.Info("no context")

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 log lines, got %d: %q", len(lines), buf.String())
	}
	var withSpan, without map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &withSpan); err != nil {
		t.Fatalf("line 1 is not JSON: %v: %s", err, lines[0])
	}
	if err := json.Unmarshal([]byte(lines[1]), &without); err != nil {
		t.Fatalf("line 2 is not JSON: %v: %s", err, lines[1])
	}
	sc := span.SpanContext()
	want := map[string]any{
		"level": "INFO", "msg": "session started", "component": "tracker", "athlete": float64(42),
		"trace_id": sc.TraceID().String(), "span_id": sc.SpanID().String(),
	}
	for k, v := range want {
		if withSpan[k] != v {
			t.Errorf("field %s = %v, want %v (line %s)", k, withSpan[k], v, lines[0])
		}
	}
	if _, ok := without["trace_id"]; ok {
		t.Errorf("record without a span context has a trace_id: %s", lines[1])
	}
}

func TestNewLoggerLevelAndFormat(t *testing.T) {
	tests := []struct {
		name     string
		cfg      LogConfig
		wantErr  bool
		contains []string
		absent   []string
	}{
		{name: "default json drops debug", cfg: LogConfig{},
			contains: []string{`"msg":"shown"`}, absent: []string{"hidden"}},
		{name: "debug text", cfg: LogConfig{Level: "debug", Format: "text"},
			contains: []string{"msg=hidden", "msg=shown"}},
		{name: "error level upper case", cfg: LogConfig{Level: "ERROR"},
			absent: []string{"hidden", "shown"}},
		{name: "unknown level", cfg: LogConfig{Level: "verbose"}, wantErr: true},
		{name: "unknown format", cfg: LogConfig{Format: "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logger, err := NewLogger(tt.cfg, &buf)
			if (err != nil) != tt.wantErr {
				t.Fatalf("NewLogger error = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			logger.Debug("hidden")
			logger.Warn("shown")
			for _, s := range tt.contains {
				if !strings.Contains(buf.String(), s) {
					t.Errorf("output lacks %q: %s", s, buf.String())
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(buf.String(), s) {
					t.Errorf("output has %q: %s", s, buf.String())
				}
			}
		})
	}
}
