-- +goose Up
CREATE TABLE orders (
    id    TEXT PRIMARY KEY,
    total BIGINT NOT NULL
);

-- +goose Down
DROP TABLE orders;
