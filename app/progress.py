"""Progress of long work, reported to whoever started it, with a way to stop it.

``Progress`` is ``progress(done, total) -> bool``: the work calls it as it goes (from whichever
thread runs it) and stops, changing nothing, when it returns False. ``Ticker`` keeps that cheap:
it calls back only when the percentage moves (about a hundred calls however long the work is)
and turns a False into the caller's ``InvalidInput`` key.
"""

from __future__ import annotations

from collections.abc import Callable

from app.errors import InvalidInput

Progress = Callable[[int, int], bool]  # done, total -> go on?


class Ticker:
    """``tick(done)`` out of ``total``: calls ``progress`` when the whole percentage changed (or
    ``force``), and raises ``InvalidInput(key)`` when it answers False (with ``key`` None the
    answer is not asked: the caller stops the work its own way)."""

    def __init__(self, progress: Callable[[int, int], bool | None] | None, total: int,
                 key: str | None) -> None:  # fmt: skip
        self.progress, self.total, self.key = progress, max(1, total), key
        self.done = 0
        self._shown = -1

    def __call__(self, done: int, *, force: bool = False) -> None:
        self.done = done = max(self.done, min(done, self.total))  # never backwards
        if self.progress is None:
            return
        pct = done * 100 // self.total
        if pct == self._shown and not force:
            return
        self._shown = pct
        if not self.progress(done, self.total) and self.key is not None:
            raise InvalidInput(self.key)

    def step(self, n: int = 1) -> None:
        self(self.done + n)

    def last(self) -> None:
        """The work is done (committed): 100 %, whatever the answer."""
        if self.progress is not None:
            self.progress(self.total, self.total)
