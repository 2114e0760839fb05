from __future__ import annotations

import datetime as dt

import pytest

from app.documents import model as m


@pytest.fixture
def meta_for():
    def make(lang: str = "kk", **kw: object) -> m.Meta:
        return m.Meta(lang=lang, printed_on=dt.date(2026, 2, 10), **kw)  # type: ignore[arg-type]

    return make
