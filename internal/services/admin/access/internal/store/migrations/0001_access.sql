-- +goose Up
-- Roles: a named set of permissions (JSON array of names, sorted).
CREATE TABLE roles (
    name        TEXT PRIMARY KEY,
    staff       BOOLEAN   NOT NULL DEFAULT FALSE,
    builtin     BOOLEAN   NOT NULL DEFAULT FALSE,
    permissions TEXT      NOT NULL DEFAULT '[]',
    description TEXT      NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- The staff directory: a projection of auth's and profiles' events, plus
-- the block access itself decides. email_lower and name_lower are the
-- lower-cased search keys (lowered in Go: SQLite's lower() folds ASCII only).
CREATE TABLE users (
    user_id            TEXT PRIMARY KEY,
    email              TEXT      NOT NULL DEFAULT '',
    email_lower        TEXT      NOT NULL DEFAULT '',
    display_name       TEXT      NOT NULL DEFAULT '',
    name_lower         TEXT      NOT NULL DEFAULT '',
    email_verified     BOOLEAN   NOT NULL DEFAULT FALSE,
    two_factor_enabled BOOLEAN   NOT NULL DEFAULT FALSE,
    blocked            BOOLEAN   NOT NULL DEFAULT FALSE,
    locked_until       TIMESTAMP,
    registered_at      TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX users_registered ON users (registered_at DESC, user_id DESC);

-- Assigned roles (athlete is implicit and never stored).
CREATE TABLE user_roles (
    user_id    TEXT      NOT NULL REFERENCES users (user_id),
    role       TEXT      NOT NULL REFERENCES roles (name),
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles (role, user_id);

-- What staff (or the system) did, why and when. target_user_id is NULL for
-- actions on roles, and a tombstone id once the target user is deleted.
CREATE TABLE staff_actions (
    id             TEXT PRIMARY KEY,
    actor_id       TEXT      NOT NULL,
    target_user_id TEXT,
    action         TEXT      NOT NULL,
    reason         TEXT      NOT NULL,
    details        TEXT      NOT NULL DEFAULT '{}',
    at             TIMESTAMP NOT NULL
);
CREATE INDEX staff_actions_target ON staff_actions (target_user_id, at DESC);

-- +goose Down
DROP TABLE staff_actions;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE roles;
