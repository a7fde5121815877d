-- Times are microseconds since the Unix epoch (BIGINT, 0 = none): exact and
-- the same on SQLite and PostgreSQL.

-- +goose Up
CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE,
    password_hash     TEXT NOT NULL,
    language          TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    verified_at       BIGINT NOT NULL DEFAULT 0,
    totp_secret       TEXT NOT NULL DEFAULT '',
    totp_last_step    BIGINT NOT NULL DEFAULT 0,
    totp_pending      TEXT NOT NULL DEFAULT '',
    tokens_not_before BIGINT NOT NULL DEFAULT 0,
    last_issued_at    BIGINT NOT NULL DEFAULT 0
);

-- The projection of access's grants and blocks; a row may come before the
-- account it is about (events of different streams arrive in any order).
CREATE TABLE grants (
    user_id     TEXT PRIMARY KEY,
    roles       TEXT NOT NULL DEFAULT '[]',
    permissions TEXT NOT NULL DEFAULT '[]',
    staff       BOOLEAN NOT NULL DEFAULT FALSE,
    blocked     BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device       TEXT NOT NULL,
    ip           TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    two_factor   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions (user_id, created_at);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

CREATE TABLE refresh_tokens (
    hash        TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    replaced_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_replaced ON refresh_tokens (replaced_at);

CREATE TABLE one_time_tokens (
    hash       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    data       TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT NOT NULL DEFAULT 0,
    attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, kind);
CREATE INDEX one_time_tokens_expires ON one_time_tokens (expires_at);

CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hash    TEXT NOT NULL,
    used_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, hash)
);

CREATE TABLE known_devices (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device       TEXT NOT NULL,
    ip           TEXT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, device, ip)
);

-- Failed logins per normalised-email hash, registered or not.
CREATE TABLE lockouts (
    email_key    TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL DEFAULT '',
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX lockouts_locked ON lockouts (locked_until);
CREATE INDEX lockouts_updated ON lockouts (updated_at);

CREATE TABLE signing_keys (
    id             TEXT PRIMARY KEY,
    public_key     TEXT NOT NULL,
    sealed_private TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    signs_from     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE signing_keys;
DROP TABLE lockouts;
DROP TABLE known_devices;
DROP TABLE recovery_codes;
DROP TABLE one_time_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE grants;
DROP TABLE users;
