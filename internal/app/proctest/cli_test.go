package proctest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLI runs the binary's subcommands and its configuration errors: the
// targets list, an unknown target, secrets masked by `config`, an unknown
// YAML key and an invalid value, each failing with a message naming the
// culprit.
func TestCLI(t *testing.T) {
	t.Run("targets", func(t *testing.T) {
		code, out := runCLI(t, nil, "targets")
		if code != 0 {
			t.Fatalf("sporthub targets: exit %d\n%s", code, out)
		}
		listed := map[string]bool{}
		for _, l := range lines(out)[1:] {
			listed[strings.Fields(l)[0]] = true
		}
		for _, want := range []string{"all", "commerce", "platform", "catalog", "gateway"} {
			if !listed[want] {
				t.Errorf("sporthub targets does not list %q:\n%s", want, out)
			}
		}
	})

	t.Run("unknown target", func(t *testing.T) {
		code, out := runCLI(t, []string{"SPORTHUB_DATA_DIR=" + t.TempDir()}, "--target=nope")
		if code == 0 || !strings.Contains(out, `unknown target "nope"`) {
			t.Errorf("sporthub --target=nope: exit %d, want non-zero with `unknown target \"nope\"`:\n%s", code, out)
		}
	})

	t.Run("config masks secrets", func(t *testing.T) {
		code, out := runCLI(t, []string{
			"SPORTHUB_DATABASE_DSN=postgres://u:secret@h/db",
			"SPORTHUB_DATABASE_SERVICES=catalog=postgres://c:catpw@h/db",
			"SPORTHUB_BUS_URL=nats://n:natspw@h:4222",
			"SPORTHUB_REDIS_URL=redis://:redispw@h:6379/0",
		}, "config")
		if code != 0 {
			t.Fatalf("sporthub config: exit %d\n%s", code, out)
		}
		for _, secret := range []string{"secret", "catpw", "natspw", "redispw"} {
			if strings.Contains(out, secret) {
				t.Errorf("sporthub config prints the password %q:\n%s", secret, out)
			}
		}
		for _, masked := range []string{"postgres://u:", "@h/db", "nats://n:", "redis://:"} {
			if !strings.Contains(out, masked) {
				t.Errorf("sporthub config lost the rest of a URL: no %q in\n%s", masked, out)
			}
		}
	})

	t.Run("unknown yaml key", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "sporthub.yaml")
		if err := os.WriteFile(file, []byte("http:\n  addr: \":9090\"\n  adr: \":9091\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"config", "--config", file}, {"--config", file}} {
			code, out := runCLI(t, []string{"SPORTHUB_DATA_DIR=" + t.TempDir()}, args...)
			if code == 0 {
				t.Errorf("sporthub %s: exit 0 with an unknown key\n%s", strings.Join(args, " "), out)
			}
			for _, want := range []string{file, `line 3: unknown key "http.adr"`} {
				if !strings.Contains(out, want) {
					t.Errorf("sporthub %s: message does not name %q:\n%s", strings.Join(args, " "), want, out)
				}
			}
		}
	})

	t.Run("invalid http.addr", func(t *testing.T) {
		env := []string{"SPORTHUB_HTTP_ADDR=bad", "SPORTHUB_DATA_DIR=" + t.TempDir()}
		code, out := runCLI(t, env)
		if code == 0 || !strings.Contains(out, "http.addr") || !strings.Contains(out, `"bad"`) {
			t.Errorf("sporthub with SPORTHUB_HTTP_ADDR=bad: exit %d, want non-zero naming http.addr and the value:\n%s", code, out)
		}
		// `config` still prints, flagging the problem at the top.
		code, out = runCLI(t, env, "config")
		if code != 0 || !strings.HasPrefix(out, "# invalid configuration") || !strings.Contains(out, "http.addr") {
			t.Errorf("sporthub config with SPORTHUB_HTTP_ADDR=bad: exit %d\n%s", code, out)
		}
	})
}
