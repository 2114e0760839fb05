-- Schema 1: workstation, users, nominee dossiers with photos, search index, audit chain.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    name    TEXT PRIMARY KEY,
    role    TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'auditor')),
    created TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE nominees (
    id         INTEGER PRIMARY KEY,
    iin        TEXT NOT NULL UNIQUE,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'draft',
    surname    TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    sort_key   TEXT NOT NULL,
    position   TEXT NOT NULL DEFAULT '',
    unit       TEXT NOT NULL DEFAULT '',
    quarter    TEXT NOT NULL DEFAULT '',
    blockers   INTEGER NOT NULL DEFAULT 0,
    warnings   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL
);
CREATE INDEX nominees_sort ON nominees (sort_key, id);
CREATE INDEX nominees_body_status ON nominees (body, status);
CREATE INDEX nominees_quarter ON nominees (quarter, status);

-- The dossier itself (msgspec JSON, without the photo) apart from the registry line, so that
-- listing, sorting and searching read small rows that stay in the page cache.
CREATE TABLE dossiers (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    data       BLOB NOT NULL
);

CREATE TABLE photos (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    jpeg       BLOB NOT NULL,
    thumb      BLOB NOT NULL
);

-- Folded text (see app/store/folding.py); contentless, so no second copy of the names.
CREATE VIRTUAL TABLE nominee_fts USING fts5 (
    text, content = '', contentless_delete = 1, prefix = '2 3 4', tokenize = 'unicode61'
);

CREATE TABLE audit (
    seq    INTEGER PRIMARY KEY,
    ts     TEXT NOT NULL,
    user   TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    digest TEXT NOT NULL,
    prev   TEXT NOT NULL,
    hash   TEXT NOT NULL
);
