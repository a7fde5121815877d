package config

import (
	"fmt"
	"io"
	"net/url"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Mask is what a secret's value is printed as.
const Mask = "********"

// Print writes cfg as YAML with every secret masked: `secret:"true"` keys
// entirely, `secret:"url"` keys only in their password part.
func Print(w io.Writer, cfg any) error {
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, l := range Leaves(cfg) {
		insert(root, strings.Split(l.Path, "."), valueNode(l))
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("print config: %w", err)
	}
	return enc.Close()
}

func valueNode(l Leaf) *yaml.Node {
	s := l.String()
	switch {
	case l.Secret == "true" && s != "":
		s = Mask
	case l.Secret == "url":
		s = MaskURLs(s)
	}
	switch l.value.Interface().(type) {
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, item := range l.value.Interface().([]string) {
			if l.Secret == "url" {
				item = MaskURLs(item)
			}
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: item})
		}
		return n
	case time.Duration:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	if l.value.Kind() == reflect.String {
		n.Style = yaml.DoubleQuotedStyle
		if s == "" {
			n.Value = ""
		}
	}
	return n
}

func insert(m *yaml.Node, path []string, v *yaml.Node) {
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].Value == path[0] {
			insert(m.Content[i+1], path[1:], v)
			return
		}
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Value: path[0]}
	if len(path) == 1 {
		m.Content = append(m.Content, key, v)
		return
	}
	child := &yaml.Node{Kind: yaml.MappingNode}
	m.Content = append(m.Content, key, child)
	insert(child, path[1:], v)
}

// MaskURLs masks the password of every URL in s (a URL or a list of
// name=url|url pairs), leaving the rest readable.
func MaskURLs(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' || s[i] == '|' || s[i] == '=' {
			b.WriteString(maskURL(s[start:i]))
			if i < len(s) {
				b.WriteByte(s[i])
			}
			start = i + 1
		}
	}
	return b.String()
}

func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
		return strings.Replace(u.String(), "xxxxx", Mask, 1)
	}
	return s
}

// Reference writes a Markdown table of every key: YAML path, environment
// variable, flag, default and description.
func Reference(w io.Writer, defaults any) error {
	if _, err := fmt.Fprintln(w, "| key | environment | flag | default | description |\n| --- | --- | --- | --- | --- |"); err != nil {
		return err
	}
	for _, l := range Leaves(defaults) {
		def := l.String()
		if l.Secret != "" && def != "" {
			def = Mask
		}
		if def != "" {
			def = "`" + def + "`"
		}
		if _, err := fmt.Fprintf(w, "| `%s` | `%s` | `--%s` | %s | %s |\n", l.Path, l.Env, l.Flag, def, l.Doc); err != nil {
			return err
		}
	}
	return nil
}
