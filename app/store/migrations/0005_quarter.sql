-- Schema 5: the quarter cycle (Rules-2025 p.10-p.19). Dated facts of a quarter, the Department's
-- review (marks, findings, what corrections changed), the Head of PA's decisions, the reserve
-- register, the notices of p.13 and the exclusions of p.18-p.19. Nominee states stay in
-- nominees.status; every change to these tables has its audit row in the same transaction.

-- One dated fact per quarter, body and event: sent, submitted_to_head_pa, list_formed, agreed,
-- approved, extract_sent, extract_received. body '' is the whole quarter (Department).
CREATE TABLE quarter_events (
    quarter   TEXT NOT NULL,
    body      TEXT NOT NULL DEFAULT '',
    event     TEXT NOT NULL,
    day       TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    recorded  TEXT NOT NULL,
    user      TEXT NOT NULL,
    PRIMARY KEY (quarter, body, event)
) WITHOUT ROWID;

-- The reviewer's own marks per nominee (p.11(1)): '' not yet marked, 'ok' or 'fail'.
CREATE TABLE review_marks (
    nominee_id   INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    accuracy     TEXT NOT NULL DEFAULT '' CHECK (accuracy IN ('', 'ok', 'fail')),
    completeness TEXT NOT NULL DEFAULT '' CHECK (completeness IN ('', 'ok', 'fail')),
    compliance   TEXT NOT NULL DEFAULT '' CHECK (compliance IN ('', 'ok', 'fail')),
    note         TEXT NOT NULL DEFAULT '',
    updated      TEXT NOT NULL,
    user         TEXT NOT NULL
);

-- Deficiencies and requests for information: raised at the Department, carried to the body in a
-- findings bundle (origin_id is the Department's id, so a bundle received twice adds nothing).
CREATE TABLE review_findings (
    id         INTEGER PRIMARY KEY,
    nominee_id INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    origin_id  INTEGER,
    kind       TEXT NOT NULL CHECK (kind IN ('deficiency', 'request')),
    clause     TEXT NOT NULL DEFAULT '',
    field      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    raised     TEXT NOT NULL,
    sent       TEXT,
    resolved   TEXT,
    UNIQUE (nominee_id, origin_id)
);
CREATE INDEX review_findings_open ON review_findings (nominee_id, resolved);

-- What a corrections bundle changed in a dossier (JSON list of field paths).
CREATE TABLE review_changes (
    id         INTEGER PRIMARY KEY,
    nominee_id INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    bundle_id  TEXT NOT NULL,
    fields     TEXT NOT NULL,
    received   TEXT NOT NULL
);
CREATE INDEX review_changes_nominee ON review_changes (nominee_id, id);

-- The Head of PA's decision per nominee (p.12): enrol or refuse, with the decision's number and date.
CREATE TABLE decisions (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    decision   TEXT NOT NULL CHECK (decision IN ('enrol', 'refuse')),
    number     TEXT NOT NULL,
    day        TEXT NOT NULL,
    recorded   TEXT NOT NULL,
    sent       TEXT
);

-- The reserve register (p.12-p.14, p.18-p.19).
CREATE TABLE reserve_members (
    nominee_id      INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    position        TEXT NOT NULL,
    enrolled_on     TEXT NOT NULL,
    term_ends       TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    excluded_on     TEXT,
    ground          TEXT,
    exclusion_ref   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reserve_members_body ON reserve_members (body, enrolled_on);

-- Notices of enrolment (p.13): due ten working days after the extract was received.
CREATE TABLE notices (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    received   TEXT NOT NULL,
    due        TEXT NOT NULL,
    printed    TEXT,
    document   TEXT NOT NULL DEFAULT '',
    delivered  TEXT
);

-- Exclusions (p.18, p.19): a ground with its evidence, submitted by the body, decided by the Head
-- of PA and recorded at the Department, the decision returned to the body.
CREATE TABLE exclusions (
    id              INTEGER PRIMARY KEY,
    nominee_id      INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    ground          TEXT NOT NULL,
    fact_date       TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('manual', 'rules')),
    state           TEXT NOT NULL CHECK (state IN ('raised', 'submitted', 'received', 'decided')),
    raised          TEXT NOT NULL,
    submitted       TEXT,
    decision        TEXT CHECK (decision IN ('exclude', 'reject')),
    decision_number TEXT NOT NULL DEFAULT '',
    decision_day    TEXT,
    decision_sent   TEXT,
    UNIQUE (nominee_id, ground, fact_date)
);
