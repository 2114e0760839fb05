"""The fingerprint's QR code: reportlab's own encoder, with a faster choice of the mask.

Reportlab's ``QRCode.make()`` lays out the whole symbol nine times (eight trial masks and the
final one) and scores each trial with per-module Python loops, which made the QR code about 40 %
of the time of a dossier pack. Here the symbol is laid out once, the eight trials are scored on
rows held as bit strings, and the final symbol is laid out once with the chosen mask. The scoring
is reportlab's ``QRUtil.getLostPoint`` rule by rule (including its quirks: rule 3 looks for one
orientation of the finder-like pattern, in rows only, and skips the last position of a row), so
the symbol is the same module for module; ``tests/documents/test_qr.py`` compares them.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.qrencoder import QRCode, QRUtil

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"


def _rule1(lines: list[str]) -> int:
    """Runs of five or more modules of one colour: 3 + (length - 5) each."""
    return sum(m.end() - m.start() - 2 for s in lines for m in _RUN.finditer(s))


def _rule3(lines: list[str]) -> int:
    score = 0
    for s in lines:
        maxj = len(s) - len(_FINDER)
        j = s.find(_FINDER)
        while 0 <= j < maxj:
            score += 40
            j = s.find(_FINDER, j + len(_FINDER))
    return score


def _rule2(rows: list[int], n: int) -> int:
    """2x2 blocks of one colour: 3 each."""
    full = (1 << (n - 1)) - 1
    score = 0
    for a, b in itertools.pairwise(rows):
        vert = ~(a ^ b)  # this column equal in both rows
        horiz = ~(a ^ (a >> 1))  # this column equal to the next one in row a
        score += 3 * (vert & (vert >> 1) & horiz & full).bit_count()
    return score


def _lost_points(rows: list[int], n: int) -> int:
    lines = [format(r, f"0{n}b")[::-1] for r in rows]  # character c is column c
    cols = ["".join(t) for t in zip(*lines, strict=True)]
    dark = sum(r.bit_count() for r in rows)
    rule4 = 10 * (abs(100 * dark // (n * n) - 50) // 5)
    # reportlab's rule 3 on the columns compares tuples with a list and never scores: rows only
    return _rule1(lines) + _rule1(cols) + _rule2(rows, n) + _rule3(lines) + rule4


@cache
def _mask_rows(k: int, n: int) -> list[int]:
    """Mask pattern ``k`` over an n x n symbol, one int per row (bit c: column c)."""
    mask = QRUtil.getMask(k)
    return [sum(1 << c for c in range(n) if mask(r, c)) for r in range(n)]


def _choose_mask(qr: QRCode) -> None:
    """Lay the symbol out once, score the eight masks, and finish it with the best one: what
    ``makeImpl(False, best)`` would give (function patterns kept, data re-masked, the format and
    version information and the dark module written as in a final layout)."""
    qr.makeImpl(True, 0)
    n = qr.moduleCount
    rows = [int("".join("1" if dark else "0" for dark in reversed(row)), 2) for row in qr.modules]
    data_pos = [0] * n
    data_bits = [0] * n
    bits = list(qr.dataBitIterator(qr.dataCache))
    for i, (c, r) in enumerate(qr.dataPosIterator()):
        data_pos[r] |= 1 << c
        if i < len(bits) and bits[i]:
            data_bits[r] |= 1 << c
    fixed = [rows[r] & ~data_pos[r] for r in range(n)]
    best, best_score, best_rows = 0, 0, fixed
    for k in range(8):
        m = _mask_rows(k, n)
        trial = [fixed[r] | ((data_bits[r] ^ m[r]) & data_pos[r]) for r in range(n)]
        score = _lost_points(trial, n)
        if k == 0 or best_score > score:
            best, best_score, best_rows = k, score, trial
    qr.modules = [[bool((v >> c) & 1) for c in range(n)] for v in best_rows]
    qr.setupTypeInfo(False, best)
    if qr.version >= 7:
        qr.setupTypeNumber(False)


# The Reed-Solomon generator polynomial depends only on the number of error-correction codewords;
# reportlab recomputes it for every block of every symbol. It is only read, so it can be shared.
if not hasattr(QRUtil.getErrorCorrectPolynomial, "cache_info"):
    QRUtil.getErrorCorrectPolynomial = staticmethod(cache(QRUtil.getErrorCorrectPolynomial))


def make(payload: str, level: str = "M") -> QRCode:
    """The finished symbol (``.modules``, ``.moduleCount``), as ``QrCodeWidget`` would make it."""
    qr: QRCode = QrCodeWidget(payload, barLevel=level, barBorder=0).qr
    if qr.version is None:
        qr.version = qr.calculate_version()
    _choose_mask(qr)
    return qr


def runs(payload: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR matrix as horizontal runs of dark modules: (row, first column, length)."""
    qr = make(payload)
    n = qr.moduleCount
    out = []
    for r, row in enumerate(qr.modules):
        line = "".join("1" if d else "0" for d in row)
        out += [(r, m.start(), m.end() - m.start()) for m in re.finditer("1+", line)]
    return n, out
