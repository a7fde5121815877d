-- The transactional outbox and the consumer inbox of one service (PostgreSQL).
-- Times are Unix microseconds, the same integer on both engines.

-- +goose Up
CREATE TABLE bus_outbox (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- publish order
    event_id   TEXT   NOT NULL UNIQUE,                          -- Nats-Msg-Id
    type       TEXT   NOT NULL,                                 -- event type = subject without prefix
    payload    TEXT   NOT NULL,                                 -- the CloudEvents envelope (JSON)
    headers    TEXT   NOT NULL DEFAULT '',                      -- trace context headers (JSON object) or ''
    created_at BIGINT NOT NULL                                  -- Unix microseconds at AddToOutbox
);

CREATE TABLE bus_inbox (
    consumer     TEXT   NOT NULL,
    event_id     TEXT   NOT NULL,
    processed_at BIGINT NOT NULL, -- Unix microseconds
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX bus_inbox_processed_at ON bus_inbox (processed_at);

-- +goose Down
DROP TABLE bus_inbox;
DROP TABLE bus_outbox;
