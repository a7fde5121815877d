package gateway

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/platform/ratelimit"
	"github.com/sporthub/sporthub/internal/platform/web"
)

// serviceSpec is a service's public routes, as its <svc>api package
// declares them; handlers come from the local service or a proxy.
type serviceSpec struct {
	Name   string
	Routes []web.Route
}

// domainSpec is one domain's router: its path prefix and services.
type domainSpec struct {
	Name     string
	Services []serviceSpec
}

// Domains lists the domain routers the gateway serves, one per
// router_<domain>.go file. A domain appears once it has a service.
func Domains() []domainSpec {
	return []domainSpec{userDomain(), trainingDomain(), integrationsDomain(), adminDomain(), platformDomain(), commerceDomain()}
}

// PublicRoutes lists every route of the public API (for the OpenAPI test).
func PublicRoutes() []web.Route {
	var out []web.Route
	for _, d := range Domains() {
		for _, s := range d.Services {
			out = append(out, s.Routes...)
		}
	}
	return out
}

// routes builds the gateway's handler.
func (g *Gateway) routes() (http.Handler, error) {
	api := http.NewServeMux()
	wellKnown := http.NewServeMux()
	for _, d := range Domains() {
		router, err := g.domainRouter(d)
		if err != nil {
			return nil, err
		}
		api.Handle("/api/v1/"+d.Name+"/", router)
		for _, s := range d.Services {
			for _, r := range s.Routes {
				if isWellKnown(r.Pattern) {
					wellKnown.Handle(r.Pattern, g.serviceHandler(s, r.Pattern))
				}
			}
		}
	}
	api.Handle("GET /api/openapi.json", openAPIHandler())
	api.Handle("GET /api/docs", docsHandler())
	api.Handle("/api/", web.NotFound())

	apiChain := []web.Middleware{web.CORS(g.cfg.CORSOrigins), authn.Middleware(g.deps.Verifier)}
	if g.deps.Limiter != nil {
		apiChain = append(apiChain, ratelimit.Middleware(g.deps.Limiter, g.clientKey, g.logger))
	}
	apiHandler := web.Chain(observability.CaptureRoute(api), apiChain...)

	root := http.NewServeMux()
	root.Handle("/api/", apiHandler)
	root.Handle("/.well-known/", web.Chain(observability.CaptureRoute(web.ProblemMux(wellKnown)), web.CORS(g.cfg.CORSOrigins)))
	root.Handle("GET /app-config.json", appConfigHandler(g.cfg))
	root.Handle("/", web.Chain(webAppHandler(), web.SecurityHeaders(g.cfg.ContentSecurity, false)))
	return root, nil
}

// domainRouter mounts every route of a domain's services: the local
// handler when the service runs in this process, its upstream pool when it
// runs elsewhere, else a 503 saying it is not available.
func (g *Gateway) domainRouter(d domainSpec) (http.Handler, error) {
	mux := http.NewServeMux()
	for _, s := range d.Services {
		local := map[string]http.Handler{}
		if routes, ok := g.deps.Local[s.Name]; ok {
			for _, r := range routes {
				local[r.Pattern] = r.Handler
			}
		}
		for _, r := range s.Routes {
			if isWellKnown(r.Pattern) {
				continue // served at the root, see routes
			}
			if !strings.Contains(r.Pattern, " /api/v1/"+d.Name+"/") {
				return nil, fmt.Errorf("route %q of %s is outside /api/v1/%s/", r.Pattern, s.Name, d.Name)
			}
			var h http.Handler
			switch {
			case local[r.Pattern] != nil:
				h = local[r.Pattern]
			case g.pools[s.Name] != nil:
				h = g.pools[s.Name]
			case len(local) > 0:
				return nil, fmt.Errorf("service %s runs here but has no handler for %q", s.Name, r.Pattern)
			default:
				h = unavailable(s.Name)
			}
			if !r.Anonymous {
				h = requireCaller(h)
			}
			mux.Handle(r.Pattern, h)
		}
	}
	// CaptureRoute hands the matched pattern to the metrics and tracing
	// middleware outside, which only see the request before routing.
	return observability.CaptureRoute(web.ProblemMux(mux)), nil
}

// isWellKnown reports whether a route lives under /.well-known/ (RFC 8615)
// instead of its domain's prefix, like the auth service's JWKS.
func isWellKnown(pattern string) bool {
	_, path, _ := strings.Cut(pattern, " ")
	return strings.HasPrefix(path, "/.well-known/")
}

// serviceHandler is the handler of one anonymous route outside the domain
// routers: the local service's, its upstream pool, or a 503.
func (g *Gateway) serviceHandler(s serviceSpec, pattern string) http.Handler {
	for _, r := range g.deps.Local[s.Name] {
		if r.Pattern == pattern && r.Handler != nil {
			return r.Handler
		}
	}
	if p := g.pools[s.Name]; p != nil {
		return p
	}
	return unavailable(s.Name)
}

func unavailable(service string) http.Handler {
	return web.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.New(apperr.Unavailable, "service_unavailable",
			"the "+service+" service is not running in this process and no upstream is configured for it")
	})
}
