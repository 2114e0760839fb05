-- Schema 4: the printed-document registry. One row per distinct document (its fingerprint);
-- each print is also an audit row. document_sources names the records (and their versions and
-- content digests) a paper was printed from, for `rezerv document verify CODE`.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    code          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    lang          TEXT NOT NULL,
    reg_no        TEXT NOT NULL DEFAULT '',
    reg_date      TEXT NOT NULL DEFAULT '',
    pages         INTEGER NOT NULL,
    first_printed TEXT NOT NULL,
    first_user    TEXT NOT NULL,
    last_printed  TEXT NOT NULL,
    prints        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE document_sources (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    digest      TEXT NOT NULL,
    PRIMARY KEY (document_id, entity)
) WITHOUT ROWID;
CREATE INDEX document_sources_entity ON document_sources (entity);
