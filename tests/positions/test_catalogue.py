"""The positions catalogue: import from CSV/XLSX (all or nothing, refused rows by line number),
the need, roles and audit."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from app.errors import InvalidInput, NotFound, PermissionDenied
from app.i18n import tr
from app.services import positions, workstation

HEADER = "title;body;subdivision;level;decree_290;service_years;training\n"
GOOD = HEADER + (
    "Начальник управления;knb;Департамент;управление;да;10;Курсы руководителей\n"
    "Заместитель начальника департамента;knb;Департамент;департамент;1;12;\n"
    "Старший оперуполномоченный;knb;Управление;отдел;нет;;\n"
)


def _actions(s: workstation.Session) -> list[str]:
    return [r[0] for r in s.db.connection().execute("SELECT action FROM audit ORDER BY seq")]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_import_csv_adds_then_updates_and_audits(session, tmp_path):
    f = _write(tmp_path, "cat.csv", GOOD)
    assert positions.import_file(session, f) == (3, 0)
    found = {p.title: p for p in positions.catalogue(session)}
    assert found["Начальник управления"].service_years == 10
    assert found["Начальник управления"].training == "Курсы руководителей"
    assert found["Заместитель начальника департамента"].decree_290 is True
    assert found["Старший оперуполномоченный"].decree_290 is False
    assert found["Старший оперуполномоченный"].service_years is None
    # the same titles, spelled with other case and spacing, update instead of adding
    again = _write(tmp_path, "again.csv", HEADER + "начальник   УПРАВЛЕНИЯ;knb;;;да;8;\n")
    assert positions.import_file(session, again) == (0, 1)
    assert len(positions.catalogue(session)) == 3
    assert _actions(session)[-2:] == ["positions.import", "positions.import"]


def test_import_headers_in_russian_and_xlsx(session, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([tr(f"positions.col.{c}", "ru") for c in positions.COLUMNS])
    ws.append(["Начальник департамента", "knb", "", "", "да", 15, ""])
    f = tmp_path / "cat.xlsx"
    wb.save(f)
    assert positions.import_file(session, f) == (1, 0)
    assert positions.catalogue(session)[0].service_years == 15


def test_import_refuses_bad_rows_with_line_numbers_and_changes_nothing(session, tmp_path):
    positions.import_file(session, _write(tmp_path, "ok.csv", GOOD))
    before = positions.catalogue(session)
    audit_before = _actions(session)
    bad = HEADER + (
        "Начальник отдела;knb;;;да;;\n"  # line 2: fine
        ";knb;;;да;;\n"  # line 3: no title
        "Начальник службы;mvd;;;да;;\n"  # line 4: not a special state body
        "Начальник сектора;knb;;;может быть;;\n"  # line 5: not yes/no
        "\n"  # line 6: blank, skipped
        "Начальник группы;knb;;;нет;сорок;\n"  # line 7: years not a number
        "начальник отдела;knb;;;нет;;\n"  # line 8: the title of line 2 again
    )
    with pytest.raises(InvalidInput) as e:
        positions.import_file(session, _write(tmp_path, "bad.csv", bad))
    assert e.value.params["count"] == 5
    assert e.value.params["lines"] == (
        "3 (title), 4 (body), 5 (decree_290), 7 (service_years), 8 (title=2)"
    )
    assert positions.catalogue(session) == before
    assert _actions(session) == audit_before


@pytest.mark.parametrize("make", ["dir", "fifo", "symlink", "large", "kind", "no_columns"])
def test_import_refuses_what_is_not_a_bounded_catalogue_file(session, tmp_path, make, monkeypatch):
    target = tmp_path / "x.csv"
    if make == "dir":
        target.mkdir()
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "symlink":
        real = _write(tmp_path, "real.csv", GOOD)
        target.symlink_to(real)
    elif make == "large":
        monkeypatch.setattr(positions, "MAX_FILE_BYTES", 100)
        _write(tmp_path, "x.csv", GOOD)
    elif make == "kind":
        target = _write(tmp_path, "x.txt", GOOD)
    else:
        _write(tmp_path, "x.csv", "name;body\nA;knb\n")
    with pytest.raises(InvalidInput):
        positions.import_file(session, target)
    assert positions.catalogue(session) == []


def test_hostile_titles_survive(session, tmp_path, hostile_strings):
    import csv

    from app.store.folding import fold

    rows, seen = [], set()
    for h in hostile_strings:  # one title per folded spelling; titles need a letter or digit
        if fold(h) and fold(h) not in seen and all(ord(c) >= 32 for c in h) and len(h) <= 500:
            seen.add(fold(h))
            rows.append([h, "knb", h, "", "да", "", h])
    assert len(rows) > 10
    with (tmp_path / "h.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(positions.COLUMNS)
        w.writerows(rows)
    assert positions.import_file(session, tmp_path / "h.csv") == (len(rows), 0)
    assert {p.title for p in positions.catalogue(session)} == {r[0].strip() for r in rows}


def test_need_and_roles(session, tmp_path, db_path, fast_kdf):
    positions.import_file(session, _write(tmp_path, "ok.csv", GOOD))
    nid = positions.add_need(session, "НАЧАЛЬНИК управления", dt.date(2026, 6, 1), "age_limit")
    (need,) = positions.needs(session)
    assert need.id == nid and need.vacant_from == dt.date(2026, 6, 1)
    assert _actions(session)[-1] == "positions.need"
    with pytest.raises(NotFound):
        positions.add_need(session, "Нет такой", dt.date(2026, 6, 1), "rotation")
    with pytest.raises(InvalidInput):
        positions.add_need(session, "Начальник управления", dt.date(2026, 6, 1), "whim")
    workstation.add_user(session, "clerk1", "clerk", "clerk passphrase is long enough", fast_kdf)
    clerk = workstation.unlock(db_path, user="clerk1", passphrase="clerk passphrase is long enough")
    try:
        with pytest.raises(PermissionDenied):
            positions.import_file(clerk, _write(tmp_path, "c.csv", GOOD))
        with pytest.raises(PermissionDenied):
            positions.add_need(clerk, "Начальник управления", dt.date(2026, 6, 1), "rotation")
        assert len(positions.catalogue(clerk)) == 3  # reading is allowed
    finally:
        clerk.close()
    assert len(positions.needs(session)) == 1
