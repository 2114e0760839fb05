"""The release's CycloneDX 1.5 SBOM: the Python packages in the bundle (the runtime dependencies
of pyproject.toml and everything they require, as installed) and, by hand, the native parts no
package metadata names: CPython, Qt, SQLCipher with its SQLite and OpenSSL, and the OpenSSL the
bundle carries for CPython. Deterministic: the serial number and time come from the commit."""

from __future__ import annotations

import ssl
import sys
import tomllib
import uuid
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def runtime_distributions() -> list[metadata.Distribution]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: dict[str, metadata.Distribution] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        dist = metadata.distribution(req.name)
        seen[name] = dist
        for spec in dist.requires or []:
            sub = Requirement(spec)
            if sub.marker is None or sub.marker.evaluate({"extra": ""}):
                todo.append(sub)
    return [seen[n] for n in sorted(seen)]


def _license(dist: metadata.Distribution) -> list[dict[str, Any]]:
    expr = dist.metadata.get("License-Expression")
    if expr:
        return [{"expression": expr}]
    text = (dist.metadata.get("License") or "").strip()
    if text and len(text) < 100 and "\n" not in text:
        return [{"license": {"name": text}}]
    classifiers = [
        c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return [{"license": {"name": c}} for c in classifiers[:1]]


def python_component(dist: metadata.Distribution) -> dict[str, Any]:
    name, version = dist.metadata["Name"], dist.version
    comp: dict[str, Any] = {
        "type": "library", "name": name, "version": version,
        "purl": f"pkg:pypi/{canonicalize_name(name)}@{version}", "bom-ref": f"pypi:{canonicalize_name(name)}",
    }  # fmt: skip
    licenses = _license(dist)
    if licenses:
        comp["licenses"] = licenses
    return comp


def native_components(folder: Path) -> list[dict[str, Any]]:
    import sqlcipher3
    from cryptography.hazmat.backends.openssl.backend import backend
    from PySide6 import QtCore

    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA key = 'sbom'")  # the provider is only loaded for a keyed database
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    provider = str(conn.execute("PRAGMA cipher_provider_version").fetchone()[0])  # "OpenSSL 3.6.0 …"
    conn.close()
    py = sys.version_info
    bundled_ssl = sorted(p.name for p in (folder / "_internal").glob("libssl.so*"))
    parts = [
        ("framework", "CPython", f"{py.major}.{py.minor}.{py.micro}", "pkg:generic/cpython@{v}", "PSF-2.0",
         "the interpreter and its standard library (libpython, lib-dynload)"),
        ("framework", "Qt", QtCore.qVersion(), "pkg:generic/qt@{v}", "LGPL-3.0-only",
         "Qt Core, Gui, Widgets, PrintSupport, Svg, DBus, XcbQpa as shipped in the PySide6 wheel"),
        ("library", "SQLCipher", cipher.split()[0], "pkg:generic/sqlcipher@{v}", "BSD-3-Clause",
         f"built into the sqlcipher3 wheel (SQLite {sqlcipher3.sqlite_version}, crypto {provider})"),
        ("library", "OpenSSL (SQLCipher)", provider.split()[1], "pkg:generic/openssl@{v}", "Apache-2.0",
         "statically linked into the sqlcipher3 wheel"),
        ("library", "SQLite", sqlcipher3.sqlite_version, "pkg:generic/sqlite@{v}", "blessing",
         "the SQLite inside SQLCipher"),
        ("library", "OpenSSL (cryptography)", backend.openssl_version_text().split()[1],
         "pkg:generic/openssl@{v}", "Apache-2.0", "statically linked into the cryptography wheel"),
        ("library", "OpenSSL (CPython)", ssl.OPENSSL_VERSION.split()[1], "pkg:generic/openssl@{v}",
         "Apache-2.0", f"bundled for CPython's ssl and hashlib: {', '.join(bundled_ssl) or 'not bundled'}"),
    ]  # fmt: skip
    out = []
    for kind, name, version, purl, lic, note in parts:
        out.append({
            "type": kind, "name": name, "version": version, "purl": purl.format(v=version),
            "bom-ref": f"native:{name}", "licenses": [{"license": {"id": lic}}] if lic != "blessing"
            else [{"license": {"name": "SQLite blessing (public domain)"}}], "description": note,
        })  # fmt: skip
    return out


def document(*, version: str, commit: str, epoch: int, folder: Path, glibc_floor: str) -> dict[str, Any]:
    components = [python_component(d) for d in runtime_distributions()] + native_components(folder)
    components = [c for c in components if c["name"] != "rezerv"]
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'rezerv/{version}/{commit}')}",
        "version": 1,
        "metadata": {
            "timestamp": datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "component": {
                "type": "application", "name": "rezerv", "version": version, "bom-ref": "rezerv",
                "properties": [{"name": "rezerv:commit", "value": commit},
                               {"name": "rezerv:glibc-floor", "value": glibc_floor}],
            },  # fmt: skip
        },
        "components": sorted(components, key=lambda c: c["bom-ref"]),
        "dependencies": [{"ref": "rezerv", "dependsOn": sorted(c["bom-ref"] for c in components)}],
    }
