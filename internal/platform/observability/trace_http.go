package observability

import (
	"net/http"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// serviceKey is the span attribute naming the SportHub service that served a request;
// one process may run many services under a single service.name resource.
const serviceKey = attribute.Key("sporthub.service")

// TraceMiddleware starts a server span for every request, continuing the trace of an
// incoming traceparent header. The span is named "METHOD route" after the ServeMux
// pattern that matched (just "METHOD" when none did), records the status code and is
// marked as an error on 5xx responses and panics. The span's context is in the request
// context, so loggers from NewLogger tag the handler's logs with its trace id.
//
// It uses the global tracer provider and propagator that SetupTracing installs; before
// that (or without it) spans are no-ops and nothing is propagated.
func TraceMiddleware(service string) func(http.Handler) http.Handler {
	tracer := otel.Tracer(instrumentationName)
	propagator := otel.GetTextMapPropagator()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ex, w, ctx := enter(r.Context(), w, service)
			ctx = propagator.Extract(ctx, propagation.HeaderCarrier(r.Header))
			method := methodLabel(r.Method)
			ctx, span := tracer.Start(ctx, method,
				trace.WithSpanKind(trace.SpanKindServer),
				trace.WithAttributes(
					semconv.HTTPRequestMethodKey.String(method),
					semconv.URLPath(r.URL.Path),
					serviceKey.String(service),
				))
			r = r.WithContext(ctx)
			returned := false
			defer func() {
				if route := ex.route(r); route != unmatchedRoute {
					path := routePath(route)
					span.SetName(method + " " + path)
					span.SetAttributes(semconv.HTTPRoute(path))
				}
				switch status := ex.code(); {
				case !returned && ex.status == 0:
					span.SetStatus(codes.Error, "handler panicked")
				case status >= http.StatusInternalServerError:
					span.SetAttributes(semconv.HTTPResponseStatusCode(status))
					span.SetStatus(codes.Error, http.StatusText(status))
				default:
					span.SetAttributes(semconv.HTTPResponseStatusCode(status))
				}
				span.End()
			}()
			next.ServeHTTP(w, r)
			returned = true
		})
	}
}

// routePath strips the method from a ServeMux pattern ("GET /products/{id}" becomes
// "/products/{id}"), leaving the route template OpenTelemetry's http.route expects.
// A method is present when a space comes before the first slash.
func routePath(pattern string) string {
	space := strings.IndexByte(pattern, ' ')
	if space >= 0 && space < strings.IndexByte(pattern, '/') {
		return strings.TrimLeft(pattern[space:], " \t")
	}
	return pattern
}
