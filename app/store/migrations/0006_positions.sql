-- Schema 6: the positions catalogue (Rules-2025 p.4, the list of Decree No. 290) and the need for
-- candidates (p.8 part 1), kept by the body's HR supervisor; every change is audited.
CREATE TABLE positions (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    title_key     TEXT NOT NULL,
    body          TEXT NOT NULL CHECK (body IN ('knb', 'syrbar', 'sgs')),
    subdivision   TEXT NOT NULL DEFAULT '',
    level         TEXT NOT NULL DEFAULT '',
    decree_290    INTEGER NOT NULL CHECK (decree_290 IN (0, 1)),
    service_years INTEGER CHECK (service_years IS NULL OR service_years BETWEEN 0 AND 60),
    training      TEXT NOT NULL DEFAULT '',
    UNIQUE (body, title_key)
);

-- A current vacancy (vacant_from on or before today) or an expected one, with its reason.
CREATE TABLE position_needs (
    id          INTEGER PRIMARY KEY,
    position_id INTEGER NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
    vacant_from TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('vacancy', 'age_limit', 'term_of_office', 'rotation')),
    recorded    TEXT NOT NULL,
    user        TEXT NOT NULL
);
CREATE INDEX position_needs_position ON position_needs (position_id, vacant_from);
