// Package app is the composition root of SportHub: the only package that
// imports every service. It holds the module registry (each service with its
// group and dependencies), resolves --target into the set of modules a
// process runs, builds them from the configuration, and runs them under one
// lifecycle manager behind one HTTP server.
package app

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
)

// The domain groups a target may name.
var Groups = []string{"user", "social", "training", "equipment", "marketing", "integrations", "finance", "admin", "commerce", "platform"}

// module is one runnable part of the platform.
type module struct {
	name  string
	group string // "" for infrastructure modules that are not targets
	// deps must run first in the same process (hard dependencies).
	deps []string
	// build creates the module's service; modules it depends on are built.
	// ctx bounds the work of building (connecting to NATS, opening databases).
	build func(ctx context.Context, a *App) (lifecycle.Service, error)
}

// Module names of the infrastructure every process has.
const (
	modBus         = "bus"
	modRevocations = "revocations"
	modServer      = "server"
)

// registry lists every module. A service appears here once it is built:
// targets for services that do not exist yet are unknown, not stubs.
func registry() []module {
	return []module{
		{name: modBus, build: buildBus},
		// Every process that verifies access tokens follows revocations.
		{name: modRevocations, deps: []string{modBus}, build: buildRevocations},
		{name: "gateway", group: "platform", deps: []string{modBus, modRevocations}, build: buildGateway},
		{name: "auth", group: "user", deps: []string{modBus}, build: buildAuth},
		{name: "profiles", group: "user", deps: []string{modBus}, build: buildProfiles},
		{name: "settings", group: "user", deps: []string{modBus}, build: buildSettings},
		{name: "access", group: "admin", deps: []string{modBus}, build: buildAccess},
		{name: "notify", group: "platform", deps: []string{modBus}, build: buildNotify},
		{name: "catalog", group: "commerce", deps: []string{modBus}, build: buildCatalog},
		// devices checks access tokens itself (the first message of a
		// WebSocket), so it follows revocations too.
		{name: "devices", group: "integrations", deps: []string{modBus, modRevocations}, build: buildDevices},
		{name: "tracker", group: "training", deps: []string{modBus}, build: buildTracker},
		{name: "progress", group: "training", deps: []string{modBus}, build: buildProgress},
		// The server is built last and depends on every other module, so it
		// starts once they run and, on shutdown, stops (draining requests)
		// before any of them.
		{name: modServer, build: buildServer},
	}
}

// Target describes one name --target accepts.
type Target struct {
	Name     string
	Services []string // what it expands to
	Group    bool
}

// Targets lists every target: all, the groups that have services, and each service.
func Targets() []Target {
	return targetsOf(registry())
}

func targetsOf(mods []module) []Target {
	var all []string
	byGroup := map[string][]string{}
	for _, m := range mods {
		if m.group == "" {
			continue
		}
		all = append(all, m.name)
		byGroup[m.group] = append(byGroup[m.group], m.name)
	}
	sort.Strings(all)
	out := []Target{{Name: "all", Services: all, Group: true}}
	for _, g := range Groups {
		if len(byGroup[g]) > 0 {
			out = append(out, Target{Name: g, Services: byGroup[g], Group: true})
		}
	}
	for _, s := range all {
		out = append(out, Target{Name: s, Services: []string{s}})
	}
	return out
}

// resolve expands target names into the modules to run, in dependency
// order, with infrastructure added. Unknown targets and dependency cycles
// are errors.
func resolve(mods []module, targets []string) ([]module, error) {
	byName := map[string]module{}
	for _, m := range mods {
		byName[m.name] = m
	}
	known := map[string][]string{}
	var names []string
	for _, t := range targetsOf(mods) {
		known[t.Name] = t.Services
		names = append(names, t.Name)
	}
	want := map[string]bool{}
	for _, t := range targets {
		t = strings.ToLower(strings.TrimSpace(t))
		svcs, ok := known[t]
		if !ok && slices.Contains(Groups, t) {
			return nil, fmt.Errorf("target %q is a domain group with no services built yet (known: %s)", t, strings.Join(names, ", "))
		}
		if !ok {
			return nil, fmt.Errorf("unknown target %q (known: %s)", t, strings.Join(names, ", "))
		}
		for _, s := range svcs {
			want[s] = true
		}
	}
	var add func(name string, path []string) error
	add = func(name string, path []string) error {
		for _, p := range path {
			if p == name {
				return fmt.Errorf("dependency cycle: %s -> %s", strings.Join(path, " -> "), name)
			}
		}
		m, ok := byName[name]
		if !ok {
			return fmt.Errorf("module %s needs unknown module %q", path[len(path)-1], name)
		}
		want[name] = true
		for _, d := range m.deps {
			if err := add(d, append(path, name)); err != nil {
				return err
			}
		}
		return nil
	}
	for name := range want {
		if err := add(name, nil); err != nil {
			return nil, err
		}
	}
	for _, infra := range []string{modRevocations, modServer} {
		if _, ok := byName[infra]; ok {
			want[infra] = true
		}
	}
	selected := make([]string, 0, len(want))
	for n := range want {
		selected = append(selected, n)
	}
	sort.Strings(selected)
	order, err := lifecycle.TopoSort(func(n string) []string { return depsOf(byName, want, n) }, selected)
	if err != nil {
		return nil, err
	}
	out := make([]module, len(order))
	for i, n := range order {
		out[i] = byName[n]
	}
	return out, nil
}

// depsOf returns a module's dependencies within the selected set: the
// server depends on every other selected module, the gateway on the
// services it mounts in-process.
func depsOf(byName map[string]module, selected map[string]bool, name string) []string {
	switch name {
	case modServer:
		var out []string
		for n := range selected {
			if n != modServer {
				out = append(out, n)
			}
		}
		return out
	case "gateway":
		out := append([]string(nil), byName[name].deps...)
		for n := range selected {
			if m := byName[n]; m.group != "" && n != "gateway" {
				out = append(out, n)
			}
		}
		return out
	}
	return byName[name].deps
}
