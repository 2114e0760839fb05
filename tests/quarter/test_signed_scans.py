"""The signed-materials checklist (p.10: submission, service reference, vetting information)
and `quarter send` with nominees lacking signed scans: a warning, or a refusal when the rule
set's parameter says so."""

from __future__ import annotations

import msgspec
import pytest

from app.errors import InvalidInput
from app.rules.rulesets import RULESETS
from app.services import nominees, printing, quarter, scans
from tests.quarter.conftest import Cycle


def _sign(s, nid: int, *kinds: str) -> None:
    for kind in kinds:
        r = printing.print_documents(s, printing.Request(kind=kind, lang="kk", nominee=nid))
        scans.attach(s, r.pdf, nominee=nid)


def _states(s, nid: int) -> dict[str, str]:
    return {i.kind: i.state.value for i in scans.checklist(s, nid)}


def test_checklist_follows_printing_signing_and_editing(cycle: Cycle) -> None:
    s = cycle.knb
    (nid,) = cycle.add(s, 1)
    assert set(_states(s, nid).values()) == {"not_printed"}
    printing.print_documents(s, printing.Request(kind="vetting", lang="ru", nominee=nid))
    _sign(s, nid, "submission")
    assert _states(s, nid) == {"submission": "signed", "service-reference": "not_printed",
                               "vetting": "printed"}  # fmt: skip
    rec = nominees.get(s, nid)
    nominees.update(s, nid, msgspec.structs.replace(rec.dossier, unit="другое подразделение"))
    assert _states(s, nid)["submission"] == "outdated"
    _sign(s, nid, "submission", "service-reference", "vetting")
    assert set(_states(s, nid).values()) == {"signed"}
    assert scans.unsigned(s, [nid]) == []


def test_send_warns_by_default_and_blocks_when_the_rule_set_says(
    cycle: Cycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = cycle.knb
    signed, unsigned = cycle.add(s, 1, 2)
    _sign(s, signed, "submission", "service-reference", "vetting")
    quarter.build_list(s, "2026Q1", [signed, unsigned])
    assert scans.unsigned(s, [signed, unsigned]) == [unsigned]
    rules = RULESETS["rules-2025"]
    monkeypatch.setattr(rules, "params",
                        msgspec.structs.replace(rules.params, signed_scans_block_sending=True))  # fmt: skip
    out = cycle.out("n")
    with pytest.raises(InvalidInput) as e:
        quarter.send(s, "2026Q1", peer_id="department", out=out)
    assert e.value.key == "scan.unsigned_block" and e.value.params["ids"] == str(unsigned)
    assert not out.exists() and cycle.status(s, signed) == "in_list"
    monkeypatch.undo()
    assert quarter.send(s, "2026Q1", peer_id="department", out=out).count == 2
