package observability

import (
	"context"
	"net/textproto"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// InjectHeaders writes the trace context (traceparent, tracestate, baggage) of ctx into
// message headers h, such as a nats.Header; h must be non-nil. Keys are written in the
// lowercase form the W3C specifications use.
func InjectHeaders(ctx context.Context, h map[string][]string) {
	if h == nil {
		return
	}
	otel.GetTextMapPropagator().Inject(ctx, headerCarrier(h))
}

// ExtractHeaders returns ctx carrying the remote trace context found in message headers
// h (written by InjectHeaders, or by any W3C trace context producer), so spans started
// from it join the producer's trace. Keys match exactly or case-insensitively.
func ExtractHeaders(ctx context.Context, h map[string][]string) context.Context {
	return otel.GetTextMapPropagator().Extract(ctx, headerCarrier(h))
}

// StartSpan starts a span named name of the given kind (trace.SpanKindProducer when
// publishing, trace.SpanKindConsumer when handling a message, trace.SpanKindInternal for
// a step of work) as a child of the span in ctx. The caller must End the span.
func StartSpan(ctx context.Context, name string, kind trace.SpanKind, attrs ...attribute.KeyValue) (context.Context, trace.Span) {
	return otel.Tracer(instrumentationName).Start(ctx, name,
		trace.WithSpanKind(kind), trace.WithAttributes(attrs...))
}

// headerCarrier adapts message headers to the propagators. Unlike
// propagation.HeaderCarrier it keeps keys as given, as NATS headers are case-sensitive.
type headerCarrier map[string][]string

func (c headerCarrier) Get(key string) string {
	if v := c[key]; len(v) > 0 {
		return v[0]
	}
	// Producers that write HTTP-style canonical keys ("Traceparent").
	if v := c[textproto.CanonicalMIMEHeaderKey(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (c headerCarrier) Set(key, value string) { c[key] = []string{value} }

func (c headerCarrier) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	return keys
}
