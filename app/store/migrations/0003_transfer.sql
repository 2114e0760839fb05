-- Schema 3: transfer bundles — this workstation's keys, pinned peers, per-pair sequence chains,
-- every bundle sent or received, the dossiers each carried, conflicts kept for the clerk, outbox.

-- The single row of this workstation's own keys (secrets never leave the encrypted database).
CREATE TABLE transfer_identity (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    workstation_id TEXT NOT NULL,
    role           TEXT NOT NULL,
    age_secret     TEXT NOT NULL,
    age_recipient  TEXT NOT NULL,
    sign_secret    BLOB NOT NULL,
    sign_public    BLOB NOT NULL,
    fingerprint    TEXT NOT NULL,
    created        TEXT NOT NULL
);

-- Peers pinned from their identity cards after a fingerprint comparison on paper.
CREATE TABLE transfer_peers (
    id              TEXT PRIMARY KEY,
    role            TEXT NOT NULL,
    age_recipient   TEXT NOT NULL,
    sign_public     BLOB NOT NULL,
    fingerprint     TEXT NOT NULL,
    added           TEXT NOT NULL,
    added_by        TEXT NOT NULL,
    revoked         TEXT,
    checkpoint_seq  INTEGER NOT NULL DEFAULT 0,
    checkpoint_hash TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- One chain per peer and direction: the last sequence number and bundle hash used on it.
CREATE TABLE transfer_chains (
    peer_id   TEXT NOT NULL REFERENCES transfer_peers (id),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    seq       INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    PRIMARY KEY (peer_id, direction)
) WITHOUT ROWID;

-- Every bundle written or applied here (bundle ids are never reused or accepted twice).
CREATE TABLE transfer_bundles (
    id        TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    peer_id   TEXT NOT NULL REFERENCES transfer_peers (id),
    kind      TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    created   TEXT NOT NULL,
    processed TEXT NOT NULL,
    user      TEXT NOT NULL,
    acked     TEXT
) WITHOUT ROWID;
CREATE INDEX transfer_bundles_peer ON transfer_bundles (peer_id, direction, seq);

-- The dossiers a bundle carried, with this workstation's record version at that moment.
CREATE TABLE transfer_items (
    bundle_id  TEXT NOT NULL REFERENCES transfer_bundles (id),
    iin        TEXT NOT NULL,
    nominee_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (bundle_id, iin)
) WITHOUT ROWID;
CREATE INDEX transfer_items_iin ON transfer_items (iin, nominee_id);

-- An incoming dossier that was not applied because the local record was edited: both are kept.
CREATE TABLE transfer_conflicts (
    id            INTEGER PRIMARY KEY,
    bundle_id     TEXT NOT NULL REFERENCES transfer_bundles (id),
    nominee_id    INTEGER NOT NULL,
    iin           TEXT NOT NULL,
    local_version INTEGER NOT NULL,
    data          BLOB NOT NULL,
    photo         BLOB,
    created       TEXT NOT NULL,
    resolved      TEXT
);

-- Bundles generated here to be carried out later (receipts), ciphertext only.
CREATE TABLE transfer_outbox (
    bundle_id TEXT PRIMARY KEY REFERENCES transfer_bundles (id),
    data      BLOB NOT NULL
) WITHOUT ROWID;
