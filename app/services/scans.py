"""Signed scans: a scanned paper is matched by its QR code to the printed-document log, compared
with the record it was printed from, and kept (normalised pages) inside the encrypted database
with an audit row. Outcomes: attached; attached but outdated (the changed field paths named);
refused (unknown code, or no QR and no code given) with ``InvalidInput`` (exit 4)."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable

import msgspec

from app import fsutil, scan
from app.documents import document_log
from app.documents import fingerprint as fp
from app.documents.model import Source
from app.errors import InvalidInput
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import scans as store
from app.store.connection import Connection
from app.store.database import UnitOfWork

ScanRow = store.ScanRow


class Attached(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    code: str
    kind: str
    nominee_id: int | None
    pages: int
    outdated: bool
    changed: list[str]  # field paths of the record changed since printing ('photo' for the photo)


def _paths(old: object, new: object, at: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for k in sorted(set(old) | set(new), key=str):
            sub = f"{at}.{k}" if at else str(k)
            if k not in old or k not in new:
                out.append(sub)
            else:
                out += _paths(old[k], new[k], sub)
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = []
        for i in range(max(len(old), len(new))):
            sub = f"{at}[{i}]"
            out += [sub] if i >= len(old) or i >= len(new) else _paths(old[i], new[i], sub)
        return out
    return [] if old == new else [at or "."]


def changed_fields(conn: Connection, document_id: int, entity: str) -> list[str]:
    """Field paths of ``entity`` that differ from its content when the document was printed."""
    kind, _, ident = entity.partition(":")
    if kind != "nominee" or not ident.isdigit():
        return []
    then = store.snapshot(conn, document_id, entity)
    now = store.nominee_content(conn, int(ident))
    if then is None or now is None:
        return []
    out = _paths(msgspec.json.decode(then[0]), msgspec.json.decode(now[0]))
    return out + (["photo"] if then[1] != now[1] else [])


def _document(pages: list[scan.Page], given: str) -> tuple[str, str]:
    found = {fp.parse(c) for p in pages for c in p.codes}
    if len(found) > 1:
        raise InvalidInput("scan.several_documents", count=len(found))
    if found:
        return found.pop()
    if not given:
        raise InvalidInput("scan.no_qr")
    try:
        return fp.parse(given)
    except ValueError:
        raise InvalidInput("document.bad_code", code=given) from None


def _match(conn: Connection, doc_id: int, sources: list[Source]) -> tuple[bool, list[str]]:
    """Whether the records a document was printed from changed since (outdated), and which field
    paths (each prefixed with its entity when the paper names several records)."""
    outdated, changed = False, []
    for src in sources:
        now = document_log.current_source(conn, src.entity)
        if now is None or now.digest != src.digest:
            outdated = True
            changed += [f"{src.entity}:{p}" if len(sources) > 1 else p
                        for p in changed_fields(conn, doc_id, src.entity)]  # fmt: skip
    return outdated, changed


def attach(
    s: Session, data: bytes, *, nominee: int | None = None, document: str = "",
    progress: Callable[[int, int], bool] | None = None, kind: str = "",
) -> Attached:  # fmt: skip
    """Attach a scan; ``kind``, when given, is the document kind the caller expects (the
    Decisions screen: the decision sheet): a scan of another paper is refused."""
    s.require(Permission.EDIT)
    pages = scan.read(data, progress)
    how, value = _document(pages, document)
    shown = value if how == "code" else fp.short_code(value)
    jpegs = [p.image for p in pages]
    digest = scan.pages_digest(jpegs)
    with s.db.unit_of_work(s.user) as uow:
        entry = document_log.find(uow.conn, **({"sha256": value} if how == "sha" else {"code": value}))
        if entry is None:
            raise InvalidInput("scan.unknown_code", code=shown)
        if kind and entry.kind != kind:
            raise InvalidInput("scan.not_decision_sheet" if kind == store.SHEET else "scan.other_kind",
                               code=entry.code)  # fmt: skip
        people = [int(x.entity.split(":")[1]) for x in entry.sources
                  if x.entity.startswith("nominee:")]  # fmt: skip
        if nominee is not None and nominee not in people:
            raise InvalidInput("scan.other_nominee", code=entry.code, nominee=nominee)
        nid = nominee if nominee is not None else (people[0] if len(people) == 1 else None)
        if entry.kind == store.SHEET:  # the quarter's paper, not one dossier's (p.12)
            nid = None
        outdated, changed = _match(uow.conn, entry.id, entry.sources)
        sid = store.add(
            uow.conn, document_id=entry.id, nominee_id=nid, sha256=digest, pages=jpegs,
            outdated=outdated, changed=changed, attached=uow.now.isoformat(timespec="seconds"),
            user=s.user,
        )  # fmt: skip
        uow.audit("scan.attach", f"document:{entry.code}", {
            "scan": sid, "kind": entry.kind, "nominee": nid, "pages": len(jpegs),
            "sha256": digest, "outdated": outdated, "changed": changed,
        })  # fmt: skip
        uow.commit()
    return Attached(id=sid, code=entry.code, kind=entry.kind, nominee_id=nid, pages=len(jpegs),
                    outdated=outdated, changed=changed)  # fmt: skip


def attach_file(
    s: Session, path: str | os.PathLike[str], *, nominee: int | None = None, document: str = "",
    progress: Callable[[int, int], bool] | None = None, kind: str = "",
) -> Attached:  # fmt: skip
    """``attach`` of a regular file of bounded size (checked before a byte is read)."""
    s.require(Permission.EDIT)
    return attach(s, fsutil.read_bounded(path, scan.MAX_BYTES), nominee=nominee,
                  document=document, progress=progress, kind=kind)  # fmt: skip


def receive(uow: UnitOfWork, nid: int, c: store.CarriedScan, *, peer: str, bundle_id: str,
            later: store.PagesLater | None = None) -> bool:  # fmt: skip
    """A signed scan a nominations or corrections bundle carried, kept here and matched to the
    record as this workstation holds it (``nominee:nid``): the document enters this document log
    as printed at ``peer``, with the record version, digest and snapshot printed, so the checklist
    and ``document verify`` judge it as they judge a paper printed here. A scan already received
    is not stored twice. True when stored. With ``later``, the pages are left there for the
    caller to store (``store.add``)."""
    entity = f"nominee:{nid}"
    doc_id = store.register_received(uow.conn, c, entity, peer=f"peer:{peer}")
    if store.has_scan(uow.conn, doc_id, c.sha256):
        return False
    now = document_log.current_source(uow.conn, entity)
    outdated = now is None or now.digest != c.digest
    changed = changed_fields(uow.conn, doc_id, entity) if outdated else []
    sid = store.add(
        uow.conn, document_id=doc_id, nominee_id=nid, sha256=c.sha256, pages=c.pages,
        outdated=outdated, changed=changed, attached=c.attached, user=uow.user, later=later,
    )  # fmt: skip
    uow.audit("scan.receive", f"document:{c.code}", {
        "scan": sid, "kind": c.kind, "nominee": nid, "pages": len(c.pages), "sha256": c.sha256,
        "bundle": bundle_id, "outdated": outdated, "changed": changed,
    })  # fmt: skip
    return True


def receive_sheet(uow: UnitOfWork, c: store.CarriedSheet, local: list[int | None], *, peer: str,
                  bundle_id: str) -> bool:  # fmt: skip
    """The signed decision sheet an extract bundle carried (p.12, p.13), kept here and matched to
    the records as this workstation holds them: the document enters this document log as printed
    at ``peer`` with the persons it names (``local``: each person's nominee id here, in the order
    of ``c.persons``; None: not held here, which makes the scan outdated). Kept once. True when
    stored."""
    entities = [None if n is None else f"nominee:{n}" for n in local]
    doc_id = store.register_received_sheet(uow.conn, c, entities, peer=f"peer:{peer}")
    if store.has_scan(uow.conn, doc_id, c.sha256):
        return False
    entry = document_log.find(uow.conn, sha256=c.document)
    assert entry is not None
    outdated, changed = _match(uow.conn, doc_id, entry.sources)
    missing = [f"iin:{p.iin}" for p, e in zip(c.persons, entities, strict=True) if e is None]
    outdated, changed = outdated or bool(missing), changed + missing
    sid = store.add(
        uow.conn, document_id=doc_id, nominee_id=None, sha256=c.sha256, pages=c.pages,
        outdated=outdated, changed=changed, attached=c.attached, user=uow.user,
    )  # fmt: skip
    uow.audit("scan.receive", f"document:{c.code}", {
        "scan": sid, "kind": c.kind, "nominee": None, "persons": len(c.persons),
        "pages": len(c.pages), "sha256": c.sha256, "bundle": bundle_id, "outdated": outdated,
        "changed": changed, "outdated_there": c.outdated,
    })  # fmt: skip
    return True


class Sheet(msgspec.Struct, frozen=True, kw_only=True):
    """A signed decision-sheet scan of a quarter, matched now against the records held here."""

    scan: ScanRow
    received: bool  # carried here in an extract bundle (else attached here)
    persons: int
    outdated: bool
    changed: list[str]


def sheets(s: Session, quarter: str) -> list[Sheet]:
    """The signed decision-sheet scans naming nominees of ``quarter``, latest first, each matched
    against the records as they are now (a sheet is outdated once a dossier it names changed)."""
    s.require(Permission.READ)
    out = []
    with s.db.reading() as conn:
        for r in store.sheets_of_quarter(conn, quarter):
            entry = document_log.find(conn, code=r.scan.code)
            assert entry is not None
            outdated, changed = _match(conn, r.document_id, entry.sources)
            missing = [c for c in r.scan.changed if c.startswith("iin:")]
            out.append(Sheet(scan=r.scan, received=r.received, persons=len(r.entities),
                             outdated=outdated or bool(missing), changed=changed + missing))  # fmt: skip
    return out


class ExtractSheet(msgspec.Struct, frozen=True, kw_only=True):
    """The signed decision sheet an extract for one body carries, or the one it does not."""

    code: str
    pages: int
    carried: bool  # False: the latest sheet naming this body's nominees names others' too


def extract_sheet(s: Session, quarter: str, body: str) -> ExtractSheet | None:
    """What the extract bundle for ``body`` carries of the quarter's signed decision sheet
    (``app.store.scans.sheet_for_extract``, as the handler chooses it); else the latest signed
    sheet that names this body's nominees but also another body's, which is not sent (each
    body receives only its own extract, p.13); None when no sheet of the quarter is signed."""
    s.require(Permission.READ)
    with s.db.reading() as conn:
        c = store.sheet_for_extract(conn, quarter=quarter, body=body)
        if c is not None:
            return ExtractSheet(code=c.code, pages=len(c.pages), carried=True)
        for r in store.sheets_of_quarter(conn, quarter):
            if body in r.bodies:
                return ExtractSheet(code=r.scan.code, pages=r.scan.pages, carried=False)
    return None


REQUIRED = ("submission", "service-reference", "vetting")  # p.10(1), p.10(2), p.10(3)


class State(enum.StrEnum):
    NOT_PRINTED = "not_printed"
    PRINTED = "printed"  # printed, no signed scan attached
    SIGNED = "signed"  # a signed scan of the version on record is attached
    OUTDATED = "outdated"  # a signed scan is attached, but the record changed since that print


class Item(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    state: State
    code: str = ""  # the document the state is about
    changed: list[str] = msgspec.field(default_factory=list)  # outdated: fields changed since printing


def _checklist(conn: Connection, nid: int) -> list[Item]:
    entity = f"nominee:{nid}"
    now = document_log.current_source(conn, entity)
    printed = store.printed_for(conn, entity)
    scanned = store.scanned_documents(conn, nid)
    out = []
    for kind in REQUIRED:
        docs = [d for d in printed if d[2] == kind]
        signed = [d for d in docs if d[0] in scanned]
        current = [d for d in signed if now is not None and d[3] == now.digest]
        if current:
            out.append(Item(kind=kind, state=State.SIGNED, code=current[0][1]))
        elif signed:
            out.append(Item(kind=kind, state=State.OUTDATED, code=signed[0][1],
                            changed=changed_fields(conn, signed[0][0], entity)))  # fmt: skip
        elif docs:
            out.append(Item(kind=kind, state=State.PRINTED, code=docs[0][1]))
        else:
            out.append(Item(kind=kind, state=State.NOT_PRINTED))
    return out


def checklist(s: Session, nid: int) -> list[Item]:
    """The signed materials p.10 requires for one nominee, each printed / signed / outdated."""
    s.require(Permission.READ)
    with s.db.reading() as conn:
        return _checklist(conn, nid)


def unsigned(s: Session, ids: list[int]) -> list[int]:
    """Of ``ids``, the nominees lacking a signed scan of the current version of a required paper."""
    s.require(Permission.READ)
    with s.db.reading() as conn:
        return [n for n in ids if any(i.state is not State.SIGNED for i in _checklist(conn, n))]


def block_unsigned(s: Session) -> bool:
    """The rule set's reading: does a missing signed scan block sending the list?"""
    params = getattr(s.evaluator().rules, "params", None)
    return bool(getattr(params, "signed_scans_block_sending", False))


def checklist_pdf(s: Session, nid: int, lang: str) -> object:
    """The checklist as a printed paper (``app.documents.checklist_doc``), in ``lang``."""
    from app.documents import checklist_doc as cd
    from app.documents import model as m
    from app.store.nominees import Nominees

    s.require(Permission.READ)
    with s.db.reading() as conn:
        items = _checklist(conn, nid)
        rec = Nominees(conn).get(nid, with_photo=False)
    p = rec.dossier.person
    ru = lang == "ru" and p.surname_ru
    name = " ".join(x for x in ((p.surname_ru, p.given_name_ru, p.patronymic_ru) if ru
                                else (p.surname, p.given_name, p.patronymic)) if x)  # fmt: skip
    doc = cd.ChecklistDoc(body=s.body or "", full_name=name, iin=p.iin, at=s.clock.today(),
                          lines=[cd.Line(kind=i.kind, state=i.state.value, code=i.code,
                                         changed=i.changed) for i in items])  # fmt: skip
    return cd.render(doc, m.Meta(lang=lang, printed_on=s.clock.today()))


def for_nominee(s: Session, nid: int) -> list[ScanRow]:
    s.require(Permission.READ)
    with s.db.reading() as conn:
        return store.for_nominee(conn, nid)


def pages(s: Session, scan_id: int) -> list[bytes]:
    s.require(Permission.READ)
    with s.db.reading() as conn:
        return store.pages(conn, scan_id)
