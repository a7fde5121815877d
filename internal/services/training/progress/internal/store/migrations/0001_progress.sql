-- +goose Up
-- The projection of the tracker's activities. version is the time of the
-- event applied last; a deleted activity stays as a tombstone (deleted
-- true, its data gone) so that an older event arriving late cannot bring
-- it back. day is the calendar day of the start in its own time zone.
CREATE TABLE activities (
    activity_id TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    sport       TEXT NOT NULL,
    family      TEXT NOT NULL,
    name        TEXT NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    time_zone   TEXT NOT NULL,
    day         TEXT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    moving_s    DOUBLE PRECISION NOT NULL,
    elapsed_s   DOUBLE PRECISION NOT NULL,
    elev_gain_m DOUBLE PRECISION NOT NULL,
    load        DOUBLE PRECISION NOT NULL,
    start_lat   DOUBLE PRECISION,
    start_lng   DOUBLE PRECISION,
    end_lat     DOUBLE PRECISION,
    end_lng     DOUBLE PRECISION,
    polyline    TEXT NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    version     TIMESTAMP NOT NULL
);
CREATE INDEX activities_user_day ON activities (user_id, day);
CREATE INDEX activities_user_family ON activities (user_id, family, started_at);

-- Best efforts of live activities (standard distances per family).
CREATE TABLE efforts (
    activity_id TEXT NOT NULL,
    effort      TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    family      TEXT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    elapsed_s   DOUBLE PRECISION NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (activity_id, effort)
);
CREATE INDEX efforts_user ON efforts (user_id, family, effort, elapsed_s);
CREATE INDEX efforts_cohort ON efforts (family, effort, started_at);

-- Each user's load per calendar day, recomputed from activities.
CREATE TABLE daily_loads (
    user_id TEXT NOT NULL,
    day     TEXT NOT NULL,
    load    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- Age and sex from profiles' athlete_changed, for comparisons.
CREATE TABLE athletes (
    user_id    TEXT PRIMARY KEY,
    birth_year INTEGER,
    sex        TEXT,
    version    TIMESTAMP NOT NULL
);
CREATE INDEX athletes_cohort ON athletes (sex, birth_year);

CREATE TABLE settings (
    user_id              TEXT PRIMARY KEY,
    share_in_comparisons BOOLEAN NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE athletes;
DROP TABLE daily_loads;
DROP TABLE efforts;
DROP TABLE activities;
