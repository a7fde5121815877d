// Command sporthub runs the SportHub platform: every service in one process
// by default, or the services --target names (see `sporthub targets`).
//
//	sporthub                       run everything on embedded defaults (http://localhost:8080)
//	sporthub --target=catalog      run only the catalog
//	sporthub targets               list targets and groups
//	sporthub config                print the effective configuration, secrets masked
//	sporthub config reference      print every configuration key as a Markdown table
//	sporthub admin create --email=...  create an administrator (password from stdin)
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/config"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "sporthub:", err)
		os.Exit(1)
	}
}

var commands = map[string]func(cfg app.Config, args []string, stdout, stderr io.Writer) error{
	"run":     runPlatform,
	"targets": printTargets,
	"config":  printConfig,
	"admin":   adminCommand,
	"import":  importCommand,
}

func run(args []string, stdout, stderr io.Writer) error {
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	fn, ok := commands[cmd]
	if !ok {
		return fmt.Errorf("unknown command %q (commands: run, targets, config, admin, import)", cmd)
	}
	cfg := app.DefaultConfig()
	rest, err := config.Load(&cfg, config.Source{Args: args})
	if err != nil {
		return err
	}
	return fn(cfg, rest, stdout, stderr)
}

func printTargets(_ app.Config, _ []string, stdout, _ io.Writer) error {
	fmt.Fprintln(stdout, "Targets (--target takes one or more, comma-separated):")
	for _, t := range app.Targets() {
		kind := "service"
		if t.Group {
			kind = "group  "
		}
		fmt.Fprintf(stdout, "  %-12s %s  %s\n", t.Name, kind, strings.Join(t.Services, ", "))
	}
	var empty []string
	for _, g := range app.Groups {
		if !slices.ContainsFunc(app.Targets(), func(t app.Target) bool { return t.Name == g }) {
			empty = append(empty, g)
		}
	}
	if len(empty) > 0 {
		fmt.Fprintf(stdout, "Domain groups with no services built yet: %s\n", strings.Join(empty, ", "))
	}
	return nil
}

func printConfig(cfg app.Config, args []string, stdout, _ io.Writer) error {
	if len(args) > 0 && args[0] == "reference" {
		return config.Reference(stdout, &cfg)
	}
	if err := cfg.Prepare(); err != nil {
		fmt.Fprintf(stdout, "# invalid configuration:\n# %s\n", strings.ReplaceAll(err.Error(), "\n", "\n# "))
	}
	return config.Print(stdout, &cfg)
}

func runPlatform(cfg app.Config, args []string, _ io.Writer, stderr io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments %q", args)
	}
	start := time.Now()
	logger, err := observability.NewLogger(cfg.Log, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	shutdownTracing, err := observability.SetupTracing(ctx, cfg.Tracing)
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = shutdownTracing(sctx)
	}()
	a, err := app.New(ctx, cfg, logger, observability.NewMetrics())
	if err != nil {
		return err
	}
	err = a.Run(ctx, func() {
		logger.Info("sporthub ready", "addr", a.Addr(), "services", a.Services(), "took", time.Since(start).Round(time.Millisecond).String())
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	logger.Info("sporthub stopped")
	return nil
}
