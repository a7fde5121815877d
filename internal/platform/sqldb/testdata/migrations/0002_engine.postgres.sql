-- +goose Up
CREATE TABLE engine (name TEXT NOT NULL);
INSERT INTO engine (name) VALUES ('postgres');

-- +goose Down
DROP TABLE engine;
