"""A nominations bundle whose photo is broken, carries metadata, is not the stored form or claims a
huge size is refused (the entry named, the photo's reason given, exit 4) and changes nothing; the
photos are decoded on a worker thread while the entry before is stored, yet what is refused, and in
which order, is what checking one entry at a time gives: a bad photo in an entry is reported before
a damaged item of a later entry, and an entry stored before a refused one is rolled back."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable

import msgspec
import pytest
from PIL import Image

from app import photo
from app.errors import InvalidInput
from app.services import transfer
from app.store.nominees import encode
from app.transfer import format as fmt
from app.transfer.dossiers import DOSSIER_TYPE, INDEX_FORMAT, PHOTO_TYPE, Entry, Index, check_photo
from app.transfer.kinds import index_media_type
from tests.factories import make_dossier, noisy_photo
from tests.transfer.conftest import Pair, own
from tests.transfer.forge import forge
from tests.transfer.test_tamper import refused


def _bundle(pair: Pair, photos: list[bytes],
            edit: Callable[[fmt.Manifest], fmt.Manifest] | None = None) -> bytes:  # fmt: skip
    """Dossiers 1.. with ``photos``, signed by the body for the Department."""
    blobs: list[tuple[str, bytes]] = []
    entries = []
    for n, jpeg in enumerate(photos, 1):
        d = make_dossier(n, with_photo=False)
        blobs += [(DOSSIER_TYPE, encode(d)), (PHOTO_TYPE, jpeg)]
        entries.append(Entry(iin=d.person.iin, version=1, dossier=2 * n - 1, photo=2 * n))
    index = msgspec.json.encode(Index(format=INDEX_FORMAT, quarter="2026Q1", entries=entries))
    dept_key = transfer.show_identity(pair.dept).age_recipient
    rec = [fmt.Recipient(id=pair.dept_id, seq=1, prev="")]
    return forge(own(pair.body), [dept_key], rec, [(index_media_type("nominations"), index), *blobs],
                 edit=edit)  # fmt: skip


def _with_exif(jpeg: bytes) -> bytes:
    img = Image.open(io.BytesIO(jpeg))
    exif = Image.Exif()
    exif[0x010E] = "a comment"  # ImageDescription
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _claiming(jpeg: bytes, width: int, height: int) -> bytes:
    """The stored-form photo with its frame header (SOF0) claiming another size."""
    at = jpeg.index(b"\xff\xc0")
    return jpeg[: at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9 :]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (photo.WIDTH, photo.HEIGHT), "white").save(out, format="PNG")
    return out.getvalue()


GOOD = noisy_photo(1)
HOSTILE = {
    "truncated": (GOOD[: len(GOOD) // 2], "bundle.photo_unreadable"),
    "metadata": (_with_exif(GOOD), "bundle.photo_metadata"),
    "png": (_png(), "bundle.photo_not_normalized"),
    "not_an_image": (b"\xff\xd8\xff" + b"\x00" * 5000, "bundle.photo_not_normalized"),
    "bomb_header": (_claiming(GOOD, 9000, 9000), "bundle.photo_not_normalized"),
    "large_header": (_claiming(GOOD, 7000, 7000), "bundle.photo_not_normalized"),
    "over_20_mb": (GOOD + b"\x00" * photo.MAX_BYTES, "bundle.photo_not_normalized"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_photo_is_refused_by_itself(name: str) -> None:
    jpeg, key = HOSTILE[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no Pillow warning either (a bomb's is a refusal)
        with pytest.raises(InvalidInput) as e:
            check_photo(jpeg)
    assert e.value.key == key
    check_photo(GOOD)


@pytest.mark.parametrize("at", [1, 3])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_bundle_with_a_hostile_photo_is_refused_and_changes_nothing(pair: Pair, name: str,
                                                                       at: int) -> None:  # fmt: skip
    jpeg, key = HOSTILE[name]
    photos = [noisy_photo(n) for n in range(1, 5)]
    photos[at - 1] = jpeg
    err = refused(pair, _bundle(pair, photos), "bundle.entry_rejected")
    assert err.exit_code == 4
    assert err.params["n"] == at and getattr(err, "cause").key == key  # noqa: B009


def test_a_bad_photo_is_reported_before_a_damaged_item_of_the_next_entry(pair: Pair) -> None:
    """Entry 2's dossier no longer matches its signed hash: reading it fails while entry 1's photo
    is being decoded, but entry 1's refusal comes first, as when reading one entry at a time; with
    entry 1 intact, the damaged item is what is refused."""

    def damaged(m: fmt.Manifest) -> fmt.Manifest:
        items = list(m.items)
        items[3] = msgspec.structs.replace(items[3], sha256="0" * 64)  # entry 2's dossier
        return msgspec.structs.replace(m, items=items)

    bad, key = HOSTILE["truncated"]
    err = refused(pair, _bundle(pair, [bad, noisy_photo(2), noisy_photo(3)], damaged),
                  "bundle.entry_rejected")  # fmt: skip
    assert err.params["n"] == 1 and getattr(err, "cause").key == key  # noqa: B009
    err = refused(pair, _bundle(pair, [noisy_photo(1), noisy_photo(2), noisy_photo(3)], damaged),
                  "bundle.item_hash_mismatch")  # fmt: skip
    assert err.params["n"] == 4


def test_good_photos_are_all_checked_and_stored(pair: Pair) -> None:
    from app.services import transfer_bundles as tb
    from app.store.nominees import Nominees

    photos = [noisy_photo(n) for n in range(1, 6)]
    path = pair.dir / "ok.age"
    path.write_bytes(_bundle(pair, photos))
    assert tb.import_bundle(pair.dept, path).counts["add"] == 5
    repo = Nominees(pair.dept.db.connection())
    got = [repo.get(nid).dossier.photo for nid in repo.ids()]
    assert sorted(p or b"" for p in got) == sorted(photos)
