-- The plan of training per quarter (Rules-2025 p.16): which member is planned for which course at
-- the Law Enforcement Academy in which quarter. Whether it was done is read from the courses
-- recorded in reserve_training (one that starts within the quarter); nothing is marked by hand.
CREATE TABLE reserve_training_plan (
    id         INTEGER PRIMARY KEY,
    nominee_id INTEGER NOT NULL REFERENCES nominees (id) ON DELETE CASCADE,
    quarter    TEXT NOT NULL,
    course     TEXT NOT NULL,
    recorded   TEXT NOT NULL,
    UNIQUE (nominee_id, quarter, course)
);
CREATE INDEX reserve_training_plan_quarter ON reserve_training_plan (quarter, nominee_id);
