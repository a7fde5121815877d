// Package config loads SportHub's configuration from four layers, each
// overriding the one before: the defaults the program sets, a YAML file
// (--config; unknown keys are errors), environment variables (SPORTHUB_ and
// the key path in capitals, e.g. SPORTHUB_HTTP_ADDR for http.addr), and
// command-line flags (--http.addr). It works on any struct whose fields carry
// `yaml` tags; `doc` tags describe keys and `secret` tags mask them when the
// configuration is printed.
package config

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// EnvPrefix starts every environment variable the loader reads.
const EnvPrefix = "SPORTHUB_"

// Leaf is one configurable key.
type Leaf struct {
	Path   string // dotted YAML path, e.g. "http.addr"
	Env    string // SPORTHUB_HTTP_ADDR
	Flag   string // http.addr
	Doc    string
	Secret string // "" | "true" | "url" (mask only the URL's password)
	value  reflect.Value
}

// Leaves lists every key of cfg (a pointer to a struct), sorted by path.
func Leaves(cfg any) []Leaf {
	var out []Leaf
	walk(reflect.ValueOf(cfg).Elem(), "", &out)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func walk(v reflect.Value, prefix string, out *[]Leaf) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		fv := v.Field(i)
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
			walk(fv, path, out)
			continue
		}
		*out = append(*out, Leaf{
			Path:   path,
			Env:    EnvPrefix + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(path)),
			Flag:   strings.ReplaceAll(path, "_", "-"),
			Doc:    f.Tag.Get("doc"),
			Secret: f.Tag.Get("secret"),
			value:  fv,
		})
	}
}

// set parses s into the leaf's field.
func (l Leaf) set(s string) error {
	v := l.value
	switch v.Interface().(type) {
	case time.Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%s: %q is not a duration (e.g. 30s, 5m)", l.Path, s)
		}
		v.SetInt(int64(d))
		return nil
	case []string:
		var items []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
		v.Set(reflect.ValueOf(items))
		return nil
	case map[string][]string:
		// name=url1|url2,name2=url3
		pairs, err := l.pairs(s)
		if err != nil {
			return err
		}
		m := map[string][]string{}
		for k, val := range pairs {
			m[k] = strings.Split(val, "|")
		}
		v.Set(reflect.ValueOf(m))
		return nil
	case map[string]string:
		pairs, err := l.pairs(s)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(pairs))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%s: %q is not true or false", l.Path, s)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not an integer", l.Path, s)
		}
		v.SetInt(n)
	case reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", l.Path, s)
		}
		v.SetFloat(f)
	default:
		return fmt.Errorf("%s: unsupported type %s", l.Path, v.Type())
	}
	return nil
}

// pairs parses "name=value,name=value".
func (l Leaf) pairs(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		k, val, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("%s: %q: want name=value,name=value", l.Path, pair)
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	return m, nil
}

// String formats the leaf's current value the way set parses it.
func (l Leaf) String() string {
	switch x := l.value.Interface().(type) {
	case time.Duration:
		return x.String()
	case []string:
		return strings.Join(x, ",")
	case map[string][]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + strings.Join(x[k], "|")
		}
		return strings.Join(parts, ",")
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + x[k]
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(l.value.Interface())
}

// Source says where configuration comes from besides the defaults.
type Source struct {
	Args    []string            // command-line arguments (without the program name)
	Env     func(string) string // os.Getenv when nil
	FileArg string              // the flag naming the YAML file, default "config"
}

// Load fills cfg (a pointer to a struct already holding the defaults) from
// the YAML file named by --config, then the environment, then flags. It
// returns the arguments left after the flags.
func Load(cfg any, src Source) ([]string, error) {
	if src.Env == nil {
		src.Env = os.Getenv
	}
	if src.FileArg == "" {
		src.FileArg = "config"
	}
	leaves := Leaves(cfg)
	fs := flag.NewFlagSet("sporthub", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	file := fs.String(src.FileArg, "", "path of a YAML configuration file")
	explicit := map[string]string{}
	var order []string
	for _, l := range leaves {
		name := l.Flag
		fs.Func(name, l.Doc, func(s string) error {
			if _, seen := explicit[name]; !seen {
				order = append(order, name)
			}
			explicit[name] = s
			return nil
		})
	}
	if err := fs.Parse(src.Args); err != nil {
		return nil, fmt.Errorf("flags: %w", err)
	}
	if *file != "" {
		if err := loadFile(cfg, *file); err != nil {
			return nil, err
		}
	}
	var errs []error
	for _, l := range leaves {
		if s, ok := lookupEnv(src.Env, l.Env); ok {
			if err := l.set(s); err != nil {
				errs = append(errs, fmt.Errorf("environment %s: %w", l.Env, err))
			}
		}
	}
	byFlag := map[string]Leaf{}
	for _, l := range leaves {
		byFlag[l.Flag] = l
	}
	for _, name := range order {
		if err := byFlag[name].set(explicit[name]); err != nil {
			errs = append(errs, fmt.Errorf("flag --%s: %w", name, err))
		}
	}
	return fs.Args(), errors.Join(errs...)
}

func lookupEnv(get func(string) string, name string) (string, bool) {
	v := get(name)
	return v, v != ""
}

func loadFile(cfg any, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	err = dec.Decode(cfg)
	var te *yaml.TypeError
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return nil
	case errors.As(err, &te):
		return fmt.Errorf("config file %s:\n  %s", path, strings.Join(explain(b, te.Errors), "\n  "))
	}
	return fmt.Errorf("config file %s: %w", path, err)
}

var lineRe = regexp.MustCompile(`^line (\d+): (.*)$`)

// explain rewrites yaml's messages, which name Go types, into the key paths
// a user writes: `line 3: unknown key "http.adr"`, `line 5 (demo): cannot
// unmarshal !!seq into bool`.
func explain(file []byte, msgs []string) []string {
	keys := map[string]string{} // line -> key path of the key on that line
	var root yaml.Node
	if yaml.Unmarshal(file, &root) == nil {
		var visit func(n *yaml.Node, prefix string)
		visit = func(n *yaml.Node, prefix string) {
			for _, c := range n.Content {
				if n.Kind != yaml.MappingNode {
					visit(c, prefix)
				}
			}
			if n.Kind != yaml.MappingNode {
				return
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				path := strings.TrimPrefix(prefix+"."+n.Content[i].Value, ".")
				keys[strconv.Itoa(n.Content[i].Line)] = path
				visit(n.Content[i+1], path)
			}
		}
		visit(&root, "")
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m
		sm := lineRe.FindStringSubmatch(m)
		if sm == nil || keys[sm[1]] == "" {
			continue
		}
		if strings.HasPrefix(sm[2], "field ") && strings.Contains(sm[2], " not found in type ") {
			out[i] = fmt.Sprintf("line %s: unknown key %q", sm[1], keys[sm[1]])
		} else {
			out[i] = fmt.Sprintf("line %s (%s): %s", sm[1], keys[sm[1]], sm[2])
		}
	}
	return out
}
