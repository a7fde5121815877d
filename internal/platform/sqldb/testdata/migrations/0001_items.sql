-- +goose Up
CREATE TABLE items (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    qty  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tags (
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);

-- +goose Down
DROP TABLE tags;
DROP TABLE items;
