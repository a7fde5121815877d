package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
)

// Catalog is every permission some service checks, as the composition root
// collected them from the services' api packages.
type Catalog struct {
	items []accessapi.PermissionInfo
	names map[string]bool
}

var permRe = regexp.MustCompile(`^[a-z][a-z0-9]*\.[a-z][a-z_]*\.[a-z][a-z_]*$`)

// NewCatalog builds the catalog from lists of permissions; a name given
// twice keeps its first description. Malformed names are an error.
func NewCatalog(lists ...[]accessapi.PermissionInfo) (*Catalog, error) {
	c := &Catalog{names: map[string]bool{}}
	for _, list := range lists {
		for _, p := range list {
			if !permRe.MatchString(p.Name) {
				return nil, fmt.Errorf("permission %q is not <service>.<object>.<verb>", p.Name)
			}
			if c.names[p.Name] {
				continue
			}
			c.names[p.Name] = true
			c.items = append(c.items, p)
		}
	}
	slices.SortFunc(c.items, func(a, b accessapi.PermissionInfo) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return c, nil
}

// Items returns every permission, sorted by name.
func (c *Catalog) Items() []accessapi.PermissionInfo { return slices.Clone(c.items) }

// Names returns every permission name, sorted.
func (c *Catalog) Names() []string {
	out := make([]string, len(c.items))
	for i, p := range c.items {
		out[i] = p.Name
	}
	return out
}

// Has reports whether name is in the catalog.
func (c *Catalog) Has(name string) bool { return c.names[name] }

// Missing returns the catalog's permissions that perms lacks.
func (c *Catalog) Missing(perms []string) []string {
	have := map[string]bool{}
	for _, p := range perms {
		have[p] = true
	}
	var out []string
	for _, p := range c.items {
		if !have[p.Name] {
			out = append(out, p.Name)
		}
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
