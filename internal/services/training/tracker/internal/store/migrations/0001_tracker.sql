-- +goose Up
-- Times are Unix milliseconds (BIGINT) throughout: samples are keyed by
-- them, and both engines compare and index plain integers the same way.

-- Live sessions. At most one open (active or paused) session per user.
-- live holds the domain's LiveState as JSON (latest sample, last plausible
-- position, running totals); last_moving_at and stop_alerted are columns
-- because the safety sweeper queries them.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    user_id        TEXT    NOT NULL,
    sport          TEXT    NOT NULL,
    device_id      TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL,
    started_at     BIGINT  NOT NULL,
    ended_at       BIGINT,
    paused_at      BIGINT,
    live           TEXT    NOT NULL DEFAULT '{}',
    last_sample_at BIGINT  NOT NULL,
    last_moving_at BIGINT  NOT NULL,
    stop_alerted   BOOLEAN NOT NULL DEFAULT FALSE,
    late_samples   BIGINT  NOT NULL DEFAULT 0,
    activity_id    TEXT,
    updated_at     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX sessions_open_per_user ON sessions (user_id) WHERE status IN ('active', 'paused');
CREATE INDEX sessions_user ON sessions (user_id, started_at);
CREATE INDEX sessions_sweep ON sessions (status, last_moving_at);

-- The athlete's pauses of a session (to_t NULL while it lasts).
CREATE TABLE session_pauses (
    session_id TEXT   NOT NULL,
    from_t     BIGINT NOT NULL,
    to_t       BIGINT,
    PRIMARY KEY (session_id, from_t)
);

-- Live samples, one row per (session, time): a resent sample merges into
-- the stored one (non-null channels win) instead of adding another. Kept
-- until the session ends, then archived in the blob store.
CREATE TABLE samples (
    session_id TEXT   NOT NULL,
    t          BIGINT NOT NULL,
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION,
    alt        DOUBLE PRECISION,
    dist       DOUBLE PRECISION,
    speed      DOUBLE PRECISION,
    hr         DOUBLE PRECISION,
    cad        DOUBLE PRECISION,
    power      DOUBLE PRECISION,
    temp       DOUBLE PRECISION,
    acc        DOUBLE PRECISION,
    rr         TEXT,
    PRIMARY KEY (session_id, t)
);

-- Raw sensor frames as the sensors sent them (BYTEA: binary on PostgreSQL;
-- SQLite stores the bytes as a BLOB whatever the declared type).
CREATE TABLE frames (
    session_id TEXT   NOT NULL,
    sensor     TEXT   NOT NULL,
    sensor_id  TEXT   NOT NULL,
    t          BIGINT NOT NULL,
    data       BYTEA  NOT NULL,
    PRIMARY KEY (session_id, sensor, sensor_id, t)
);

-- Activities: summary columns for lists and filters, the analysis as JSON,
-- the owner's simplified route and a cached copy with the privacy zones cut
-- out (masked_hash names the zones it was computed under; NULL: not yet).
-- The samples themselves live in the blob store (streams_key).
CREATE TABLE activities (
    id           TEXT PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    sport        TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    visibility   TEXT    NOT NULL,
    gear_id      TEXT,
    source       TEXT    NOT NULL,
    import_id    TEXT,
    session_id   TEXT,
    device_id    TEXT    NOT NULL DEFAULT '',
    started_at   BIGINT  NOT NULL,
    ended_at     BIGINT  NOT NULL,
    time_zone    TEXT    NOT NULL DEFAULT '',
    distance_m   DOUBLE PRECISION NOT NULL,
    elapsed_s    DOUBLE PRECISION NOT NULL,
    moving_s     DOUBLE PRECISION NOT NULL,
    elev_gain_m  DOUBLE PRECISION NOT NULL,
    has_route    BOOLEAN NOT NULL,
    has_hr       BOOLEAN NOT NULL,
    analysis     TEXT    NOT NULL,
    route        TEXT    NOT NULL,
    masked_route TEXT,
    masked_hash  TEXT,
    streams_key  TEXT    NOT NULL,
    archive_key  TEXT    NOT NULL DEFAULT '',
    original_key TEXT    NOT NULL DEFAULT '',
    search       TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX activities_user ON activities (user_id, started_at, id);
CREATE UNIQUE INDEX activities_import ON activities (import_id) WHERE import_id IS NOT NULL;
CREATE UNIQUE INDEX activities_session ON activities (session_id) WHERE session_id IS NOT NULL;

-- Share links of live sessions; only the token's hash is kept.
CREATE TABLE shares (
    id         TEXT PRIMARY KEY,
    session_id TEXT   NOT NULL,
    user_id    TEXT   NOT NULL,
    token_hash TEXT   NOT NULL UNIQUE,
    purpose    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX shares_session ON shares (session_id);
CREATE INDEX shares_user ON shares (user_id);

-- Single-use watch tickets for the live WebSocket (hash only), shared by
-- every tracker process.
CREATE TABLE watch_tickets (
    ticket_hash TEXT PRIMARY KEY,
    session_id  TEXT   NOT NULL,
    viewer_id   TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX watch_tickets_viewer ON watch_tickets (viewer_id);

-- Safety settings; contacts is a JSON array of user ids.
CREATE TABLE safety (
    user_id            TEXT PRIMARY KEY,
    enabled            BOOLEAN NOT NULL,
    contacts           TEXT    NOT NULL,
    stop_alert_after_s INTEGER NOT NULL,
    updated_at         BIGINT  NOT NULL
);

-- The privacy projection from the profiles service's events: visibility,
-- activity defaults, zones (JSON), display name and athlete data (JSON).
CREATE TABLE privacy (
    user_id            TEXT PRIMARY KEY,
    profile_visibility TEXT   NOT NULL,
    map                TEXT   NOT NULL,
    heart_rate         TEXT   NOT NULL,
    pace               TEXT   NOT NULL,
    zones              TEXT   NOT NULL DEFAULT '[]',
    zones_hash         TEXT   NOT NULL DEFAULT '',
    display_name       TEXT   NOT NULL DEFAULT '',
    athlete            TEXT   NOT NULL DEFAULT '{}',
    updated_at         BIGINT NOT NULL
);

-- Active follows (from followed/unfollowed events).
CREATE TABLE follows (
    followee_id TEXT NOT NULL,
    follower_id TEXT NOT NULL,
    PRIMARY KEY (followee_id, follower_id)
);
CREATE INDEX follows_follower ON follows (follower_id);

-- Users whose account was deleted: events that arrive later for them
-- (imports, live samples, profile changes) are dropped instead of bringing
-- data back.
CREATE TABLE erased_users (
    user_id   TEXT PRIMARY KEY,
    erased_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE erased_users;
DROP TABLE follows;
DROP TABLE privacy;
DROP TABLE safety;
DROP TABLE watch_tickets;
DROP TABLE shares;
DROP TABLE activities;
DROP TABLE frames;
DROP TABLE samples;
DROP TABLE session_pauses;
DROP TABLE sessions;
