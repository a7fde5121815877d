package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type testConfig struct {
	Target  []string `yaml:"target" doc:"what to run"`
	DataDir string   `yaml:"data_dir"`
	HTTP    struct {
		Addr    string        `yaml:"addr"`
		Timeout time.Duration `yaml:"timeout"`
	} `yaml:"http"`
	Database struct {
		DSN string `yaml:"dsn" secret:"url"`
	} `yaml:"database"`
	Token     string              `yaml:"token" secret:"true"`
	Demo      bool                `yaml:"demo"`
	Ratio     float64             `yaml:"ratio"`
	Upstreams map[string][]string `yaml:"upstreams"`
}

func defaults() *testConfig {
	c := &testConfig{Target: []string{"all"}, DataDir: "./data", Demo: true, Ratio: 1}
	c.HTTP.Addr = ":8080"
	c.HTTP.Timeout = 30 * time.Second
	return c
}

func writeFile(t *testing.T, body string) string {
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestPrecedence(t *testing.T) {
	file := writeFile(t, "http:\n  addr: \":9000\"\n  timeout: 5s\ndata_dir: /from/file\ndemo: false\n")
	c := defaults()
	rest, err := Load(c, Source{
		Args: []string{"--config", file, "--http.addr=:7000", "serve"},
		Env:  env(map[string]string{"SPORTHUB_HTTP_ADDR": ":8000", "SPORTHUB_DATA_DIR": "/from/env", "SPORTHUB_UPSTREAMS": "catalog=http://a|http://b"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP.Addr != ":7000" {
		t.Errorf("http.addr = %q, want the flag's :7000", c.HTTP.Addr)
	}
	if c.DataDir != "/from/env" {
		t.Errorf("data_dir = %q, want the environment's", c.DataDir)
	}
	if c.HTTP.Timeout != 5*time.Second || c.Demo {
		t.Errorf("file values not applied: timeout %v demo %v", c.HTTP.Timeout, c.Demo)
	}
	if c.Ratio != 1 || len(c.Target) != 1 {
		t.Errorf("defaults lost: %+v", c)
	}
	if got := c.Upstreams["catalog"]; len(got) != 2 || got[1] != "http://b" {
		t.Errorf("upstreams = %v", c.Upstreams)
	}
	if len(rest) != 1 || rest[0] != "serve" {
		t.Errorf("rest = %v", rest)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		src  Source
		want string
	}{
		{"unknown key in file", Source{Args: []string{"--config", writeFile(t, "http:\n  adr: x\n")}}, `line 2: unknown key "http.adr"`},
		{"unknown top-level key", Source{Args: []string{"--config", writeFile(t, "colour: red\n")}}, `line 1: unknown key "colour"`},
		{"wrong type in file", Source{Args: []string{"--config", writeFile(t, "demo: [1]\n")}}, "demo"},
		{"missing file", Source{Args: []string{"--config", "/nope.yaml"}}, "no such file"},
		{"bad duration in env", Source{Env: env(map[string]string{"SPORTHUB_HTTP_TIMEOUT": "soon"})}, "SPORTHUB_HTTP_TIMEOUT"},
		{"bad bool flag", Source{Args: []string{"--demo=maybe"}}, "--demo"},
		{"unknown flag", Source{Args: []string{"--nope=1"}}, "not defined"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.src.Env = orEmpty(tc.src.Env)
			_, err := Load(defaults(), tc.src)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func orEmpty(f func(string) string) func(string) string {
	if f == nil {
		return env(nil)
	}
	return f
}

func TestPrintMasksSecrets(t *testing.T) {
	c := defaults()
	c.Token = "s3cr3t"
	c.Database.DSN = "postgres://app:hunter2@db:5432/sporthub?sslmode=disable"
	var b bytes.Buffer
	if err := Print(&b, c); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, leak := range []string{"s3cr3t", "hunter2"} {
		if strings.Contains(out, leak) {
			t.Fatalf("printed config leaks %q:\n%s", leak, out)
		}
	}
	for _, want := range []string{"app:" + Mask + "@db:5432", "token: " + `"` + Mask, "addr: \":8080\""} {
		if !strings.Contains(out, want) {
			t.Fatalf("printed config lacks %q:\n%s", want, out)
		}
	}
}

func TestLeavesNames(t *testing.T) {
	for _, l := range Leaves(defaults()) {
		if l.Path == "data_dir" && (l.Env != "SPORTHUB_DATA_DIR" || l.Flag != "data-dir") {
			t.Fatalf("data_dir leaf = %+v", l)
		}
	}
}
