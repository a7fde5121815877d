package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Count returns how many products the catalog holds.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM products`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count products: %w", sqldb.Classify(err))
	}
	return n, nil
}

// Get returns a product with its prices and stock.
func (s *Store) Get(ctx context.Context, id string) (domain.ProductView, error) {
	q := s.db.Q(ctx)
	var r productRow
	err := q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM products p WHERE p.id = $1`, id).Scan(r.scanTargets()...)
	if sqldb.IsNoRows(err) {
		return domain.ProductView{}, domain.ErrProductNotFound
	}
	if err != nil {
		return domain.ProductView{}, fmt.Errorf("get product %s: %w", id, sqldb.Classify(err))
	}
	sports, err := s.sportsOf(ctx, []string{id})
	if err != nil {
		return domain.ProductView{}, err
	}
	p, err := productFromRow(r, sports[id])
	if err != nil {
		return domain.ProductView{}, err
	}
	v := domain.ProductView{Product: p, TotalStock: r.TotalStock}
	v.Prices, err = sqldb.QueryAll(ctx, q, `SELECT region, currency, amount_minor FROM prices WHERE product_id = $1
		ORDER BY region, currency`, []any{id},
		func(r sqldb.Scanner) (pr domain.Price, err error) {
			return pr, r.Scan(&pr.Region, &pr.Currency, &pr.AmountMinor)
		})
	if err != nil {
		return v, fmt.Errorf("get prices of %s: %w", id, err)
	}
	v.Stock, err = sqldb.QueryAll(ctx, q, `SELECT location_id, quantity FROM stock WHERE product_id = $1
		ORDER BY location_id`, []any{id},
		func(r sqldb.Scanner) (st domain.StockLevel, err error) {
			return st, r.Scan(&st.LocationID, &st.Quantity)
		})
	if err != nil {
		return v, fmt.Errorf("get stock of %s: %w", id, err)
	}
	return v, nil
}

// sportsOf returns the sports of each product id.
func (s *Store) sportsOf(ctx context.Context, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var b argList
	in := b.in(ids)
	type pair struct{ product, sport string }
	pairs, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT product_id, sport_id FROM product_sports
		WHERE product_id IN (`+in+`) ORDER BY product_id, sport_id`, b.args,
		func(r sqldb.Scanner) (p pair, err error) { return p, r.Scan(&p.product, &p.sport) })
	if err != nil {
		return nil, fmt.Errorf("get sports of products: %w", err)
	}
	for _, p := range pairs {
		out[p.product] = append(out[p.product], p.sport)
	}
	return out, nil
}

// Insert stores a new product (ErrSKUTaken when its SKU is in use).
func (s *Store) Insert(ctx context.Context, p domain.Product) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		doc, err := s.searchDocFor(ctx, p)
		if err != nil {
			return err
		}
		return s.insert(ctx, p, doc)
	})
}

// InsertMany stores new products whose brands, categories and sports are
// all in t, naming them from t instead of reading them back per product:
// the demo catalog loads in one transaction in well under a second.
func (s *Store) InsertMany(ctx context.Context, t domain.Taxonomy, products []domain.Product) error {
	brands := map[string]string{}
	for _, b := range t.Brands {
		brands[b.ID] = b.Name
	}
	cats := map[string]domain.Category{}
	for _, c := range t.Categories {
		cats[c.ID] = c
	}
	sports := map[string]domain.Text{}
	for _, sp := range t.Sports {
		sports[sp.ID] = sp.Name
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, p := range products {
			var names []domain.Text
			for _, id := range p.Sports {
				names = append(names, sports[id])
			}
			if err := s.insert(ctx, p, searchDoc(p, brands[p.BrandID], cats[p.CategoryID].Name, names)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) insert(ctx context.Context, p domain.Product, doc string) error {
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO products (id, sku, name_ru, name_en, description_ru,
		description_en, brand_id, category_id, specs, sizes, images, size_system, supplier_id, popularity,
		total_stock, version, search_doc, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15, $16, $17, $18)`,
		p.ID, p.SKU, p.Name.RU, p.Name.EN, p.Description.RU, p.Description.EN, p.BrandID, p.CategoryID,
		mustJSON(p.Specs), mustJSON(nonNil(p.Sizes)), mustJSON(nonNil(p.Images)), p.SizeSystem, p.SupplierID,
		p.Popularity, p.Version, doc, dbTime(p.CreatedAt), dbTime(p.UpdatedAt))
	if sqldb.IsUniqueViolation(err) {
		if strings.Contains(sqldb.ConstraintOf(err), "sku") {
			return domain.ErrSKUTaken
		}
		return domain.ErrProductExists
	}
	if err != nil {
		return fmt.Errorf("insert product %s: %w", p.ID, sqldb.Classify(err))
	}
	return s.saveLinks(ctx, p)
}

// Update loads a product in a transaction, lets fn change it, and stores the
// result with its version incremented. fn sees the stored version and may
// refuse the change (e.g. on a version mismatch).
func (s *Store) Update(ctx context.Context, id string, fn func(p *domain.Product) error) (domain.Product, error) {
	var out domain.Product
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		v, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		p := v.Product
		if err := fn(&p); err != nil {
			return err
		}
		doc, err := s.searchDocFor(ctx, p)
		if err != nil {
			return err
		}
		p.Version = v.Version + 1
		res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE products SET sku = $1, name_ru = $2, name_en = $3,
			description_ru = $4, description_en = $5, brand_id = $6, category_id = $7, specs = $8, sizes = $9,
			images = $10, size_system = $11, supplier_id = $12, popularity = $13, version = $14, search_doc = $15,
			updated_at = $16 WHERE id = $17 AND version = $18`,
			p.SKU, p.Name.RU, p.Name.EN, p.Description.RU, p.Description.EN, p.BrandID, p.CategoryID,
			mustJSON(p.Specs), mustJSON(nonNil(p.Sizes)), mustJSON(nonNil(p.Images)), p.SizeSystem, p.SupplierID,
			p.Popularity, p.Version, doc, dbTime(p.UpdatedAt), id, v.Version)
		if sqldb.IsUniqueViolation(err) {
			return domain.ErrSKUTaken
		}
		if err != nil {
			return fmt.Errorf("update product %s: %w", id, sqldb.Classify(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.ErrVersionConflict
		}
		if _, err := s.db.Q(ctx).ExecContext(ctx, `DELETE FROM product_sports WHERE product_id = $1`, id); err != nil {
			return fmt.Errorf("update product %s: %w", id, sqldb.Classify(err))
		}
		if _, err := s.db.Q(ctx).ExecContext(ctx, `DELETE FROM product_sizes WHERE product_id = $1`, id); err != nil {
			return fmt.Errorf("update product %s: %w", id, sqldb.Classify(err))
		}
		out = p
		return s.saveLinks(ctx, p)
	})
	return out, err
}

func (s *Store) saveLinks(ctx context.Context, p domain.Product) error {
	q := s.db.Q(ctx)
	for _, sp := range p.Sports {
		if _, err := q.ExecContext(ctx, `INSERT INTO product_sports (product_id, sport_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, p.ID, sp); err != nil {
			return fmt.Errorf("save sports of %s: %w", p.ID, sqldb.Classify(err))
		}
	}
	for _, size := range p.Sizes {
		if _, err := q.ExecContext(ctx, `INSERT INTO product_sizes (product_id, size) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, p.ID, size); err != nil {
			return fmt.Errorf("save sizes of %s: %w", p.ID, sqldb.Classify(err))
		}
	}
	return nil
}

// searchDocFor builds the product's search document, reading the names of
// its brand, category and sports (which must exist: Invalid otherwise).
func (s *Store) searchDocFor(ctx context.Context, p domain.Product) (string, error) {
	q := s.db.Q(ctx)
	var brand string
	if err := q.QueryRowContext(ctx, `SELECT name FROM brands WHERE id = $1`, p.BrandID).Scan(&brand); err != nil {
		if sqldb.IsNoRows(err) {
			return "", unknownRef("brand_id", "no such brand")
		}
		return "", fmt.Errorf("read brand %s: %w", p.BrandID, sqldb.Classify(err))
	}
	var cat domain.Text
	var catSport string
	if err := q.QueryRowContext(ctx, `SELECT name_ru, name_en, sport_id FROM categories WHERE id = $1`, p.CategoryID).
		Scan(&cat.RU, &cat.EN, &catSport); err != nil {
		if sqldb.IsNoRows(err) {
			return "", unknownRef("category_id", "no such category")
		}
		return "", fmt.Errorf("read category %s: %w", p.CategoryID, sqldb.Classify(err))
	}
	var sports []domain.Text
	hasCatSport := false
	for i, id := range p.Sports {
		var t domain.Text
		if err := q.QueryRowContext(ctx, `SELECT name_ru, name_en FROM sports WHERE id = $1`, id).Scan(&t.RU, &t.EN); err != nil {
			if sqldb.IsNoRows(err) {
				return "", unknownRef(fmt.Sprintf("sports[%d]", i), "no such sport")
			}
			return "", fmt.Errorf("read sport %s: %w", id, sqldb.Classify(err))
		}
		hasCatSport = hasCatSport || id == catSport
		sports = append(sports, t)
	}
	if !hasCatSport {
		return "", unknownRef("sports", "must include the category's sport ("+catSport+")")
	}
	return searchDoc(p, brand, cat, sports), nil
}

// SetPrice sets one price of a product and returns the previous amount (nil
// when there was none).
func (s *Store) SetPrice(ctx context.Context, id string, pr domain.Price) (*int64, error) {
	var old *int64
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.touch(ctx, id); err != nil {
			return err
		}
		q := s.db.Q(ctx)
		var prev int64
		err := q.QueryRowContext(ctx, `SELECT amount_minor FROM prices WHERE product_id = $1 AND region = $2
			AND currency = $3`, id, pr.Region, pr.Currency).Scan(&prev)
		switch {
		case err == nil:
			old = &prev
		case !sqldb.IsNoRows(err):
			return fmt.Errorf("read price of %s: %w", id, sqldb.Classify(err))
		}
		_, err = q.ExecContext(ctx, `INSERT INTO prices (product_id, region, currency, amount_minor) VALUES ($1, $2, $3, $4)
			ON CONFLICT (product_id, region, currency) DO UPDATE SET amount_minor = excluded.amount_minor`,
			id, pr.Region, pr.Currency, pr.AmountMinor)
		if err != nil {
			return fmt.Errorf("set price of %s: %w", id, sqldb.Classify(err))
		}
		return nil
	})
	return old, err
}

// SetStock sets a product's quantity at one location and returns the
// previous quantity and the new total over all locations.
func (s *Store) SetStock(ctx context.Context, id string, st domain.StockLevel) (old, total int, err error) {
	err = s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.touch(ctx, id); err != nil {
			return err
		}
		q := s.db.Q(ctx)
		var exists int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM locations WHERE id = $1`, st.LocationID).Scan(&exists); err != nil {
			return fmt.Errorf("read location %s: %w", st.LocationID, sqldb.Classify(err))
		}
		if exists == 0 {
			return domain.ErrLocationNotFound
		}
		err := q.QueryRowContext(ctx, `SELECT quantity FROM stock WHERE product_id = $1 AND location_id = $2`,
			id, st.LocationID).Scan(&old)
		if err != nil && !sqldb.IsNoRows(err) {
			return fmt.Errorf("read stock of %s: %w", id, sqldb.Classify(err))
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO stock (product_id, location_id, quantity) VALUES ($1, $2, $3)
			ON CONFLICT (product_id, location_id) DO UPDATE SET quantity = excluded.quantity`,
			id, st.LocationID, st.Quantity); err != nil {
			return fmt.Errorf("set stock of %s: %w", id, sqldb.Classify(err))
		}
		if err := q.QueryRowContext(ctx, `UPDATE products SET total_stock =
			(SELECT COALESCE(SUM(quantity), 0) FROM stock WHERE product_id = $1) WHERE id = $1 RETURNING total_stock`,
			id).Scan(&total); err != nil {
			return fmt.Errorf("total stock of %s: %w", id, sqldb.Classify(err))
		}
		return nil
	})
	return old, total, err
}

// touch bumps a product's version and update time, refusing unknown ids.
func (s *Store) touch(ctx context.Context, id string) error {
	res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE products SET version = version + 1, updated_at = $1 WHERE id = $2`,
		dbTime(time.Now()), id)
	if err != nil {
		return fmt.Errorf("touch product %s: %w", id, sqldb.Classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrProductNotFound
	}
	return nil
}

// dbTime is how times are stored: UTC, microsecond precision, the same on
// both engines so values read back compare equal.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// SeedOffers stores a new product's prices and stock as they are, without
// bumping its version (the product is being created, not changed), and
// returns its total stock.
func (s *Store) SeedOffers(ctx context.Context, id string, prices []domain.Price, stock []domain.StockLevel) (int, error) {
	total := 0
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.Q(ctx)
		for _, pr := range prices {
			if _, err := q.ExecContext(ctx, `INSERT INTO prices (product_id, region, currency, amount_minor)
				VALUES ($1, $2, $3, $4)`, id, pr.Region, pr.Currency, pr.AmountMinor); err != nil {
				return fmt.Errorf("seed price of %s: %w", id, sqldb.Classify(err))
			}
		}
		for _, st := range stock {
			if _, err := q.ExecContext(ctx, `INSERT INTO stock (product_id, location_id, quantity) VALUES ($1, $2, $3)`,
				id, st.LocationID, st.Quantity); err != nil {
				return fmt.Errorf("seed stock of %s: %w", id, sqldb.Classify(err))
			}
			total += st.Quantity
		}
		_, err := q.ExecContext(ctx, `UPDATE products SET total_stock = $1 WHERE id = $2`, total, id)
		return sqldb.Classify(err)
	})
	return total, err
}
