// Package observability gives every SportHub process its three signals:
//
//   - logs: JSON (or text) log/slog records that carry the trace_id and span_id of
//     the span in the logging context (NewLogger);
//   - metrics: a Prometheus registry with Go and process collectors, per-route HTTP
//     metrics and database/sql pool statistics, served by Metrics.Handler on /metrics;
//   - traces: an OpenTelemetry SDK tracer provider with W3C trace context propagation
//     through HTTP (TraceMiddleware) and message headers (InjectHeaders, ExtractHeaders),
//     exported over OTLP/HTTP only when an endpoint is configured (SetupTracing).
//
// SetupTracing is the only function that touches process-wide state: OpenTelemetry's
// API finds the tracer provider and propagator through otel.SetTracerProvider and
// otel.SetTextMapPropagator, so it installs both there.
//
// The HTTP middlewares label metrics and name spans by the Go 1.22 ServeMux pattern
// ("GET /api/v1/commerce/products/{id}"), never the raw path, so label cardinality
// stays bounded. The mux sets Request.Pattern on the request it routes; the
// middlewares read it after the inner handler returned. When a middleware between
// them and the mux replaces the request (r.WithContext), wrap the mux itself with
// CaptureRoute so the pattern still reaches them.
package observability

// instrumentationName names this package as the OpenTelemetry instrumentation scope.
const instrumentationName = "github.com/sporthub/sporthub/internal/platform/observability"
