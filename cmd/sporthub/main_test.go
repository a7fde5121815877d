package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestConfigurationDocIsCurrent keeps docs/configuration.md in step with the
// configuration keys the code defines.
func TestConfigurationDocIsCurrent(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"config", "reference"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(doc), out.String()) {
		t.Fatal("docs/configuration.md is stale: regenerate its table with `go run ./cmd/sporthub config reference`")
	}
}

func TestTargetsAndConfigCommands(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"targets"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"all", "commerce", "platform", "catalog", "gateway"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("targets output lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	t.Setenv("SPORTHUB_DATABASE_DSN", "postgres://app:s3cret@db:5432/sporthub")
	if err := run([]string{"config", "--http.addr=:9999"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "s3cret") || !strings.Contains(out.String(), `addr: ":9999"`) {
		t.Fatalf("config output:\n%s", out.String())
	}
	if err := run([]string{"--target=nope"}, &out, &out); err == nil || !strings.Contains(err.Error(), `unknown target "nope"`) {
		t.Fatalf("unknown target: %v", err)
	}
	if err := run([]string{"launch"}, &out, &out); err == nil {
		t.Fatal("unknown command accepted")
	}
}

// TestAdminCreate makes the first administrator with the password on
// standard input, and refuses a second account with the same email and a
// weak password, naming the problem.
func TestAdminCreate(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	stdin = strings.NewReader("a long admin passphrase\n")
	defer func() { stdin = os.Stdin }()
	if err := run([]string{"admin", "--data-dir=" + dir, "--log.level=warn", "create", "--email=Root@Example.test"}, &out, &out); err != nil {
		t.Fatalf("admin create: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "administrator Root@Example.test created") {
		t.Fatalf("output:\n%s", out.String())
	}
	stdin = strings.NewReader("a long admin passphrase\n")
	if err := run([]string{"admin", "--data-dir=" + dir, "create", "--email=root@example.test"}, &out, &out); err == nil {
		t.Fatal("a second account with the same email was created")
	}
	stdin = strings.NewReader("password\n")
	if err := run([]string{"admin", "--data-dir=" + dir, "create", "--email=other@example.test"}, &out, &out); err == nil || !strings.Contains(err.Error(), "password") {
		t.Fatalf("a common password: %v", err)
	}
	if err := run([]string{"admin", "--data-dir=" + dir, "create"}, &out, &out); err == nil || !strings.Contains(err.Error(), "--email") {
		t.Fatalf("no email: %v", err)
	}
}
