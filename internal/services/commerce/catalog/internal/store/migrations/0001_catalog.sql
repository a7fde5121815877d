-- +goose Up
CREATE TABLE sports (
    id       TEXT PRIMARY KEY,
    name_ru  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE categories (
    id       TEXT PRIMARY KEY,
    sport_id TEXT NOT NULL REFERENCES sports (id),
    name_ru  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE brands (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE locations (
    id      TEXT PRIMARY KEY,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    city_ru TEXT NOT NULL,
    city_en TEXT NOT NULL,
    kind    TEXT NOT NULL
);

CREATE TABLE products (
    id             TEXT PRIMARY KEY,
    sku            TEXT NOT NULL UNIQUE,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_ru TEXT NOT NULL,
    description_en TEXT NOT NULL,
    brand_id       TEXT NOT NULL REFERENCES brands (id),
    category_id    TEXT NOT NULL REFERENCES categories (id),
    specs          TEXT NOT NULL DEFAULT '{}',
    sizes          TEXT NOT NULL DEFAULT '[]',
    size_system    TEXT NOT NULL DEFAULT '',
    images         TEXT NOT NULL DEFAULT '[]',
    supplier_id    TEXT NOT NULL DEFAULT '',
    popularity     INTEGER NOT NULL DEFAULT 0,
    total_stock    INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL,
    search_doc     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_brand ON products (brand_id);
CREATE INDEX products_popularity ON products (popularity DESC, id);
CREATE INDEX products_created ON products (created_at DESC, id DESC);

CREATE TABLE product_sports (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sport_id   TEXT NOT NULL REFERENCES sports (id),
    PRIMARY KEY (product_id, sport_id)
);
CREATE INDEX product_sports_sport ON product_sports (sport_id, product_id);

CREATE TABLE product_sizes (
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    size       TEXT NOT NULL,
    PRIMARY KEY (product_id, size)
);
CREATE INDEX product_sizes_size ON product_sizes (size, product_id);

CREATE TABLE prices (
    product_id   TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    region       TEXT NOT NULL,
    currency     TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (product_id, region, currency)
);
CREATE INDEX prices_currency ON prices (region, currency, amount_minor);

CREATE TABLE stock (
    product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    location_id TEXT NOT NULL REFERENCES locations (id),
    quantity    INTEGER NOT NULL,
    PRIMARY KEY (product_id, location_id)
);

-- +goose Down
DROP TABLE stock;
DROP TABLE prices;
DROP TABLE product_sizes;
DROP TABLE product_sports;
DROP TABLE products;
DROP TABLE locations;
DROP TABLE brands;
DROP TABLE categories;
DROP TABLE sports;
