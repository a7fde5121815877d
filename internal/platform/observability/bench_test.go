package observability

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkMiddlewares measures what the metrics and tracing middlewares add to a
// routed request, against the bare mux.
func BenchmarkMiddlewares(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc(productRoute, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	m := NewMetrics()
	shutdown, err := SetupTracing(b.Context(), TraceConfig{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = shutdown(b.Context()) })
	handlers := map[string]http.Handler{
		"bare":          mux,
		"metrics":       m.HTTPMiddleware("commerce")(mux),
		"trace+metrics": TraceMiddleware("commerce")(m.HTTPMiddleware("commerce")(mux)),
	}
	for _, name := range []string{"bare", "metrics", "trace+metrics"} {
		h := handlers[name]
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/api/v1/commerce/products/42", nil)
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
