-- +goose Up
-- Times are Unix microseconds (BIGINT) so comparisons are the same on
-- both engines.

-- What notify knows of each recipient, projected from auth, settings and
-- profiles events.
CREATE TABLE contacts (
    user_id        TEXT PRIMARY KEY,
    email          TEXT    NOT NULL DEFAULT '',
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    name           TEXT    NOT NULL DEFAULT '',
    language       TEXT    NOT NULL DEFAULT '',
    time_zone      TEXT    NOT NULL DEFAULT '',
    units          TEXT    NOT NULL DEFAULT '',
    phone          TEXT    NOT NULL DEFAULT '',
    overrides      TEXT    NOT NULL DEFAULT '{}', -- JSON: type -> channel -> enabled
    quiet_enabled  BOOLEAN NOT NULL DEFAULT FALSE,
    quiet_start    TEXT    NOT NULL DEFAULT '',
    quiet_end      TEXT    NOT NULL DEFAULT '',
    updated_at     BIGINT  NOT NULL
);

-- Deleted accounts: late events about them are ignored.
CREATE TABLE deleted_users (
    user_id    TEXT PRIMARY KEY,
    deleted_at BIGINT NOT NULL
);

-- One row per request event (id = event id) with its rendered content.
-- planned is false while notify waits for the recipient's contact.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    email      TEXT    NOT NULL DEFAULT '',
    data       TEXT    NOT NULL DEFAULT '{}',
    critical   BOOLEAN NOT NULL DEFAULT FALSE,
    planned    BOOLEAN NOT NULL DEFAULT FALSE,
    lang       TEXT    NOT NULL DEFAULT '',
    title      TEXT    NOT NULL DEFAULT '',
    subject    TEXT    NOT NULL DEFAULT '',
    body_text  TEXT    NOT NULL DEFAULT '',
    body_html  TEXT    NOT NULL DEFAULT '',
    link       TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL
);
CREATE INDEX notifications_unplanned ON notifications (created_at) WHERE NOT planned;
CREATE INDEX notifications_user ON notifications (user_id);

-- One row per notification and channel.
CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,
    notification_id TEXT    NOT NULL REFERENCES notifications (id),
    user_id         TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    status          TEXT    NOT NULL,          -- pending, sent, failed, skipped
    reason          TEXT    NOT NULL DEFAULT '', -- skip reason or last error
    address         TEXT    NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    UNIQUE (notification_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (channel, next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_user ON deliveries (user_id, id);

CREATE TABLE inbox_items (
    id              TEXT PRIMARY KEY,
    user_id         TEXT   NOT NULL,
    notification_id TEXT   NOT NULL UNIQUE,
    type            TEXT   NOT NULL,
    title           TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    link            TEXT   NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    read_at         BIGINT
);
CREATE INDEX inbox_items_user ON inbox_items (user_id, id);
CREATE INDEX inbox_items_unread ON inbox_items (user_id) WHERE read_at IS NULL;

CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    p256dh     TEXT   NOT NULL,
    auth       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);

-- Single-use credentials of the live inbox WebSocket (SHA-256 of the
-- ticket), shared by every notify process.
CREATE TABLE live_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_id     TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- Service-wide values, e.g. the generated VAPID key pair.
CREATE TABLE service_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE service_keys;
DROP TABLE live_tickets;
DROP TABLE push_subscriptions;
DROP TABLE inbox_items;
DROP TABLE deliveries;
DROP TABLE notifications;
DROP TABLE deleted_users;
DROP TABLE contacts;
