"""``make release``: the offline release of this commit in ``dist/`` (see packaging/README.md).

    rezerv-VERSION-linux-x86_64.tar.gz   one folder with its own Python, Qt and libraries
    rezerv_VERSION_amd64.deb             the same folder under /opt/rezerv/VERSION
    rezerv-VERSION.cdx.json              CycloneDX SBOM
    SHA256SUMS, SHA256SUMS.minisig       digests and their minisign signature

Reproducible: every time and owner comes from the commit (SOURCE_DATE_EPOCH), the hash seed is
fixed, archive members are sorted. Signing needs ``REZERV_MINISIGN_KEY`` (a path to the secret
key); without it the build is marked UNSIGNED. Run with the project's .venv Python.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "packaging"
ARCH = "linux-x86_64"


def run(cmd: list[str], **kw: object) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout  # type: ignore[call-overload,no-any-return]


def git(*args: str) -> str:
    return run(["git", "-C", str(ROOT), *args]).strip()


def source_state() -> tuple[str, int]:
    commit = git("rev-parse", "HEAD")
    epoch = int(git("log", "-1", "--format=%ct"))
    if git("status", "--porcelain", "--untracked-files=no"):
        print("release: the tree has uncommitted changes; this build is marked -dirty", file=sys.stderr)
        commit += "-dirty"
    return commit, epoch


def glibc_floor(folder: Path) -> str:
    """The newest GLIBC_x.y symbol version any bundled ELF file asks for."""
    best = (2, 17)
    for f in sorted(folder.rglob("*")):
        if f.is_file() and not f.is_symlink() and _is_elf(f):
            for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", run(["objdump", "-T", str(f)])):
                best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def _is_elf(f: Path) -> bool:
    with f.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def system_libraries(folder: Path) -> dict[str, str]:
    """soname -> Debian package, for every library a bundled file links that the bundle lacks."""
    bundled = {f.name for f in folder.rglob("*.so*")}
    wanted: set[str] = set()
    for f in sorted(folder.rglob("*")):
        if f.is_file() and not f.is_symlink() and _is_elf(f):
            dynamic = run(["readelf", "-d", str(f)])
            wanted.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
    cache = run(["ldconfig", "-p"])
    found: dict[str, str] = {}
    for so in sorted(wanted - bundled):
        m = re.search(rf"^\s*{re.escape(so)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.M)
        package = "?"
        if m:
            path = Path(m.group(1))
            real = str(path.resolve())
            for candidate in (str(path), real, real.replace("/usr/lib/", "/lib/")):
                r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
                if r.returncode == 0:
                    package = r.stdout.split(":")[0]
                    break
        found[so] = package
    return found


def depends(floor: str) -> list[str]:
    lines = (PKG / "depends.txt").read_text(encoding="utf-8").splitlines()
    return [ln.replace("@GLIBC_FLOOR@", floor) for ln in lines if ln and not ln.startswith("#")]


def check_depends(folder: Path, deps: list[str]) -> None:
    names = {d.split()[0] for d in deps}
    missing = {so: pkg for so, pkg in system_libraries(folder).items() if pkg not in names}
    if missing:
        raise SystemExit(f"release: system libraries not covered by packaging/depends.txt: {missing}")


def normalise(tree: Path, epoch: int) -> None:
    """Owner-independent modes and one time for every file, directory and link."""
    for p in sorted(tree.rglob("*"), reverse=True):
        if p.is_symlink():
            os.utime(p, (epoch, epoch), follow_symlinks=False)
            continue
        mode = p.stat().st_mode
        p.chmod(0o755 if p.is_dir() or mode & 0o100 else 0o644)
        os.utime(p, (epoch, epoch))
    tree.chmod(0o755)
    os.utime(tree, (epoch, epoch))


def pyinstaller(work: Path, info: Path, epoch: int) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch),
           "REZERV_BUILD_INFO": str(info)}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
         "--distpath", str(work / "pyi-dist"), "--workpath", str(work / "pyi-work"),
         str(PKG / "rezerv.spec")],
        check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    return work / "pyi-dist" / "rezerv"


def assemble(built: Path, folder: Path, version: str, floor: str) -> None:
    shutil.move(built, folder)
    for link in [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()]:
        link.unlink()  # links PyInstaller made to Qt libraries the spec left out
    (folder / "rezerv").rename(folder / "rezerv-bin")
    launcher = (PKG / "rezerv.sh").read_text(encoding="utf-8").replace("@GLIBC_FLOOR@", floor)
    (folder / "rezerv").write_text(launcher, encoding="utf-8")
    (folder / "rezerv").chmod(0o755)
    shutil.copy(PKG / "install.sh", folder / "install.sh")
    (folder / "install.sh").chmod(0o755)
    (folder / "VERSION").write_text(version + "\n", encoding="utf-8")
    (folder / "share").mkdir()
    shutil.copy(PKG / "rezerv.desktop", folder / "share" / "rezerv.desktop")
    shutil.copy(ROOT / "resources" / "icons" / "logo.svg", folder / "share" / "rezerv.svg")
    shutil.copy(PKG / "README.md", folder / "README.md")


def tarball(folder: Path, out: Path, epoch: int) -> None:
    tar = subprocess.Popen(
        ["tar", "--sort=name", "--format=gnu", "--owner=0", "--group=0", "--numeric-owner",
         f"--mtime=@{epoch}", "-C", str(folder.parent), "-cf", "-", folder.name],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    with out.open("wb") as fh:
        subprocess.run(["gzip", "-n", "-6"], stdin=tar.stdout, stdout=fh, check=True)
    if tar.wait() != 0:
        raise SystemExit("release: tar failed")


def deb(folder: Path, work: Path, out: Path, version: str, deps: list[str], epoch: int) -> None:
    root = work / "deb"
    opt = root / "opt" / "rezerv"
    opt.mkdir(parents=True)
    shutil.copytree(folder, opt / version, symlinks=True)
    (opt / "current").symlink_to(version)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "rezerv").symlink_to("/opt/rezerv/current/rezerv")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(PKG / "rezerv.desktop", apps / "rezerv.desktop")
    icons = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "logo.svg", icons / "rezerv.svg")
    entries = [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    size_kb = sum((p.lstat().st_size + 1023) // 1024 for p in entries)
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: rezerv\nVersion: {version}\nArchitecture: amd64\n"
        "Maintainer: Rezerv developers <dev@rezerv.local>\n"
        f"Installed-Size: {size_kb}\nDepends: {', '.join(deps)}\nSection: misc\nPriority: optional\n"
        "Description: Offline workstation for the Presidential personnel reserve\n"
        " Self-contained build (its own Python and Qt) under /opt/rezerv/VERSION; the database stays\n"
        " in each user's data directory (~/.local/share/rezerv).\n",
        encoding="utf-8",
    )
    normalise(root, epoch)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(out)], env=env)


def sign(dist: Path, version: str, commit: str) -> bool:
    key = os.environ.get("REZERV_MINISIGN_KEY")
    unsigned = dist / "UNSIGNED.txt"
    if not key:
        unsigned.write_text(
            "UNSIGNED BUILD: REZERV_MINISIGN_KEY was not set, so SHA256SUMS has no signature.\n"
            "Do not carry this build to a workstation; see packaging/README.md.\n",
            encoding="utf-8",
        )
        print("release: UNSIGNED BUILD (REZERV_MINISIGN_KEY is not set)", file=sys.stderr)
        return False
    if not Path(key).is_file():
        raise SystemExit(f"release: REZERV_MINISIGN_KEY names no file: {key}")
    subprocess.run(
        ["minisign", "-S", "-s", key, "-m", str(dist / "SHA256SUMS"), "-x", str(dist / "SHA256SUMS.minisig"),
         "-t", f"rezerv {version} commit {commit}"],
        check=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run(
        ["minisign", "-Vq", "-p", str(PKG / "minisign.pub"), "-m", str(dist / "SHA256SUMS")], check=True
    )  # the secret key belongs to the public key shipped in packaging/
    unsigned.unlink(missing_ok=True)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--work", default=str(ROOT / "build" / "release"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from app.store import migrate
    from app.version import VERSION

    sys.path.insert(0, str(PKG))
    import sbom

    commit, epoch = source_state()
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    dist.mkdir(parents=True, exist_ok=True)
    for old in dist.glob("*"):
        if old.is_file():
            old.unlink()
    info = work / "build-info.json"
    build = {"version": VERSION, "commit": commit, "schema": migrate.latest_version(),
             "source_date_epoch": epoch}  # fmt: skip
    info.write_text(json.dumps(build, sort_keys=True) + "\n", encoding="utf-8")

    folder = work / f"rezerv-{VERSION}-{ARCH}"
    built = pyinstaller(work, info, epoch)
    floor = glibc_floor(built)
    assemble(built, folder, VERSION, floor)
    deps = depends(floor)
    check_depends(folder, deps)
    normalise(folder, epoch)

    tar_name = f"rezerv-{VERSION}-{ARCH}.tar.gz"
    deb_name = f"rezerv_{VERSION}_amd64.deb"
    sbom_name = f"rezerv-{VERSION}.cdx.json"
    tarball(folder, dist / tar_name, epoch)
    deb(folder, work, dist / deb_name, VERSION, deps, epoch)
    doc = sbom.document(version=VERSION, commit=commit, epoch=epoch, folder=folder, glibc_floor=floor)
    (dist / sbom_name).write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    sums = run(["sha256sum", tar_name, deb_name, sbom_name], cwd=dist)
    (dist / "SHA256SUMS").write_text(sums, encoding="utf-8")
    signed = sign(dist, VERSION, commit)
    print(f"release: {VERSION} ({commit}) in {dist}: glibc >= {floor}, {'signed' if signed else 'UNSIGNED'}")
    for name in sorted(p.name for p in dist.iterdir()):
        print(f"  {name}  {(dist / name).stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
