"""After a full CLI session, no file under the data directory or the temp directory holds a
marker surname (UTF-8) or the photo's bytes."""

import json
from pathlib import Path

from app import resources
from app.services import interchange
from tests.cli import run_cli

MARKER = "Маркерқызы-Zqxj"


def _scan(root: Path, needles: dict[str, bytes]) -> list[str]:
    hits = []
    for f in root.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            for name, needle in needles.items():
                if needle in data:
                    hits.append(f"{f}: {name}")
    return hits


def test_no_plaintext_personal_data_on_disk(tmp_path):
    data_dir = tmp_path / "data"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    inputs = tmp_path / "inputs"  # the user's own files: not scanned
    inputs.mkdir()
    obj = json.loads(resources.path("samples", "dossier-example.json").read_text(encoding="utf-8"))
    obj["person"]["surname"] = MARKER
    obj["person"]["surname_ru"] = MARKER
    obj["photo"] = str(resources.path("samples", "dossier-example-photo.jpg"))
    src = inputs / "d.json"
    src.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    [d] = interchange.read_file(src)
    photo_chunk = d.photo[len(d.photo) // 2 : len(d.photo) // 2 + 64]

    db = data_dir / "rezerv.db"
    env_tmp = {"tmpdir": tmp}
    assert run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None, **env_tmp).code == 0
    r = run_cli("nominee", "add", "--json", str(src), db=db, **env_tmp)
    assert r.code == 0, r.err
    for args in (
        ["nominee", "list", "--search", "Маркер"],
        ["nominee", "show", r.out.strip()],
        ["demo", "--count", "20"],
        ["audit", "verify"],
        ["backup", "--out", str(data_dir / "backup.rzb")],
    ):
        res = run_cli(*args, db=db, **env_tmp)
        assert res.code == 0, (args, res.err)
    needles = {
        "marker": MARKER.encode("utf-8"),
        "marker-ru-part": "Маркерқызы".encode(),
        "photo": photo_chunk,
        "iin": d.person.iin.encode(),
    }
    assert _scan(data_dir, needles) == []
    assert _scan(tmp, needles) == []
    # the scan can see a hit: the user's own input file holds the marker
    assert _scan(inputs, needles)
