-- The few dossier facts the reports' composition needs (issue 16: age, sex, special rank, length
-- of service, training done in the reserve), written with the dossier in the same statement
-- group, so a report reads one small row per member instead of every member's dossier (an
-- encrypted page each: 2.5 s at 58,000 members). Derived data: the dossier stays the record.
CREATE TABLE dossier_facts (
    nominee_id    INTEGER PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    birth         TEXT NOT NULL,  -- ISO date
    sex           TEXT NOT NULL,  -- M | F
    rank          TEXT NOT NULL,  -- as typed, trimmed
    service_start TEXT NOT NULL,  -- ISO date, '' when unknown
    trained       TEXT NOT NULL   -- completed trainings: ISO dates, sorted, comma-separated
);

INSERT INTO dossier_facts (nominee_id, birth, sex, rank, service_start, trained)
SELECT d.nominee_id,
       coalesce(json_extract(CAST(d.data AS TEXT), '$.person.birth_date'), ''),
       coalesce(json_extract(CAST(d.data AS TEXT), '$.person.sex'), ''),
       trim(coalesce(json_extract(CAST(d.data AS TEXT), '$.rank'), '')),
       coalesce(json_extract(CAST(d.data AS TEXT), '$.service_start'), ''),
       coalesce((SELECT group_concat(v, ',') FROM (
                    SELECT json_extract(t.value, '$.completed') AS v
                    FROM json_each(CAST(d.data AS TEXT), '$.training') AS t
                    WHERE v IS NOT NULL ORDER BY v)), '')
FROM dossiers AS d;
