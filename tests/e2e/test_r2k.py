"""Reg-2000 (Decree No. 330 of 2000) end to end through the real CLI on the authorised body's and
a state body's workstations, the clock injected by REZERV_NOW: one citizen from each of the four
sources (p.5) — a competition participant whose documents the body's commission sends to the
authority as a bundle (p.19; an unlawful refusal flagged under p.20 part 2, then enrolled within
seven days and the decision sent back), a graduate of a state programme, a returnee refused
lawfully (a p.29 document missing, p.32), an attested civil servant sent by the body too (p.32-2,
after Decree No. 1071; its tampered bundle refused); a list request before the
competition (p.33) answered within two weeks (p.34); a placement checked against p.3 and
reported (p.36, p.37); an exclusion under p.39(4) refused on the term's last day (a Saturday
anniversary carried to Monday by p.4) and made the day after. The two workstations agree at the
end, and a bundle replayed or tampered with is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli import Result, run_cli

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
ROLES = {"authority": "reg2000-authority", "body": "reg2000-body"}
MINFIN = "Министерство финансов"
IIN = {1: "700101300011", 2: "780202400022", 3: "810303300033", 4: "690404400044"}
ALL_22 = ["application", "personal_sheet", "questionnaire", "education_copies", "employment_record_copy",
          "health_certificate", "test_results", "photos_3x4"]  # fmt: skip
ALL_29 = ["order_extracts_abroad", "application", "personal_sheet", "questionnaire", "education_copies",
          "employment_record_copy", "test_results", "photos_3x4"]  # fmt: skip


class World:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = {r: root / r / "rezerv.db" for r in ROLES}
        self.stick = root / "stick"
        self.stick.mkdir()
        self.day = "2002-01-10"

    def cli(self, role: str, *args: str, ok: bool = True) -> Result:
        r = run_cli(*args, db=self.db[role], env={"REZERV_NOW": f"{self.day}T10:00:00+05:00"})
        assert "Traceback" not in r.err, r.err
        if ok:
            assert r.code == 0, (args, r.err)
        return r

    def json(self, role: str, *args: str) -> Any:
        return json.loads(self.cli(role, *args, "--format", "json").out)

    def submit(self, n: int, role: str = "authority", **fields: Any) -> int:
        f = self.root / f"r{n}.json"
        f.write_text(json.dumps({"iin": IIN[n], **fields}, ensure_ascii=False), encoding="utf-8")
        return int(self.cli(role, "r2k", "submit", "--json", str(f)).out.split("\n")[0].split()[-1])

    def ids(self, role: str) -> dict[str, int]:
        return {r["iin"]: r["id"] for r in self.json(role, "r2k", "list")}

    def carry(self, role: str, path: Path) -> str:
        return self.cli(role, "bundle", "import", str(path)).out

    def states(self, role: str) -> dict[str, str]:
        return {r["iin"]: r["status"] for r in self.json(role, "r2k", "list")}


def _pin(w: World) -> None:
    cards = {}
    for r in ROLES:
        cards[r] = (w.stick / f"{r}.card", w.json(r, "identity", "show")["fingerprint"])
        w.cli(r, "identity", "export", "--out", str(cards[r][0]))
    w.cli("body", "peer", "add", str(cards["authority"][0]), "--fingerprint", cards["authority"][1])
    w.cli("authority", "peer", "add", str(cards["body"][0]), "--fingerprint", cards["body"][1])


def test_reg2000_from_enrolment_to_exclusion_over_two_workstations(tmp_path: Path) -> None:
    w = World(tmp_path)
    for r, role in ROLES.items():
        w.cli(r, "init", "--role", role)
    _pin(w)

    # -- enrolment from the four sources (p.5) ----------------------------------------------------
    # source 1 originates at the body: its competition commission recommended (p.15-p.18), the
    # body sends the protocol extract, the file and the consent within ten days (p.19)
    w.day = "2002-03-04"
    w.submit(
        1, role="body", full_name="Әбілқайыров Нұрлан Серікұлы", category="C-4", category_group="C",
        category_rank=4, source=1, consent=True, qualification_met=True,
        documents=["protocol_extract", "competition_file", "written_consent"],
        competition={"vacancy_ref": "№ 12", "body": MINFIN, "qualification_met": True,
                     "tests_passed": True, "interview_passed": True, "protocol_date": "2002-02-28",
                     "vote": {"members": 9, "present": 7, "votes_for": 5}})  # fmt: skip
    w.cli("body", "r2k", "send-submissions", "--to", "reg2000-authority", "--out", str(w.stick / "sub1.rzv"))
    w.carry("authority", w.stick / "sub1.rzv")
    competitor = w.ids("authority")[IIN[1]]
    assert w.states("authority") == {IIN[1]: "submitted"}
    (decide,) = [d for d in w.json("authority", "deadlines") if d["step"] == "decide_1"]
    assert decide["due"] == "11.03.2002"  # p.20: seven days from the receipt on 04.03.2002
    graduate = w.submit(
        2, full_name="Иванова Анна Петровна", category="C-3", category_group="C", category_rank=3,
        source=2, consent=True, qualification_met=True, documents=ALL_22,
        programme_completed="2002-01-20", documents_received="2002-03-05")  # fmt: skip
    w.day = "2002-03-07"
    returnee = w.submit(
        3, full_name="Сейітқалиұлы Әбілқайыр", category="C-4", category_group="C", category_rank=4,
        source=3, consent=True, qualification_met=True, documents=ALL_29[:-1],  # p.29(8): no photos
        returned_on="2002-02-01", left_state_body=True, documents_received="2002-03-01")  # fmt: skip
    # p.20 part 2: a competition participant may be refused only for p.16 or a breach of the
    # competition's rules: "documents missing" is not a lawful ground here, and is flagged
    unlawful = w.cli("authority", "r2k", "refuse", str(competitor), "--ground", "missing_documents",
                     "--date", "2002-03-07", ok=False)  # fmt: skip
    assert unlawful.code == 4 and "часть вторая пункта 20 Положения" in unlawful.err, unlawful.err
    # p.32: a missing document of p.29 is a lawful ground for a returnee
    w.cli("authority", "r2k", "refuse", str(returnee), "--ground", "missing_documents",
          "--date", "2002-03-07")  # fmt: skip
    # ... and a refusal the record does not bear out is not
    w.day = "2002-03-11"
    enrolled = w.json("authority", "r2k", "enrol", str(competitor), "--date", "2002-03-11")
    assert enrolled["term_ends"] == "2003-03-11" and enrolled["warnings"] == []
    w.day = "2002-03-15"
    # p.10 with p.4: the anniversary 15.03.2003 is a Saturday, the term runs to Monday 17.03.2003
    ends = w.json("authority", "r2k", "enrol", str(graduate), "--date", "2002-03-15")["term_ends"]
    assert ends == "2003-03-17"
    # the decision on the body's submission goes back to it (p.20, p.37)
    w.cli("authority", "r2k", "send-updates", "--to", "reg2000-body", "--out", str(w.stick / "dec1.rzv"))
    w.day = "2002-03-18"
    w.carry("body", w.stick / "dec1.rzv")
    assert w.states("body") == {IIN[1]: "enrolled"}
    assert w.json("body", "r2k", "show", str(w.ids("body")[IIN[1]]))["term_ends"] == "2003-03-11"

    # -- a list request before the competition (p.33), answered within two weeks (p.34) ----------
    w.day = "2002-04-01"
    late = w.cli("body", "r2k", "request", "--body-name", MINFIN, "--category", "C-4", "--group", "C",
                 "--rank", "4", "--competition", "2002-04-01", ok=False)  # fmt: skip
    assert late.code == 4 and "пункт 33 Положения" in late.err
    w.cli("body", "r2k", "request", "--body-name", MINFIN, "--category", "C-4", "--group", "C", "--rank", "4",
          "--vacancy", "Главный эксперт", "--competition", "2002-05-06")  # fmt: skip
    (req,) = w.json("body", "r2k", "requests")
    w.cli("body", "r2k", "send-request", str(req["id"]), "--to", "reg2000-authority",
          "--out", str(w.stick / "request.rzv"))  # fmt: skip
    w.day = "2002-04-02"
    w.carry("authority", w.stick / "request.rzv")
    (got,) = w.json("authority", "r2k", "requests")
    assert got["received"] == "2002-04-02" and got["due"] == "2002-04-16"
    w.day = "2002-04-16"
    answer = w.json("authority", "r2k", "answer", str(got["id"]), "--date", "2002-04-16")
    assert answer["late"] is False and set(answer["listed"]) == {IIN[1], IIN[2]}
    w.cli("authority", "r2k", "send-answer", str(got["id"]), "--out", str(w.stick / "answer.rzv"))
    w.day = "2002-04-17"
    w.carry("body", w.stick / "answer.rzv")
    assert w.states("body") == {IIN[1]: "enrolled", IIN[2]: "enrolled"}

    # -- placement (p.3, p.36) and the report to the authority (p.36 part 3, p.37) ----------------
    w.day = "2002-04-20"
    at_body = {r["iin"]: r["id"] for r in w.json("body", "r2k", "list")}
    no_consent = w.cli("body", "r2k", "place", str(at_body[IIN[2]]), "--request", str(req["id"]), "--post",
                       "Главный эксперт", "--date", "2002-04-20", "--consent", "no", "--qualification", "yes",
                       ok=False)  # fmt: skip
    assert no_consent.code == 4 and "пункт 3 Положения" in no_consent.err
    w.cli("body", "r2k", "place", str(at_body[IIN[1]]), "--request", str(req["id"]), "--post",
          "Главный эксперт", "--date", "2002-04-20", "--consent", "yes",
          "--qualification", "yes", "--interview", "2002-04-19", "--interview-result", "passed")  # fmt: skip
    w.cli("body", "r2k", "send-placements", "--to", "reg2000-authority", "--out", str(w.stick / "placed.rzv"))
    w.day = "2002-04-25"
    w.carry("authority", w.stick / "placed.rzv")
    assert w.states("authority")[IIN[1]] == "placed"
    placed = w.json("authority", "r2k", "show", str(competitor))["record"]["placement"]
    assert (placed["interviewed"], placed["authority_notified"]) == ("2002-04-19", "2002-04-25")  # p.35, p.36
    w.cli("authority", "r2k", "notified", str(competitor), "--reservist", "2002-04-26",
          "--file-sent", "2002-04-26")  # fmt: skip
    w.day = "2002-04-26"
    w.cli("authority", "r2k", "exclude", str(competitor), "--ground", "1", "--date", "2002-04-26")

    # -- the fourth source, from the amendment of 21.04.2003 (p.32-1 - p.32-3) --------------------
    # the body's attestation commission recommended; the body sends within ten working days
    w.day = "2003-05-12"
    w.submit(
        4, role="body", full_name="O'Brien-Жұмабаев Ержан", category="B-2", category_group="B",
        category_rank=2, source=4, consent=True, qualification_met=True, attestation_approved="2003-05-05",
        documents=["attestation_order_extract", "application", "personal_sheet_certified"])  # fmt: skip
    w.cli("body", "r2k", "send-submissions", "--to", "reg2000-authority", "--out", str(w.stick / "sub4.rzv"))
    # a submission tampered with on the way is refused, nothing changes at the authority
    data = bytearray((w.stick / "sub4.rzv").read_bytes())
    data[len(data) // 2] ^= 0x01
    (w.stick / "sub4-tampered.rzv").write_bytes(bytes(data))
    before = w.states("authority")
    bad = w.cli("authority", "bundle", "import", str(w.stick / "sub4-tampered.rzv"), ok=False)
    assert bad.code == 4 and len(bad.err.strip().splitlines()) == 1, bad.err
    assert w.states("authority") == before
    w.carry("authority", w.stick / "sub4.rzv")
    attested = w.ids("authority")[IIN[4]]
    (decide,) = [d for d in w.json("authority", "deadlines") if d["step"] == "decide_4"]
    assert decide["due"] == "26.05.2003"  # p.32-3: ten working days from 12.05.2003

    # -- p.39(4) exactly when the civil-law term ends ----------------------------------------------
    w.day = "2003-03-17"
    early = w.cli("authority", "r2k", "exclude", str(graduate), "--ground", "4", "--date", "2003-03-17",
                  ok=False)  # fmt: skip
    assert early.code == 4 and "подпункт 4) пункта 39 Положения" in early.err and "18.03.2003" in early.err
    w.day = "2003-03-18"
    w.cli("authority", "r2k", "exclude", str(graduate), "--ground", "4", "--date", "2003-03-18")
    w.day = "2003-05-19"
    w.cli("authority", "r2k", "enrol", str(attested), "--date", "2003-05-19")
    w.cli("authority", "r2k", "send-updates", "--to", "reg2000-body", "--out", str(w.stick / "update.rzv"))
    w.day = "2003-05-20"
    w.carry("body", w.stick / "update.rzv")

    # -- the two agree on everyone they both know --------------------------------------------------
    auth, body = w.states("authority"), w.states("body")
    assert auth == {IIN[1]: "excluded", IIN[2]: "excluded", IIN[3]: "refused", IIN[4]: "enrolled"}
    assert body == {IIN[1]: "excluded", IIN[2]: "excluded", IIN[4]: "enrolled"}
    assert all(auth[i] == s for i, s in body.items())
    rows = {r["iin"]: r for r in w.json("body", "r2k", "list")}
    grounds = {i: r["exclusion"]["clause"] for i, r in rows.items() if r["exclusion"]}
    assert grounds == {IIN[1]: "Reg-2000 p.39(1)", IIN[2]: "Reg-2000 p.39(4)"}
    terms = {r["iin"]: r["term_ends"] for r in w.json("authority", "r2k", "list")}
    assert {i: r["term_ends"] for i, r in rows.items()} == {i: terms[i] for i in rows}

    # -- replayed and tampered bundles are refused, nothing changes --------------------------------
    (w.stick / "again.rzv").write_bytes((w.stick / "update.rzv").read_bytes())
    again = w.cli("body", "bundle", "import", str(w.stick / "again.rzv"), ok=False)
    assert again.code == 4 and "уже" in again.err, again.err
    data = bytearray((w.stick / "answer.rzv").read_bytes())
    data[len(data) // 2] ^= 0x01
    (w.stick / "tampered.rzv").write_bytes(bytes(data))
    bad = w.cli("body", "bundle", "import", str(w.stick / "tampered.rzv"), ok=False)
    assert bad.code == 4, bad.err
    assert w.states("body") == body
    assert w.cli("body", "audit", "verify").code == 0 and w.cli("authority", "audit", "verify").code == 0
