package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

// stdin is where `admin create` reads a password from (tests replace it).
var stdin io.Reader = os.Stdin

// adminCommand runs `sporthub admin create --email=... [--password=...]`:
// the way to make the first administrator (there is no default password).
// Without --password the password is read from the first line of standard
// input, which keeps it out of the process list and shell history.
func adminCommand(cfg app.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: sporthub admin create --email=ADDRESS [--password=PASSWORD] (the password is read from stdin when not given)")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("email", "", "the administrator's email address (their login)")
	password := fs.String("password", "", "the password; prefer standard input, this shows in the process list")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("admin create: --email is required")
	}
	if *password == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("admin create: read the password from stdin: %w", err)
		}
		*password = strings.TrimRight(line, "\r\n")
		if *password == "" {
			return errors.New("admin create: give the password on standard input (or --password)")
		}
	}
	logger, err := observability.NewLogger(cfg.Log, stderr)
	if err != nil {
		return err
	}
	id, err := app.CreateAdmin(context.Background(), cfg, logger, *email, *password)
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		msgs := make([]string, len(ae.Fields))
		for i, f := range ae.Fields {
			msgs[i] = f.Field + ": " + f.Message
		}
		return fmt.Errorf("admin create: %s", strings.Join(msgs, "; "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "administrator %s created (user %s).\nSign in at the web app and set up two-factor authentication: staff permissions apply only to sessions that passed it.\n", *email, id)
	return nil
}
