"""The floors of the GUI measures: the least any desktop application on this stack could do for
the same result, measured in a fresh interpreter in the same run as the GUI itself.

- start (``python bench/gui_floor.py DB``, the raw database key as hex on stdin; prints
  ``{"painted_at": time.time()}``): ``import PySide6.QtWidgets`` + ``QApplication`` + opening the
  database with the raw key (no KDF) + the nominee list's first-page query (count and the first rows,
  as the model asks) + painting an empty table view of the same columns;
- with ``--serve``, after that start it answers one request per stdin line with the milliseconds
  it took, so the application's session (``gui_app.py``) can put each of its measures right
  after its floor's, both seeing the machine in the same mood:
  ``search WORD``: the store's search for the word (count and first rows) + one model reset of
  the first page; ``open ROW``: decoding the stored dossier at that nominee list row (with its photo)
  + the detail pane built empty; ``wizard ROW``: decoding it + the wizard's pages built empty (the
  first one built, as the wizard does). Each answer is ``[ms, cpu_ms]``: the wall clock and the
  process's CPU time it took. An ``open`` or ``wizard`` is preceded by the same work, unmeasured,
  on the neighbouring row: the floor sat idle while the application worked, and on a busy machine
  its caches have gone cold by then, the application's being warm from its own work (without
  it the floor's share grew with the machine's load: a wizard ratio of 6.05 fell to 4.72 with
  two busy loops added; with it 6.22 and 5.78).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import PySide6.QtWidgets as QtWidgets  # noqa: N812 - part of the measured start
from PySide6.QtCore import QAbstractTableModel, QEvent, QEventLoop, QModelIndex, QObject, Qt

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = 8  # ui.screens.nominees.model.COLUMNS, not imported: the floor loads no ui module
FIRST = 60  # ui.screens.nominees.model.FIRST: the rows a query brings first


class RowsModel(QAbstractTableModel):
    """The least a model can be: a list of rows, reset at once."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []

    def reset(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: QModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return str(self.rows[index.row()][index.column() % 5])
        return None


def main(db: str, key: bytes, serve: bool) -> None:
    app = QtWidgets.QApplication(sys.argv[:1])
    sys.path.insert(0, str(ROOT))
    from app.store.connection import connect
    from app.store.nominees import Filters, Nominees

    conn = connect(Path(db), key)
    repo = Nominees(conn)
    total = repo.count(Filters())
    first = repo.rows(Filters(), limit=FIRST)
    model = RowsModel()
    view = QtWidgets.QTableView()
    view.setModel(model)
    view.resize(1366, 820)

    class Painted(QObject):
        at = 0.0

        def eventFilter(self, _obj: QObject, e: QEvent) -> bool:  # noqa: N802
            if e.type() == QEvent.Type.Paint and not self.at:
                self.at = time.time()
            return False

    painted = Painted()
    view.viewport().installEventFilter(painted)
    view.show()
    while not painted.at:  # as bench_gui's wait(): asleep until an event comes
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    out: dict = {"painted_at": painted.at, "cpu_s": r.ru_utime + r.ru_stime, "rows": total,
                 "first": len(first)}
    print(json.dumps(out), flush=True)

    if serve:
        _serve(repo, model, Path(db), total)
    conn.close()


def _serve(repo, model: RowsModel, db: Path, total: int) -> None:  # noqa: ANN001
    from app.services.dossier_flow import STEPS, DossierFlow
    from app.store.nominees import Filters
    from ui.dossier.wizard import PAGES
    from ui.env import Env
    from ui.i18n import Translator
    from ui.ops import PoolExecutor
    from ui.screens.nominees.detail import DetailPane

    env = Env(tr=Translator("kk"), executor=PoolExecutor(), dialogs=None,  # type: ignore[arg-type]
              clipboard=None, db_path=db)  # type: ignore[arg-type]  # fmt: skip

    def build(what: str, nid: int) -> tuple:
        rec = repo.get(nid)
        if what == "open":
            return rec, DetailPane(env)
        pages = [PAGES[step](env, DossierFlow()) for step in STEPS]
        pages[0].ensure_built()
        return rec, pages

    print("{}", flush=True)  # ready
    keep = []
    for line in sys.stdin:
        what, _, arg = line.strip().partition(" ")
        if what == "search":
            t0, c0 = time.perf_counter(), time.process_time()
            f = Filters(search=arg)
            n = repo.count(f)
            found = repo.rows(f, limit=FIRST) if n else []
            model.reset([(r.surname, r.given_name, r.iin, r.body, r.status) for r in found])
        else:
            row = max(0, min(int(arg), total - 1))
            build(what, repo.rows(Filters(), offset=row ^ 1, limit=1)[0].id)  # warm, unmeasured
            nid = repo.rows(Filters(), offset=row, limit=1)[0].id
            t0, c0 = time.perf_counter(), time.process_time()
            keep.append(build(what, nid))
        ms, cpu_ms = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        print(json.dumps([ms, cpu_ms]), flush=True)
        del keep[:-2]


if __name__ == "__main__":
    args = sys.argv[1:]
    key = bytes.fromhex(sys.stdin.readline().strip())
    main(args[0], key, "--serve" in args)
