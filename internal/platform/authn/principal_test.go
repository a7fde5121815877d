package authn_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/authn"
)

func TestPrincipalHas(t *testing.T) {
	p := &authn.Principal{
		Subject:      "u1",
		Roles:        []string{"coach"},
		Permissions:  []string{"catalog.products.write"},
		Entitlements: []string{"premium"},
	}
	if !p.HasRole("coach") || p.HasRole("admin") || p.HasRole("") {
		t.Error("HasRole wrong")
	}
	if !p.HasPermission("catalog.products.write") || p.HasPermission("catalog.products") ||
		p.HasPermission("catalog.products.write.x") || p.HasPermission("") {
		t.Error("HasPermission must match exactly")
	}
	if !p.HasEntitlement("premium") || p.HasEntitlement("pro") {
		t.Error("HasEntitlement wrong")
	}
	var none *authn.Principal
	if none.HasRole("coach") || none.HasPermission("x") || none.HasEntitlement("premium") {
		t.Error("a nil principal must hold nothing")
	}
}

func TestRequire(t *testing.T) {
	ctx := context.Background()
	if _, ok := authn.FromContext(ctx); ok {
		t.Fatal("empty context has a principal")
	}
	if _, ok := authn.FromContext(authn.WithPrincipal(ctx, nil)); ok {
		t.Fatal("a nil principal must count as anonymous")
	}
	_, err := authn.Require(ctx)
	wantAppErr(t, err, apperr.Unauthorized, "unauthenticated")
	_, err = authn.RequirePermission(ctx, "catalog.products.write")
	wantAppErr(t, err, apperr.Unauthorized, "unauthenticated")

	p := &authn.Principal{Subject: "u1", Permissions: []string{"catalog.products.read"}}
	ctx = authn.WithPrincipal(ctx, p)
	got, err := authn.Require(ctx)
	if err != nil || got != p {
		t.Fatalf("Require = %v, %v; want the principal", got, err)
	}
	if got, err := authn.RequirePermission(ctx, "catalog.products.read"); err != nil || got != p {
		t.Fatalf("RequirePermission(held) = %v, %v", got, err)
	}
	_, err = authn.RequirePermission(ctx, "catalog.products.write")
	wantAppErr(t, err, apperr.Forbidden, "permission_denied")
	if !strings.Contains(err.Error(), "catalog.products.write") {
		t.Fatalf("forbidden error %q does not name the permission", err)
	}
}
