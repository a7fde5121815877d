-- +goose Up
CREATE INDEX products_search ON products USING GIN (to_tsvector('simple', search_doc));

-- +goose Down
DROP INDEX products_search;
