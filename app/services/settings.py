"""Workstation settings kept inside the encrypted database (never in Qt settings files)."""

from __future__ import annotations

from app.errors import InvalidInput
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import meta as store_meta

IDLE_DEFAULT = 10
IDLE_MIN, IDLE_MAX = 1, 240


def get(s: Session, key: str, default: str = "") -> str:
    found = store_meta.setting(s.db.connection(), key)
    return default if found is None else found


def put(s: Session, key: str, value: str) -> None:
    s.require(Permission.EDIT)
    with s.db.unit_of_work(s.user) as uow:
        store_meta.put_setting(uow.conn, key, value)
        uow.audit("settings.set", f"setting:{key}", {"value": value})
        uow.commit()


def get_idle_minutes(s: Session) -> int:
    try:
        return int(get(s, "idle_lock_minutes", str(IDLE_DEFAULT)))
    except ValueError:
        return IDLE_DEFAULT


def set_idle_minutes(s: Session, minutes: int) -> None:
    if not IDLE_MIN <= minutes <= IDLE_MAX:
        raise InvalidInput("settings.idle_out_of_range", minimum=IDLE_MIN, maximum=IDLE_MAX)
    put(s, "idle_lock_minutes", str(minutes))


def meta(s: Session, key: str, default: str = "") -> str:
    found = store_meta.value(s.db.connection(), key)
    return default if found is None else found
