"""Creating and unlocking a workstation: the key slots plus the encrypted database."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from app.calendar import WorkCalendar
from app.clock import Clock, SystemClock
from app.errors import AuthError, InvalidInput, StoreError
from app.i18n import fmt_date
from app.paths import default_db_path as default_db_path  # where both front ends open it
from app.security.kdf import KdfParams
from app.security.keyslots import KeyStore
from app.security.roles import REG2000_ROLES, Permission, Role, WorkstationRole, require
from app.store import anchor, meta, migrate, users
from app.store import audit as audit_store
from app.store.connection import Connection, classify_existing_file, connect, transaction
from app.store.database import Database

# the special state bodies of Rules-2025 (``session.body``)
RULES2025_BODIES = frozenset({WorkstationRole.KNB, WorkstationRole.SYRBAR, WorkstationRole.SGS})

if TYPE_CHECKING:
    from app.rules.rulesets import Evaluator

# app.rules.rulesets.DEFAULT_RULESET; the rule sets are imported at their first use, not at unlock
DEFAULT_RULESET = "rules-2025"
MIN_PASSPHRASE = 15  # NIST SP 800-63B: length, no composition rules


class Session(msgspec.Struct, kw_only=True, dict=True):
    """An unlocked workstation for one user. ``close()`` drops the key."""

    db: Database
    user: str
    role: str
    workstation_id: str
    workstation_role: str
    # shown once to this user at unlock: (translation key, parameters), e.g. a restore
    notices: list[tuple[str, dict[str, str]]] = msgspec.field(default_factory=list)

    @property
    def body(self) -> str | None:
        """The special state body this workstation is (Rules-2025: knb, syrbar, sgs); None at the
        Department and on a Reg-2000 workstation, which is no special state body (the Rules-2025
        commands and screens, which read None as the Department, are refused or hidden there:
        ``app.cli.permissions.RULES2025_GROUPS``, ``ui.main_view``)."""
        return self.workstation_role if self.workstation_role in RULES2025_BODIES else None

    @property
    def clock(self) -> Clock:
        return self.db.clock

    def require(self, permission: Permission) -> None:
        require(self.role, permission)

    def evaluator(self, ruleset: str | None = None) -> Evaluator:
        """The rules as this workstation applies them: its rule set (or ``ruleset``), its working
        calendar with the overrides. Read afresh at each call, so a changed setting applies."""
        conn = self.db.connection()
        name = ruleset or meta.value(conn, "ruleset") or DEFAULT_RULESET
        from app.rules.rulesets import Evaluator
        from app.store import positions

        return Evaluator(name, WorkCalendar(meta.calendar_overrides(conn)), positions.catalogue(conn))

    def close(self) -> None:
        self.db.close()


def check_passphrase_policy(passphrase: str) -> None:
    from app.security.passphrase import policy_problem

    problem = policy_problem(passphrase)
    if problem:
        raise InvalidInput(problem, minimum=MIN_PASSPHRASE)


def create(
    path: Path,
    *,
    role: str,
    user: str,
    passphrase: str,
    kdf: KdfParams | None = None,
    clock: Clock | None = None,
) -> Session:
    try:
        wrole = WorkstationRole(role)
    except ValueError:
        raise InvalidInput("init.bad_role", role=role) from None
    _check_user_name(user)
    check_passphrase_policy(passphrase)
    keys = KeyStore(path)
    if path.exists() or keys.exists():
        raise StoreError("store.db_exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    clock = clock or SystemClock()
    key = os.urandom(32)
    kf = keys.new_file()
    slot = keys.seal(kf, user, passphrase, key, kdf or KdfParams.from_environment())
    try:
        conn = connect(path, key, create=True)
        try:
            migrate.migrate(conn)
            now = clock.now()
            with transaction(conn):
                # a Reg-2000 workstation checks by its act (Decree No. 330 of 2000)
                ruleset = "reg-2000" if wrole in REG2000_ROLES else DEFAULT_RULESET
                for k, v in (("workstation_id", kf.workstation_id), ("role", wrole.value),
                             ("ruleset", ruleset), ("created", now.isoformat(timespec="seconds"))):
                    meta.put(conn, k, v)
                from app.transfer.identity import create_identity

                create_identity(conn, now)  # the workstation's transfer keys (issue 6)
                users.add(conn, user, Role.SUPERVISOR.value, created=now)
                audit_store.append(
                    conn, user=user, action="workstation.init", entity=f"workstation:{kf.workstation_id}",
                    payload={"role": wrole.value, "user": user}, now=now,
                )  # fmt: skip
        finally:
            conn.close()
        keys.put_slot(kf, slot)
    except BaseException:
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    return unlock(path, user=user, passphrase=passphrase, clock=clock)


def unlock(
    path: Path,
    *,
    user: str,
    passphrase: str,
    clock: Clock | None = None,
    now: Callable[[], float] = time.time,
) -> Session:
    """Derive the key, open and check the database; AuthError on a wrong user or passphrase."""
    classify_existing_file(path)
    keys = KeyStore(path, now=now)
    kf = keys.load()
    key = keys.unwrap(user, passphrase)
    db = Database(path, key, clock=clock)
    try:
        conn = db.connection()
        from app.services import upgrade

        found = migrate.schema_version(conn)
        kept = upgrade.backup_before_migrate(conn, key, path, db.clock.now())
        migrate.migrate(conn)
        info = meta.all_values(conn)
        if info.get("workstation_id") != kf.workstation_id:
            raise StoreError("store.keys_mismatch", path=str(path))
        role = users.role_of(conn, user)
        if role is None:
            raise AuthError("auth.wrong_passphrase")
        if kept is not None:
            with db.unit_of_work(user) as uow:
                payload = {"from_schema": found, "to_schema": migrate.latest_version(), "backup": kept.name}
                uow.audit("workstation.upgrade", "workstation", payload)
                uow.commit()
        notices = _restore_notice(db, user, info) + _check_anchor(db, conn)
    except BaseException:
        db.close()
        raise
    return Session(
        db=db, user=user, role=role, workstation_id=kf.workstation_id,
        workstation_role=info.get("role", ""), notices=notices,
    )  # fmt: skip


def _check_anchor(db: Database, conn: Connection) -> list[tuple[str, dict[str, str]]]:
    """A database older than (or diverging from) its anchor: hold the anchor and warn."""
    found, a = anchor.status(conn, db.path, db.raw_key())
    head_seq, head_hash = audit_store.head(conn)
    if not found:
        if a is None and head_seq:  # the first unlock of this version: start the anchor
            anchor.write(db.path, db.raw_key(), head_seq, head_hash)
        return []
    db.anchor_held = True
    return [(f"anchor.{found}_warning", {"anchor_seq": str(a.seq if a else 0),
                                          "db_seq": str(head_seq)})]  # fmt: skip


def _day(iso: object) -> str:
    try:
        return fmt_date(dt.date.fromisoformat(str(iso)[:10]))
    except ValueError:
        return "-"


def _restore_notice(db: Database, user: str, info: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """The last restore (written by ``backup.restore``), once per user; seeing it is audited."""
    raw = info.get("restore_notice")
    if not raw:
        return []
    notice = json.loads(raw)
    seen_key = f"restore_seen:{user}"
    if info.get(seen_key) == str(notice["seq"]):
        return []
    with db.unit_of_work(user) as uow:
        meta.put(uow.conn, seen_key, str(notice["seq"]))
        uow.audit("workstation.restore_seen", "workstation", {"seq": notice["seq"]})
        uow.commit()
    dropped = notice.get("dropped", {})
    return [("backup.restored_notice", {
        "backup": str(notice.get("backup", "")), "date": _day(notice.get("backup_date")),
        "by": str(notice.get("by", "")), "at": _day(notice.get("at")),
        "audit_rows": str(dropped.get("audit_rows", 0)), "nominees": str(dropped.get("nominees", 0)),
        "users": ", ".join(dropped.get("users", [])) or "-",
    })]  # fmt: skip


def _check_user_name(name: str) -> None:
    if not name or len(name) > 64 or any(c.isspace() or ord(c) < 32 for c in name):
        raise InvalidInput("user.bad_name")


def add_user(s: Session, name: str, role: str, passphrase: str, kdf: KdfParams | None = None) -> None:
    s.require(Permission.MANAGE_USERS)
    _check_user_name(name)
    try:
        Role(role)
    except ValueError:
        raise InvalidInput("user.bad_role", role=role) from None
    check_passphrase_policy(passphrase)
    keys = KeyStore(s.db.path)
    kf = keys.load()
    if keys.has_user(name):
        raise InvalidInput("user.exists", name=name)
    key = s.db.raw_key()
    slot = keys.seal(kf, name, passphrase, key, kdf or KdfParams.from_environment())
    with s.db.unit_of_work(s.user) as uow:
        if users.role_of(uow.conn, name) is not None:
            raise InvalidInput("user.exists", name=name)
        users.add(uow.conn, name, role, created=uow.now)
        uow.audit("user.add", f"user:{name}", {"role": role})
        keys.put_slot(kf, slot)
        uow.commit()


LOCK_AFTER_RANGE = (3, 100)


def unlock_user(s: Session, name: str) -> None:
    """A supervisor lifts the lock of ``name`` after too many failed unlocks (audited)."""
    s.require(Permission.MANAGE_USERS)
    keys = KeyStore(s.db.path)
    if not keys.is_locked(name):
        raise InvalidInput("user.not_locked", name=name)
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("user.unlock", f"user:{name}", {})
        keys.reset_attempts(name)
        uow.commit()


def lock_after(s: Session) -> int:
    """How many failed unlocks in a row lock a user."""
    s.require(Permission.READ)
    return KeyStore(s.db.path).load().lock_after


def locked_users(s: Session) -> set[str]:
    """The users locked after too many failed unlocks (a supervisor unlocks them)."""
    s.require(Permission.READ)
    keys = KeyStore(s.db.path)
    return {name for name, _ in list_users(s) if keys.is_locked(name)}


def set_lock_after(s: Session, n: int) -> None:
    """How many failed unlocks in a row lock a user (default 10), audited."""
    s.require(Permission.MANAGE_USERS)
    if not LOCK_AFTER_RANGE[0] <= n <= LOCK_AFTER_RANGE[1]:
        raise InvalidInput("user.bad_lock_after", min=LOCK_AFTER_RANGE[0], max=LOCK_AFTER_RANGE[1])
    keys = KeyStore(s.db.path)
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("workstation.lock_after", "workstation", {"lock_after": n})
        keys.set_lock_after(n)
        uow.commit()


def remove_user(s: Session, name: str) -> None:
    s.require(Permission.MANAGE_USERS)
    if name == s.user:
        raise InvalidInput("user.cannot_remove_self")
    keys = KeyStore(s.db.path)
    with s.db.unit_of_work(s.user) as uow:
        if not users.remove(uow.conn, name):
            raise InvalidInput("user.unknown", name=name)
        uow.audit("user.remove", f"user:{name}", {})
        keys.remove_slot(name)
        uow.commit()


def change_passphrase(
    s: Session, old: str, new: str, kdf: KdfParams | None = None
) -> None:
    """Re-wrap the current user's slot; the database is not re-encrypted."""
    check_passphrase_policy(new)
    keys = KeyStore(s.db.path)
    key = keys.unwrap(s.user, old)
    kf = keys.load()
    slot = keys.seal(kf, s.user, new, key, kdf or KdfParams.from_environment())
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("user.passwd", f"user:{s.user}", {})
        keys.put_slot(kf, slot)
        uow.commit()


def list_users(s: Session) -> list[tuple[str, str]]:
    s.require(Permission.READ)
    return users.all_users(s.db.connection())
