-- Schema 2: working-calendar overrides (extra days off, working weekend days) entered by a
-- supervisor, because an air-gapped workstation cannot update the holidays package when a new
-- transfer decree comes out. An override wins over the package for its day.
CREATE TABLE calendar_overrides (
    day        TEXT PRIMARY KEY
               CHECK (day GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    kind       TEXT NOT NULL CHECK (kind IN ('day_off', 'workday')),
    reason     TEXT NOT NULL DEFAULT '',
    reference  TEXT NOT NULL DEFAULT '',
    created    TEXT NOT NULL,
    created_by TEXT NOT NULL
) WITHOUT ROWID;
