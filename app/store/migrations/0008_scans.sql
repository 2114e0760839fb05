-- Schema 6 (reserved number 0008 for scans; numbered after the highest on main): signed scans
-- matched to the printed-document log by their QR code, kept inside the encrypted database.
-- document_snapshots keeps each printed record's content at print time, so a scan of an outdated
-- paper can name the fields that changed since.
CREATE TABLE document_snapshots (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    data        BLOB NOT NULL,           -- the dossier (msgspec JSON, without the photo)
    photo       TEXT NOT NULL DEFAULT '', -- SHA-256 of the photo at print time ('' none)
    PRIMARY KEY (document_id, entity)
) WITHOUT ROWID;

CREATE TABLE scans (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    nominee_id  INTEGER REFERENCES nominees (id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL,           -- of the stored (normalised) pages, in order
    pages       INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    outdated    INTEGER NOT NULL,        -- 1: the record changed since the paper was printed
    changed     TEXT NOT NULL DEFAULT '[]', -- JSON list of changed field paths
    attached    TEXT NOT NULL,
    user        TEXT NOT NULL
);
CREATE INDEX scans_nominee ON scans (nominee_id);
CREATE INDEX scans_document ON scans (document_id);

CREATE TABLE scan_pages (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    page_no INTEGER NOT NULL,
    jpeg    BLOB NOT NULL,
    PRIMARY KEY (scan_id, page_no)
) WITHOUT ROWID;
