"""``make screenshots`` of the signed papers (issue 19): the checklist of one demo dossier, the
attach dialog after a scan was attached, the scan viewer, and the conflict resolution dialog on
a throwaway pair of workstations (a body and the Department) with one conflict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from PySide6.QtWidgets import QApplication, QWidget

from app.security.kdf import KdfParams
from app.services import nominees, printing, scans, transfer, transfer_bundles, workstation
from app.services.workstation import Session
from app.store.nominees import Filters, Nominees
from ui import demo_data

Save = Callable[[QApplication, QWidget, str, str], None]


def shoot(app: QApplication, w: Any, lang: str, save: Save, tmp: Path) -> None:
    s = w.env.session
    nid = nominees.rows(s, Filters(), limit=1)[0].id
    r = printing.print_documents(s, printing.Request(kind="service-reference", lang=lang, nominee=nid))
    scans.attach(s, r.pdf, nominee=nid)
    sub = printing.print_documents(s, printing.Request(kind="submission", lang=lang, nominee=nid))
    screen = w.main.show_screen("nominees")
    screen.detail.load(nid)
    checklist = screen.detail.open_signed()
    checklist.resize(900, 420)
    save(app, checklist, lang, "34-signed-papers")
    attach = checklist.open_attach()
    pdf = tmp / f"signed-submission-{lang}.pdf"
    pdf.write_bytes(sub.pdf)
    attach.start(str(pdf))
    save(app, attach, lang, "35-attach-scan")
    attach.accept()
    viewer = checklist.open_viewer()
    save(app, viewer, lang, "36-scan-viewer")
    viewer.reject()
    checklist.reject()


def _pin(a: Session, b: Session, root: Path) -> None:
    card = root / f"card-{b.workstation_id}.json"
    if not card.exists():
        transfer.export_identity(b, card)
    transfer.add_peer(a, card, transfer.show_identity(b).fingerprint)


def conflict_db(demo: Session, root: Path, clock: Any) -> tuple[Path, int]:
    """A Department workstation holding one import conflict over a demo dossier: (path, id)."""
    kdf = KdfParams.fast_for_tests()
    rec = nominees.get(demo, nominees.rows(demo, Filters(), limit=1)[0].id)
    role = rec.dossier.body.value
    make = {r: workstation.create(root / r / "rezerv.db", role=r, user=demo_data.USER,
                                  passphrase=demo_data.PASSPHRASE, kdf=kdf, clock=clock)
            for r in (role, "department")}  # fmt: skip
    body, dept = make[role], make["department"]
    _pin(body, dept, root)
    _pin(dept, body, root)
    nid = nominees.add(body, rec.dossier)
    quarter = rec.dossier.nomination.quarter
    transfer_bundles.export_bundle(body, kind="nominations", peer_id=dept.workstation_id,
                                   out=root / "a.rzv", nominee_ids=(nid,), quarter=quarter)  # fmt: skip
    transfer_bundles.import_bundle(dept, root / "a.rzv", receipt_out=root / "a-receipt.rzv")
    d = nominees.get(body, nid).dossier
    nominees.update(body, nid, msgspec.structs.replace(d, rank="генерал-майор"))
    dn = Nominees(dept.db.connection()).id_by_iin(d.person.iin) or 0
    d2 = nominees.get(dept, dn).dossier
    nom = msgspec.structs.replace(d2.nomination, qualities=d2.nomination.qualities + " (Отдел)")
    nominees.update(dept, dn, msgspec.structs.replace(d2, unit=d2.unit + " (Отдел)", nomination=nom))
    transfer_bundles.export_bundle(body, kind="corrections", peer_id=dept.workstation_id,
                                   out=root / "b.rzv", nominee_ids=(nid,), quarter=quarter)  # fmt: skip
    transfer_bundles.import_bundle(dept, root / "b.rzv", receipt_out=root / "b-receipt.rzv")
    from app.services import conflicts

    cid = conflicts.pending(dept)[0].id
    path = dept.db.path
    body.close()
    dept.close()
    return path, cid


def shoot_conflict(app: QApplication, w: Any, lang: str, save: Save, cid: int) -> None:
    """``w``: a window unlocked on the Department of ``conflict_db``."""
    tab = w.main.show_screen("transfers")
    tab.show_tab("conflicts")
    conflicts_tab = tab.conflicts
    conflicts_tab.load()
    conflicts_tab.list.selectRow([r.id for r in conflicts_tab.rows].index(cid))
    dialog = conflicts_tab.open_resolve()
    if dialog is not None:
        dialog.choices[0].setCurrentIndex(1)
        dialog.resize(1000, 520)
        save(app, dialog, lang, "37-resolve-conflict")
        dialog.reject()
