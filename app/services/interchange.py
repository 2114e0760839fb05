"""The interchange JSON ``rezerv.dossier/1``: read and write dossiers as documented JSON.

The photo is a path relative to the JSON file or a ``data:image/...;base64,`` URI; ``show``
always emits the data URI so its output stands alone. Every validation error names the field
path (``person.iin``, ``disciplinary[0].imposed``).
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any

import msgspec

from app.domain.dossier import FORMAT, Dossier
from app.errors import InvalidInput
from app.fsutil import read_bounded

MAX_JSON_BYTES = 40 * 1024 * 1024
_DATA_URI = re.compile(r"^data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)
_PATH_RE = re.compile(r"at `\$(?P<path>[^`]*)`")


def _path_from(msg: str) -> str:
    m = _PATH_RE.search(msg)
    if not m:
        return ""
    return m.group("path").lstrip(".")


def _reason(msg: str) -> tuple[str, dict[str, str]]:
    """Translate msgspec's English validation message into one of our keys."""
    if m := re.match(r"Object missing required field `([^`]+)`", msg):
        return "json.missing_field", {"name": m.group(1)}
    if m := re.match(r"Object contains unknown field `([^`]+)`", msg):
        return "json.unknown_field", {"name": m.group(1)}
    if m := re.match(r"Expected `([^`]+)`, got `([^`]+)`", msg):
        return "json.wrong_type", {"expected": m.group(1), "got": m.group(2)}
    if msg.startswith("Invalid enum value"):
        return "json.bad_choice", {}
    if "date" in msg.lower():
        return "json.bad_date", {}
    return "json.invalid_value", {}


def _invalid(msg: str, prefix: str = "") -> InvalidInput:
    path = _path_from(msg)
    key, params = _reason(msg)
    if key in ("json.missing_field", "json.unknown_field"):
        path = f"{path}.{params['name']}" if path else params["name"]
    field = f"{prefix}{path}" if path else prefix.rstrip(".") or "$"
    return InvalidInput(key, field=field, **params)


def _photo_bytes(value: str, base_dir: Path | None) -> bytes:
    if _DATA_URI.match(value):
        try:
            return base64.b64decode(value.split(",", 1)[1], validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput("json.bad_photo_uri", field="photo") from None
    if base_dir is None:
        raise InvalidInput("json.photo_path_without_file", field="photo")
    if "\x00" in value:
        raise InvalidInput("json.photo_unreadable", field="photo", path=value[:80])
    from app import photo as photo_mod  # Pillow only when a photo path is given

    target = (base_dir / value).resolve()
    try:
        return read_bounded(target, photo_mod.MAX_BYTES)
    except InvalidInput as e:
        e.params["field"] = "photo"
        raise


def dossier_from_obj(obj: Any, base_dir: Path | None = None) -> Dossier:
    if not isinstance(obj, dict):
        raise InvalidInput("json.not_object", field="$")
    data = dict(obj)
    fmt = data.pop("format", FORMAT)
    if fmt != FORMAT:
        raise InvalidInput("json.bad_format", field="format", found=str(fmt)[:40])
    photo_value = data.pop("photo", None)
    try:
        d = msgspec.convert(data, type=Dossier)
    except msgspec.ValidationError as e:
        raise _invalid(str(e)) from None
    if photo_value is not None:
        if not isinstance(photo_value, str):
            raise InvalidInput("json.wrong_type", field="photo", expected="str", got="other")
        d = msgspec.structs.replace(d, photo=_photo_bytes(photo_value, base_dir))
    return d


def parse_bytes(raw: bytes, base_dir: Path | None = None) -> list[Dossier]:
    """One dossier object or a list of them."""
    if len(raw) > MAX_JSON_BYTES:
        raise InvalidInput("json.too_large", limit_mb=MAX_JSON_BYTES // (1024 * 1024))
    try:
        obj = msgspec.json.decode(raw)
    except msgspec.DecodeError as e:
        raise InvalidInput("json.malformed", detail=str(e).split(" - ")[0][:80]) from None
    except RecursionError:
        raise InvalidInput("json.too_deep") from None
    except UnicodeDecodeError:
        raise InvalidInput("json.bad_encoding") from None
    if isinstance(obj, list):
        out = []
        for i, item in enumerate(obj):
            try:
                out.append(dossier_from_obj(item, base_dir))
            except InvalidInput as err:
                field = str(err.params.get("field", "$"))
                err.params["field"] = f"[{i}].{field}" if field != "$" else f"[{i}]"
                raise
        return out
    return [dossier_from_obj(obj, base_dir)]


def read_file(path: Path) -> list[Dossier]:
    return parse_bytes(read_bounded(path, MAX_JSON_BYTES), path.parent)


def to_obj(d: Dossier, *, nominee_id: int | None = None) -> dict[str, Any]:
    obj: dict[str, Any] = {"format": FORMAT}
    body = msgspec.to_builtins(msgspec.structs.replace(d, photo=None))
    body.pop("photo", None)
    obj.update(body)
    if d.photo is not None:
        obj["photo"] = "data:image/jpeg;base64," + base64.b64encode(d.photo).decode("ascii")
    if nominee_id is not None:
        obj = {"id": nominee_id, **obj}
    return obj


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``rezerv.dossier/1`` (committed under resources/schema/)."""
    schema: dict[str, Any] = msgspec.json.schema(Dossier)
    defs = schema.get("$defs", {})
    dossier = defs.get("Dossier", schema)
    props = dossier.setdefault("properties", {})
    props["format"] = {"const": FORMAT}
    props["photo"] = {
        "type": "string",
        "description": "a path relative to the JSON file, or a data:image/...;base64, URI",
    }
    schema["$id"] = "https://rezerv.invalid/schema/dossier-1.json"
    schema["title"] = "rezerv.dossier/1"
    return schema
