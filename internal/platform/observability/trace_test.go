package observability

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/testkit"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

// The tests below install OpenTelemetry's global provider, so none of them runs in parallel.

func setupTracing(t *testing.T, cfg TraceConfig) func(context.Context) error {
	t.Helper()
	shutdown, err := SetupTracing(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = shutdown(context.Background()) })
	return shutdown
}

func TestHeadersCarryTraceContextAcrossMessages(t *testing.T) {
	setupTracing(t, TraceConfig{ServiceName: "bus-test"})

	member, _ := baggage.NewMember("tenant", "t1")
	bag, _ := baggage.New(member)
	ctx := baggage.ContextWithBaggage(context.Background(), bag)
	ctx, producer := StartSpan(ctx, "publish training.tracker.activity_completed.v1", trace.SpanKindProducer)
	defer producer.End()
	headers := map[string][]string{"Nats-Msg-Id": {"evt-1"}}
	InjectHeaders(ctx, headers)
	if len(headers["traceparent"]) != 1 {
		t.Fatalf("headers lack a lowercase traceparent: %v", headers)
	}

	// The consumer side, and a producer that wrote HTTP-style canonical keys.
	canonical := map[string][]string{"Traceparent": headers["traceparent"], "Baggage": headers["baggage"]}
	for name, h := range map[string]map[string][]string{"lowercase": headers, "canonical": canonical} {
		remote := ExtractHeaders(context.Background(), h)
		parent := trace.SpanContextFromContext(remote)
		if !parent.IsRemote() || parent.SpanID() != producer.SpanContext().SpanID() {
			t.Errorf("%s: extracted parent %v, want remote span %v", name, parent.SpanID(), producer.SpanContext().SpanID())
		}
		_, consumer := StartSpan(remote, "process", trace.SpanKindConsumer)
		if consumer.SpanContext().TraceID() != producer.SpanContext().TraceID() {
			t.Errorf("%s: consumer trace %v, want %v", name, consumer.SpanContext().TraceID(), producer.SpanContext().TraceID())
		}
		consumer.End()
		if got := baggage.FromContext(remote).Member("tenant").Value(); got != "t1" {
			t.Errorf("%s: baggage tenant = %q, want t1", name, got)
		}
	}
}

// collector is an OTLP/HTTP traces endpoint that keeps what it receives.
type collector struct {
	mu    sync.Mutex
	paths []string
	spans []*tracepb.Span
	attrs map[string]string // resource attributes
}

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req coltracepb.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.paths = append(c.paths, r.URL.Path)
	for _, rs := range req.GetResourceSpans() {
		for _, kv := range rs.GetResource().GetAttributes() {
			c.attrs[kv.GetKey()] = kv.GetValue().GetStringValue()
		}
		for _, ss := range rs.GetScopeSpans() {
			c.spans = append(c.spans, ss.GetSpans()...)
		}
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	out, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
	_, _ = w.Write(out)
}

func TestTraceMiddlewareContinuesTracesAndExportsOverOTLP(t *testing.T) {
	col := &collector{attrs: map[string]string{}}
	colSrv := httptest.NewServer(col)
	defer colSrv.Close()
	shutdown := setupTracing(t, TraceConfig{OTLPEndpoint: colSrv.URL, ServiceName: "sporthub-test"})

	var logs testkit.SyncBuffer
	logger, err := NewLogger(LogConfig{}, &logs)
	if err != nil {
		t.Fatal(err)
	}
	serverSpan := make(chan trace.SpanContext, 1)
	mux := http.NewServeMux()
	mux.HandleFunc(productRoute, func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "product viewed")
		serverSpan <- trace.SpanContextFromContext(r.Context())
	})
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	// The order a service uses: tracing outermost, metrics, then middlewares that
	// replace the request, then the mux.
	m := NewMetrics()
	handler := TraceMiddleware("commerce")(m.HTTPMiddleware("commerce")(withTenant(CaptureRoute(mux))))
	srv := httptest.NewServer(handler)
	defer srv.Close()

	ctx, client := StartSpan(context.Background(), "client call", trace.SpanKindClient)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/commerce/products/9", nil)
	otel.GetTextMapPropagator().Inject(ctx, propagation.HeaderCarrier(req.Header))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	client.End()
	do(t, srv.Client(), "GET", srv.URL+"/fail")
	do(t, srv.Client(), "GET", srv.URL+"/nowhere")

	server := <-serverSpan
	if server.TraceID() != client.SpanContext().TraceID() {
		t.Errorf("server trace %v, want the client's %v", server.TraceID(), client.SpanContext().TraceID())
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &line); err != nil {
		t.Fatalf("log line: %v: %s", err, logs.String())
	}
	if line["trace_id"] != server.TraceID().String() || line["span_id"] != server.SpanID().String() {
		t.Errorf("log ids %v/%v, want %v/%v", line["trace_id"], line["span_id"], server.TraceID(), server.SpanID())
	}
	labels := map[string]string{"service": "commerce", "method": "GET", "route": productRoute, "code": "200"}
	if got, _ := sample(scrape(t, m.Handler()), "sporthub_http_requests_total", labels); got != 1 {
		t.Errorf("requests_total%v = %v, want 1", labels, got)
	}

	if err := shutdown(context.Background()); err != nil { // flushes the batch
		t.Fatal(err)
	}
	col.mu.Lock()
	defer col.mu.Unlock()
	if len(col.paths) == 0 || col.paths[0] != "/v1/traces" {
		t.Fatalf("collector requests %v, want posts to /v1/traces", col.paths)
	}
	if col.attrs["service.name"] != "sporthub-test" {
		t.Errorf("resource service.name = %q, want sporthub-test", col.attrs["service.name"])
	}
	byName := map[string]*tracepb.Span{}
	for _, s := range col.spans {
		byName[s.GetName()] = s
	}
	product := byName[productRoute]
	if product == nil {
		t.Fatalf("no span named %q among %v", productRoute, keys(byName))
	}
	clientID := client.SpanContext().SpanID()
	if product.GetKind() != tracepb.Span_SPAN_KIND_SERVER || hex.EncodeToString(product.GetParentSpanId()) != clientID.String() {
		t.Errorf("product span kind %v parent %x, want server span under %v", product.GetKind(), product.GetParentSpanId(), clientID)
	}
	if got := attr(product, "http.route"); got != "/api/v1/commerce/products/{id}" {
		t.Errorf("http.route = %q, want the pattern without its method", got)
	}
	if fail := byName["GET /fail"]; fail == nil || fail.GetStatus().GetCode() != tracepb.Status_STATUS_CODE_ERROR || attr(fail, "http.response.status_code") != "503" {
		t.Errorf("GET /fail span = %v, want an error span with status code 503", fail)
	}
	if byName["GET"] == nil || byName["client call"] == nil {
		t.Errorf("spans %v, want the unmatched request named GET and the client span", keys(byName))
	}
}

func attr(s *tracepb.Span, key string) string {
	for _, kv := range s.GetAttributes() {
		if kv.GetKey() == key {
			if v, ok := kv.GetValue().GetValue().(*commonpb.AnyValue_IntValue); ok {
				return strconv.FormatInt(v.IntValue, 10)
			}
			return kv.GetValue().GetStringValue()
		}
	}
	return ""
}

func keys(m map[string]*tracepb.Span) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTraceConfigValidate(t *testing.T) {
	tests := []struct {
		cfg     TraceConfig
		wantURL string
		wantErr bool
	}{
		{cfg: TraceConfig{}},
		{cfg: TraceConfig{OTLPEndpoint: "http://otel:4318"}, wantURL: "http://otel:4318/v1/traces"},
		{cfg: TraceConfig{OTLPEndpoint: "https://otel/prefix/"}, wantURL: "https://otel/prefix/v1/traces"},
		{cfg: TraceConfig{OTLPEndpoint: "http://otel:4318/v1/traces"}, wantURL: "http://otel:4318/v1/traces"},
		{cfg: TraceConfig{OTLPEndpoint: "otel:4318"}, wantErr: true},
		{cfg: TraceConfig{SampleRatio: 1.5}, wantErr: true},
		{cfg: TraceConfig{SampleRatio: -0.1}, wantErr: true},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if (err != nil) != tt.wantErr {
			t.Errorf("Validate(%+v) = %v, want error %v", tt.cfg, err, tt.wantErr)
		}
		if tt.wantURL != "" {
			if got, _ := tracesURL(tt.cfg.OTLPEndpoint); got != tt.wantURL {
				t.Errorf("tracesURL(%q) = %q, want %q", tt.cfg.OTLPEndpoint, got, tt.wantURL)
			}
		}
	}
}
