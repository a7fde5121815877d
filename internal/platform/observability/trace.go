package observability

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
)

// TraceConfig configures tracing.
type TraceConfig struct {
	// OTLPEndpoint is the base URL of an OTLP/HTTP collector, e.g. http://otel-collector:4318;
	// spans are posted to its /v1/traces path. Empty disables export, while trace ids are
	// still created, logged and propagated.
	OTLPEndpoint string `yaml:"otlp_endpoint" doc:"OTLP/HTTP collector URL (e.g. http://otel:4318); empty: traces are not exported"`
	// ServiceName is the service.name resource attribute (default "sporthub").
	ServiceName string `yaml:"service_name" doc:"service.name of exported spans"`
	// SampleRatio is the share of new traces recorded, in (0, 1]; 0 means the default 1.
	// Traces started upstream keep the caller's sampling decision.
	SampleRatio float64 `yaml:"sample_ratio" doc:"share of traces sampled, 0 to 1"`
}

// RegisterFlags registers the tracing flags with their defaults on fs.
func (c *TraceConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.OTLPEndpoint, "tracing.otlp-endpoint", "", "OTLP/HTTP collector base URL, e.g. http://otel-collector:4318; empty disables trace export")
	fs.StringVar(&c.ServiceName, "tracing.service-name", "sporthub", "service.name reported with the spans")
	fs.Float64Var(&c.SampleRatio, "tracing.sample-ratio", 1, "share of new traces recorded, in (0, 1]")
}

// Validate reports whether the endpoint is an http(s) URL and the ratio lies in [0, 1].
func (c TraceConfig) Validate() error {
	if c.SampleRatio < 0 || c.SampleRatio > 1 {
		return fmt.Errorf("trace sample ratio %v: want a value in (0, 1]", c.SampleRatio)
	}
	if c.OTLPEndpoint == "" {
		return nil
	}
	if _, err := tracesURL(c.OTLPEndpoint); err != nil {
		return err
	}
	return nil
}

// tracesURL turns a collector base URL into the URL of its OTLP/HTTP traces endpoint.
func tracesURL(endpoint string) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", fmt.Errorf("otlp endpoint %q: %w", endpoint, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("otlp endpoint %q: want an http or https URL with a host", endpoint)
	}
	if !strings.HasSuffix(u.Path, "/v1/traces") {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/v1/traces"
	}
	return u.String(), nil
}

// SetupTracing installs, as OpenTelemetry's global tracer provider and propagator, an SDK
// tracer provider and the W3C tracecontext and baggage propagators, so spans get trace
// ids (for logs) and propagate even when nothing is exported. When cfg.OTLPEndpoint is
// set, spans are batched and exported there over OTLP/HTTP. Call shutdown before the
// process exits: it flushes the spans still batched and stops the provider.
func SetupTracing(ctx context.Context, cfg TraceConfig) (shutdown func(context.Context) error, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("setup tracing: %w", err)
	}
	name, ratio := cfg.ServiceName, cfg.SampleRatio
	if name == "" {
		name = "sporthub"
	}
	if ratio == 0 {
		ratio = 1
	}
	res, err := resource.Merge(resource.Default(),
		resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName(name)))
	if err != nil {
		return nil, fmt.Errorf("setup tracing: build resource: %w", err)
	}
	opts := []sdktrace.TracerProviderOption{
		sdktrace.WithResource(res),
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(ratio))),
	}
	if cfg.OTLPEndpoint != "" {
		endpoint, _ := tracesURL(cfg.OTLPEndpoint) // checked by Validate
		exporter, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(endpoint))
		if err != nil {
			return nil, fmt.Errorf("setup tracing: otlp exporter %s: %w", endpoint, err)
		}
		opts = append(opts, sdktrace.WithBatcher(exporter))
	}
	provider := sdktrace.NewTracerProvider(opts...)
	otel.SetTracerProvider(provider)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{}))
	return func(ctx context.Context) error {
		if err := provider.Shutdown(ctx); err != nil {
			return fmt.Errorf("shutdown tracing: %w", err)
		}
		return nil
	}, nil
}
