-- Scan pages in an ordinary rowid table instead of a WITHOUT ROWID one (0008). A page is a blob
-- of some 45 KiB, far past what a page of the b-tree holds: in a WITHOUT ROWID table the whole
-- row is the key, so every insert compared the new row with rows already stored by reading each
-- of them whole, overflow pages included (for 2,000 pages of a bundle, most of what storing them
-- cost besides encrypting them). SQLite advises against WITHOUT ROWID for rows this large
-- (https://sqlite.org/withoutrowid.html, section 4). The rows are kept as they are; the primary
-- key is still unique (an index beside the table) and the cascade from scans is the same.
CREATE TABLE scan_pages_rowid (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    page_no INTEGER NOT NULL,
    jpeg    BLOB NOT NULL,
    PRIMARY KEY (scan_id, page_no)
);

INSERT INTO scan_pages_rowid (scan_id, page_no, jpeg)
    SELECT scan_id, page_no, jpeg FROM scan_pages ORDER BY scan_id, page_no;

DROP TABLE scan_pages;

ALTER TABLE scan_pages_rowid RENAME TO scan_pages;
