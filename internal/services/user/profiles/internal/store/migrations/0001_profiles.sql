-- +goose Up
CREATE TABLE profiles (
    user_id          TEXT PRIMARY KEY,
    display_name     TEXT NOT NULL,
    bio              TEXT NOT NULL DEFAULT '',
    birth_year       INTEGER,
    sex              TEXT,
    height_cm        INTEGER,
    weight_kg        DOUBLE PRECISION,
    resting_hr       INTEGER,
    max_hr           INTEGER,
    threshold_pace   INTEGER,
    threshold_power  INTEGER,
    region           TEXT,
    sports           TEXT NOT NULL DEFAULT '[]',
    avatar           TEXT NOT NULL DEFAULT '',
    visibility       TEXT NOT NULL,
    map_visibility   TEXT NOT NULL,
    hr_visibility    TEXT NOT NULL,
    pace_visibility  TEXT NOT NULL,
    version          INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE privacy_zones (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    name       TEXT,
    lat        DOUBLE PRECISION NOT NULL,
    lon        DOUBLE PRECISION NOT NULL,
    radius_m   INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX privacy_zones_user ON privacy_zones (user_id, created_at);

-- A follow is a pending request or an active follow. since is when it
-- became active (requested_at while pending); lists page by it.
CREATE TABLE follows (
    follower_id  TEXT NOT NULL,
    followee_id  TEXT NOT NULL,
    status       TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    since        TIMESTAMP NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee ON follows (followee_id, status, since, follower_id);
CREATE INDEX follows_follower ON follows (follower_id, status, since, followee_id);

CREATE TABLE goals (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    sport      TEXT,
    period     TEXT,
    target     DOUBLE PRECISION NOT NULL,
    race_name  TEXT,
    race_date  TEXT,
    progress   DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX goals_user ON goals (user_id, created_at);

CREATE TABLE achievements (
    user_id    TEXT NOT NULL,
    code       TEXT NOT NULL,
    awarded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, code)
);

-- +goose Down
DROP TABLE achievements;
DROP TABLE goals;
DROP TABLE follows;
DROP TABLE privacy_zones;
DROP TABLE profiles;
