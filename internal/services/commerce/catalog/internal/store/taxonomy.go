package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Taxonomy returns sports, categories, brands and locations in display order.
func (s *Store) Taxonomy(ctx context.Context) (domain.Taxonomy, error) {
	var (
		t   domain.Taxonomy
		err error
	)
	q := s.db.Q(ctx)
	t.Sports, err = sqldb.QueryAll(ctx, q, `SELECT id, name_ru, name_en FROM sports ORDER BY position, id`, nil,
		func(r sqldb.Scanner) (sp domain.Sport, err error) {
			return sp, r.Scan(&sp.ID, &sp.Name.RU, &sp.Name.EN)
		})
	if err != nil {
		return t, fmt.Errorf("list sports: %w", err)
	}
	t.Categories, err = sqldb.QueryAll(ctx, q, `SELECT id, sport_id, name_ru, name_en FROM categories ORDER BY position, id`, nil,
		func(r sqldb.Scanner) (c domain.Category, err error) {
			return c, r.Scan(&c.ID, &c.Sport, &c.Name.RU, &c.Name.EN)
		})
	if err != nil {
		return t, fmt.Errorf("list categories: %w", err)
	}
	t.Brands, err = sqldb.QueryAll(ctx, q, `SELECT id, name FROM brands ORDER BY name, id`, nil,
		func(r sqldb.Scanner) (b domain.Brand, err error) { return b, r.Scan(&b.ID, &b.Name) })
	if err != nil {
		return t, fmt.Errorf("list brands: %w", err)
	}
	t.Locations, err = sqldb.QueryAll(ctx, q, `SELECT id, name_ru, name_en, city_ru, city_en, kind FROM locations
		ORDER BY kind, city_en, id`, nil,
		func(r sqldb.Scanner) (l domain.Location, err error) {
			return l, r.Scan(&l.ID, &l.Name.RU, &l.Name.EN, &l.City.RU, &l.City.EN, &l.Kind)
		})
	if err != nil {
		return t, fmt.Errorf("list locations: %w", err)
	}
	return t, nil
}

// SaveTaxonomy inserts or updates every sport, category, brand and location.
// Products whose brand, category or sport was renamed are re-indexed, so
// search finds them by the new name and no longer by the old one.
func (s *Store) SaveTaxonomy(ctx context.Context, t domain.Taxonomy) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		old, err := s.Taxonomy(ctx)
		if err != nil {
			return err
		}
		if err := s.upsertTaxonomy(ctx, t); err != nil {
			return err
		}
		return s.reindexRenamed(ctx, old, t)
	})
}

func (s *Store) upsertTaxonomy(ctx context.Context, t domain.Taxonomy) error {
	q := s.db.Q(ctx)
	for i, sp := range t.Sports {
		if _, err := q.ExecContext(ctx, `INSERT INTO sports (id, name_ru, name_en, position) VALUES ($1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en, position = excluded.position`,
			sp.ID, sp.Name.RU, sp.Name.EN, i); err != nil {
			return fmt.Errorf("save sport %s: %w", sp.ID, sqldb.Classify(err))
		}
	}
	for i, c := range t.Categories {
		if _, err := q.ExecContext(ctx, `INSERT INTO categories (id, sport_id, name_ru, name_en, position) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (id) DO UPDATE SET sport_id = excluded.sport_id, name_ru = excluded.name_ru,
			name_en = excluded.name_en, position = excluded.position`,
			c.ID, c.Sport, c.Name.RU, c.Name.EN, i); err != nil {
			return fmt.Errorf("save category %s: %w", c.ID, sqldb.Classify(err))
		}
	}
	for _, b := range t.Brands {
		if _, err := q.ExecContext(ctx, `INSERT INTO brands (id, name) VALUES ($1, $2)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name`, b.ID, b.Name); err != nil {
			return fmt.Errorf("save brand %s: %w", b.ID, sqldb.Classify(err))
		}
	}
	for _, l := range t.Locations {
		if _, err := q.ExecContext(ctx, `INSERT INTO locations (id, name_ru, name_en, city_ru, city_en, kind)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (id) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en,
			city_ru = excluded.city_ru, city_en = excluded.city_en, kind = excluded.kind`,
			l.ID, l.Name.RU, l.Name.EN, l.City.RU, l.City.EN, string(l.Kind)); err != nil {
			return fmt.Errorf("save location %s: %w", l.ID, sqldb.Classify(err))
		}
	}
	return nil
}

// reindexRenamed rebuilds the search documents of the products that carry
// a brand, category or sport whose name changed from old to t.
func (s *Store) reindexRenamed(ctx context.Context, old, t domain.Taxonomy) error {
	brands := renamed(old.Brands, t.Brands, func(b domain.Brand) (string, any) { return b.ID, b.Name })
	cats := renamed(old.Categories, t.Categories, func(c domain.Category) (string, any) { return c.ID, c.Name })
	sports := renamed(old.Sports, t.Sports, func(sp domain.Sport) (string, any) { return sp.ID, sp.Name })
	var a argList
	var conds []string
	if len(brands) > 0 {
		conds = append(conds, "brand_id IN ("+a.in(brands)+")")
	}
	if len(cats) > 0 {
		conds = append(conds, "category_id IN ("+a.in(cats)+")")
	}
	if len(sports) > 0 {
		conds = append(conds, "id IN (SELECT product_id FROM product_sports WHERE sport_id IN ("+a.in(sports)+"))")
	}
	if len(conds) == 0 {
		return nil
	}
	ids, err := sqldb.QueryAll(ctx, s.db.Q(ctx), "SELECT id FROM products WHERE "+strings.Join(conds, " OR "), a.args,
		func(r sqldb.Scanner) (id string, err error) { return id, r.Scan(&id) })
	if err != nil {
		return fmt.Errorf("find renamed products: %w", err)
	}
	for _, id := range ids {
		v, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		doc, err := s.searchDocFor(ctx, v.Product)
		if err != nil {
			return err
		}
		if _, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE products SET search_doc = $1 WHERE id = $2`, doc, id); err != nil {
			return fmt.Errorf("reindex product %s: %w", id, sqldb.Classify(err))
		}
	}
	return nil
}

// renamed returns the ids present in both lists whose name differs.
func renamed[T any](old, cur []T, key func(T) (id string, name any)) []string {
	before := make(map[string]any, len(old))
	for _, x := range old {
		id, name := key(x)
		before[id] = name
	}
	var out []string
	for _, x := range cur {
		id, name := key(x)
		if prev, ok := before[id]; ok && prev != name {
			out = append(out, id)
		}
	}
	return out
}
