package observability

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

// LogConfig configures the process logger.
type LogConfig struct {
	// Level is the minimum level logged: debug, info, warn or error (default info).
	Level string `yaml:"level" doc:"debug, info, warn or error"`
	// Format is json (default, for log shippers) or text (for humans at a terminal).
	Format string `yaml:"format" doc:"json or text"`
}

// RegisterFlags registers the logging flags with their defaults on fs.
func (c *LogConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Level, "log.level", "info", "minimum log level: debug, info, warn or error")
	fs.StringVar(&c.Format, "log.format", "json", "log format: json or text")
}

// Validate reports whether the level and format are known. Empty values mean the defaults.
func (c LogConfig) Validate() error {
	if _, err := c.level(); err != nil {
		return err
	}
	switch strings.ToLower(c.Format) {
	case "", "json", "text":
		return nil
	default:
		return fmt.Errorf("log format %q: want json or text", c.Format)
	}
}

func (c LogConfig) level() (slog.Level, error) {
	switch strings.ToLower(c.Level) {
	case "debug":
		return slog.LevelDebug, nil
	case "", "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	default:
		return 0, fmt.Errorf("log level %q: want debug, info, warn or error", c.Level)
	}
}

// NewLogger returns a logger writing to w in the configured format. Every record logged
// with a context (InfoContext, Log, ...) whose span context is valid gets trace_id and
// span_id attributes, so logs and traces join up. Inside a WithGroup group the two
// attributes land in that group, like any attribute added at Handle time.
func NewLogger(cfg LogConfig, w io.Writer) (*slog.Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("new logger: %w", err)
	}
	level, _ := cfg.level()
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if strings.EqualFold(cfg.Format, "text") {
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(traceHandler{next: h}), nil
}

// traceHandler adds the trace and span ids of the record's context to the record.
type traceHandler struct {
	next slog.Handler
}

func (h traceHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h traceHandler) Handle(ctx context.Context, r slog.Record) error {
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		// Clone: the record is a copy that may share attribute storage with the caller's.
		r = r.Clone()
		r.AddAttrs(
			slog.String("trace_id", sc.TraceID().String()),
			slog.String("span_id", sc.SpanID().String()),
		)
	}
	return h.next.Handle(ctx, r)
}

func (h traceHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return traceHandler{next: h.next.WithAttrs(attrs)}
}

func (h traceHandler) WithGroup(name string) slog.Handler {
	return traceHandler{next: h.next.WithGroup(name)}
}
