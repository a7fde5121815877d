-- +goose Up
-- Athlete data for training analytics: the lactate threshold heart rate
-- and the athlete's own heart-rate zones (a JSON array of the lower bounds
-- of zones 2..5, empty for none).
ALTER TABLE profiles ADD COLUMN threshold_hr INTEGER;
ALTER TABLE profiles ADD COLUMN hr_zones TEXT NOT NULL DEFAULT '[]';

-- A race goal's distance, so its progress can be measured.
ALTER TABLE goals ADD COLUMN race_distance_m DOUBLE PRECISION;

-- What goals need of the tracker's activities, kept from its events.
-- version is the time of the event applied last; a deleted activity stays
-- as a tombstone (deleted true) so that an older event arriving late
-- cannot bring it back.
CREATE TABLE training_activities (
    activity_id TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    sport       TEXT NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    time_zone   TEXT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    moving_s    DOUBLE PRECISION NOT NULL,
    efforts     TEXT NOT NULL DEFAULT '[]',
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    version     TIMESTAMP NOT NULL
);
CREATE INDEX training_activities_user ON training_activities (user_id, started_at);

-- +goose Down
DROP TABLE training_activities;
ALTER TABLE goals DROP COLUMN race_distance_m;
ALTER TABLE profiles DROP COLUMN hr_zones;
ALTER TABLE profiles DROP COLUMN threshold_hr;
