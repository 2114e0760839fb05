-- The reserve over its three years (Rules-2025 p.12-p.20): a person's earlier nominations, kept
-- when they are nominated anew on the same IIN (p.14, p.12(2), p.20); appointments from the
-- reserve and the override of the three-month minimum (p.14 part 2); training (p.16); acting
-- duties (p.17). Every change to these tables has its audit row in the same transaction.

-- An earlier nomination, closed when the person was nominated anew: its quarter, the state it
-- ended in, the decision, the membership (if any) and the dossier version it was sent with.
CREATE TABLE nominations (
    id              INTEGER PRIMARY KEY,
    nominee_id      INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    quarter         TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    decision        TEXT NOT NULL DEFAULT '',
    decision_number TEXT NOT NULL DEFAULT '',
    decision_day    TEXT,
    enrolled_on     TEXT,
    term_ends       TEXT,
    left_on         TEXT,
    ground          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL,
    closed          TEXT NOT NULL
);
CREATE INDEX nominations_nominee ON nominations (nominee_id, id);

-- Appointment from the reserve to a higher position (p.14): it ends the membership.
CREATE TABLE reserve_appointments (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    position   TEXT NOT NULL,
    order_ref  TEXT NOT NULL,
    day        TEXT NOT NULL,
    recorded   TEXT NOT NULL,
    sent       TEXT  -- reported to the Department (bundle kind appointment_report)
);

-- The President's or the Head of PA's decision that shortens the three-month minimum (p.14 part 2).
CREATE TABLE reserve_overrides (
    nominee_id INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    authority  TEXT NOT NULL CHECK (authority IN ('president', 'head_pa')),
    number     TEXT NOT NULL,
    day        TEXT NOT NULL,
    recorded   TEXT NOT NULL
);

-- Retraining and advanced training at the Law Enforcement Academy (p.16).
CREATE TABLE reserve_training (
    id          INTEGER PRIMARY KEY,
    nominee_id  INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    course      TEXT NOT NULL,
    day_from    TEXT NOT NULL,
    day_to      TEXT NOT NULL,
    hours       INTEGER,
    certificate TEXT NOT NULL DEFAULT '',
    recorded    TEXT NOT NULL
);
CREATE INDEX reserve_training_nominee ON reserve_training (nominee_id, day_from);

-- Temporary performance of the reserved position's duties (p.17).
CREATE TABLE reserve_acting (
    id         INTEGER PRIMARY KEY,
    nominee_id INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    order_ref  TEXT NOT NULL,
    day_from   TEXT NOT NULL,
    day_to     TEXT,
    recorded   TEXT NOT NULL
);
CREATE INDEX reserve_acting_nominee ON reserve_acting (nominee_id, day_from);
