-- Full-text search over products.search_doc (stemmed terms made in Go by
-- internal/platform/textsearch). SQLite: an FTS5 table kept in step by
-- triggers; PostgreSQL (0002_search.postgres.sql): a GIN expression index.

-- +goose Up
CREATE VIRTUAL TABLE product_search USING fts5 (
    doc,
    content = 'products',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- +goose StatementBegin
CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_search (rowid, doc) VALUES (new.rowid, new.search_doc);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
    INSERT INTO product_search (product_search, rowid, doc) VALUES ('delete', old.rowid, old.search_doc);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER products_search_update AFTER UPDATE OF search_doc ON products BEGIN
    INSERT INTO product_search (product_search, rowid, doc) VALUES ('delete', old.rowid, old.search_doc);
    INSERT INTO product_search (rowid, doc) VALUES (new.rowid, new.search_doc);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER products_search_update;
DROP TRIGGER products_search_delete;
DROP TRIGGER products_search_insert;
DROP TABLE product_search;
