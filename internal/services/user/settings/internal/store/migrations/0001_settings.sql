-- +goose Up
-- One row per user: the settings, and the current marketing consent.
CREATE TABLE settings (
    user_id              TEXT PRIMARY KEY,
    theme                TEXT      NOT NULL,
    units                TEXT      NOT NULL,
    first_day_of_week    INTEGER   NOT NULL,
    language             TEXT      NOT NULL,
    region               TEXT      NOT NULL,
    time_zone            TEXT      NOT NULL,
    currency             TEXT      NOT NULL,
    phone                TEXT,
    notifications        TEXT      NOT NULL DEFAULT '{}', -- JSON object: type -> channels
    quiet_enabled        BOOLEAN   NOT NULL DEFAULT FALSE,
    quiet_start          TEXT      NOT NULL,
    quiet_end            TEXT      NOT NULL,
    consent_granted      BOOLEAN   NOT NULL DEFAULT FALSE,
    consent_granted_at   TIMESTAMP,
    consent_withdrawn_at TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

-- Every grant and withdrawal of marketing consent, kept as proof. When a
-- user is deleted their rows stay under a random tombstone id instead of
-- the user id (see DeleteUser).
CREATE TABLE consent_history (
    id      TEXT PRIMARY KEY,
    user_id TEXT      NOT NULL,
    granted BOOLEAN   NOT NULL,
    at      TIMESTAMP NOT NULL
);
CREATE INDEX consent_history_user ON consent_history (user_id, at);

-- +goose Down
DROP TABLE consent_history;
DROP TABLE settings;
