-- +goose Up
-- Times are Unix microseconds (UTC): they order and compare the same way
-- on SQLite and PostgreSQL.

-- Paired devices. The token is kept only as its SHA-256; removing the row
-- revokes it.
CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    user_id      TEXT   NOT NULL,
    kind         TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    manufacturer TEXT   NOT NULL DEFAULT '',
    model        TEXT   NOT NULL DEFAULT '',
    serial       TEXT   NOT NULL DEFAULT '',
    firmware     TEXT   NOT NULL DEFAULT '',
    settings     TEXT   NOT NULL DEFAULT '{}', -- JSON object
    token_hash   TEXT   NOT NULL UNIQUE,
    paired_at    BIGINT NOT NULL,
    last_seen_at BIGINT
);
CREATE INDEX devices_user ON devices (user_id, paired_at);

-- Pairing codes waiting for a device: the code's SHA-256, used once.
CREATE TABLE pairings (
    code_hash  TEXT PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX pairings_user ON pairings (user_id, expires_at);

-- Accepted activity files. A file (by content hash) is live for a user at
-- most once; a failed or deleted import lets the same file in again.
CREATE TABLE imports (
    id           TEXT PRIMARY KEY,
    user_id      TEXT   NOT NULL,
    device_id    TEXT   NOT NULL DEFAULT '',
    file_name    TEXT   NOT NULL,
    format       TEXT   NOT NULL,
    sha256       TEXT   NOT NULL,
    size_bytes   BIGINT NOT NULL,
    status       TEXT   NOT NULL,
    reason       TEXT   NOT NULL DEFAULT '',
    detail       TEXT   NOT NULL DEFAULT '',
    warnings     TEXT   NOT NULL DEFAULT '[]', -- JSON array of strings
    activity_id  TEXT   NOT NULL DEFAULT '',
    duplicate_of TEXT   NOT NULL DEFAULT '',
    sport        TEXT   NOT NULL,
    started_at   BIGINT NOT NULL,
    elapsed_s    DOUBLE PRECISION NOT NULL,
    distance_m   DOUBLE PRECISION NOT NULL,
    blob_key     TEXT   NOT NULL,
    original_key TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX imports_user_created ON imports (user_id, created_at, id);
CREATE INDEX imports_user_started ON imports (user_id, started_at);
CREATE UNIQUE INDEX imports_user_file ON imports (user_id, sha256)
    WHERE status IN ('processing', 'imported', 'duplicate');

-- +goose Down
DROP TABLE imports;
DROP TABLE pairings;
DROP TABLE devices;
