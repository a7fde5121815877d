package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/observability"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

// importCommand runs `sporthub import --user=EMAIL PATH...`: activity
// files (FIT, GPX, TCX, gzipped or not), folders and zips such as a Garmin
// or Strava bulk export, imported for one user with a progress bar on
// stderr and a summary of imported, duplicate and failed files on stdout.
func importCommand(cfg app.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("user", "", "email of the account the activities belong to")
	quiet := fs.Bool("quiet", false, "no progress bar")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" || fs.NArg() == 0 {
		return errors.New("usage: sporthub import --user=EMAIL PATH... (files, folders or zips)")
	}
	logger, err := observability.NewLogger(cfg.Log, io.Discard)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var progress func(done, total int, name string)
	if !*quiet {
		progress = func(done, total int, name string) { drawProgress(stderr, done, total, name) }
	}
	rep, err := app.ImportFiles(ctx, cfg, logger, *email, fs.Args(), progress)
	if progress != nil && rep.Files > 0 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	printImportReport(stdout, rep)
	return nil
}

// drawProgress redraws one line: a bar, the count and the current file.
func drawProgress(w io.Writer, done, total int, name string) {
	const width = 30
	filled := width * done / max(total, 1)
	if len(name) > 40 {
		name = "..." + name[len(name)-37:]
	}
	fmt.Fprintf(w, "\r[%s%s] %d/%d %-40s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total, name)
}

func printImportReport(w io.Writer, rep app.ImportReport) {
	fmt.Fprintf(w, "imported %d, duplicates %d, failed %d (activity files found: %d)\n",
		rep.Count(devicesapi.StatusProcessing), rep.Count(devicesapi.StatusDuplicate),
		rep.Count(devicesapi.StatusFailed), len(rep.Items))
	for _, status := range []string{devicesapi.StatusDuplicate, devicesapi.StatusFailed} {
		for _, it := range rep.Items {
			if it.Status != status {
				continue
			}
			line := fmt.Sprintf("  %s %s: %s", status, it.File, it.Reason)
			if it.Detail != "" {
				line += " (" + it.Detail + ")"
			}
			fmt.Fprintln(w, line)
		}
	}
	for _, it := range rep.Items {
		for _, warn := range it.Warnings {
			fmt.Fprintf(w, "  warning %s: %s\n", it.File, warn)
		}
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, "skipped %d files that hold no activity\n", len(rep.Skipped))
	}
	if rep.Count(devicesapi.StatusProcessing) > 0 {
		fmt.Fprintln(w, "The platform stores the imported activities within seconds of running (they wait for it if it is not running now).")
	}
}
