-- Reg-2000 (Decree No. 330 of 2000) as a working reserve, at the authorised body's and at a state
-- body's workstation: reservists by source with the record the rules check (the
-- ``app.domain.reg2000.Reservist`` as msgspec JSON), list requests and their answers (p.33-p.34),
-- placements (p.36-p.37) and exclusions on the grounds of p.39. Status changes follow
-- ``app.domain.r2k_workflow.TRANSITIONS``; every change has its audit row in the same transaction.
CREATE TABLE r2k_reservists (
    id          INTEGER PRIMARY KEY,
    iin         TEXT NOT NULL,
    full_name   TEXT NOT NULL,
    category    TEXT NOT NULL,
    source      INTEGER NOT NULL CHECK (source BETWEEN 1 AND 4),     -- p.5(1)-(4)
    status      TEXT NOT NULL,
    decision_on TEXT,                                                -- p.8, p.10: the term runs from it
    term_ends   TEXT,                                                -- p.10 with p.4 (last day in the reserve)
    data        BLOB NOT NULL,                                       -- the Reservist (msgspec JSON)
    origin      TEXT NOT NULL DEFAULT '',                            -- '' here; else the sending peer
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX r2k_reservists_iin ON r2k_reservists (iin);
CREATE INDEX r2k_reservists_status ON r2k_reservists (status, category);

-- p.33-p.34: a state body's request for the list of reservists of a category, and the answer.
-- At the body ``ref`` is its own id; at the authority the (peer, ref) it came with.
CREATE TABLE r2k_requests (
    id           INTEGER PRIMARY KEY,
    peer         TEXT NOT NULL DEFAULT '',        -- the other side ('' for the body's own request)
    ref          INTEGER NOT NULL,                -- the body's id of the request
    body_name    TEXT NOT NULL,                   -- the state body (p.36: its own commission)
    category     TEXT NOT NULL,
    category_group TEXT NOT NULL DEFAULT '',
    category_rank INTEGER NOT NULL DEFAULT 0,
    vacancy      TEXT NOT NULL DEFAULT '',
    made         TEXT NOT NULL,                   -- the body's date of the request
    competition  TEXT,                            -- p.33: the competition's announcement, if fixed
    received     TEXT,                            -- by the authorised body (p.34 counts from it)
    answered     TEXT,                            -- p.34: within two weeks
    answer       BLOB,                            -- JSON list of the reservists named (IINs)
    sent         TEXT,                            -- the request or the answer sent as a bundle
    UNIQUE (peer, ref)
);

-- p.39: an exclusion with its ground, the date of its fact and the evidence.
CREATE TABLE r2k_exclusions (
    reservist_id INTEGER PRIMARY KEY REFERENCES r2k_reservists (id) ON DELETE CASCADE,
    ground       INTEGER NOT NULL CHECK (ground BETWEEN 1 AND 5),
    fact_date    TEXT NOT NULL,
    day          TEXT NOT NULL,
    evidence     TEXT NOT NULL DEFAULT '',
    recorded     TEXT NOT NULL
);

-- What was already sent to which peer (placements to the authority, reserve updates to a body).
CREATE TABLE r2k_sent (
    kind         TEXT NOT NULL,
    peer         TEXT NOT NULL,
    reservist_id INTEGER NOT NULL REFERENCES r2k_reservists (id) ON DELETE CASCADE,
    bundle_day   TEXT NOT NULL,
    PRIMARY KEY (kind, peer, reservist_id)
) WITHOUT ROWID;
