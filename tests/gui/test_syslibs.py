"""The one translated line shown when Qt's xcb plugin cannot load for want of system libraries."""

from __future__ import annotations

import pytest

from ui import syslibs


def test_packages_are_named_by_debian_name() -> None:
    libs = ["libxcb-keysyms.so.1", "libxcb-icccm.so.4", "libxcb-icccm.so.4", "libodd.so.3"]
    assert syslibs.packages_for(libs) == ["libodd.so.3", "libxcb-icccm4", "libxcb-keysyms1"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_one_translated_line_with_the_command(lang: str) -> None:
    line = syslibs.message(lang, ["libxcb-icccm4", "libxcb-keysyms1"])
    assert line is not None and "\n" not in line
    assert "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1" in line
    assert "ui.syslibs" not in line
    assert syslibs.message(lang, []) is None


def test_which_platform_uses_xcb(monkeypatch) -> None:
    monkeypatch.setattr(syslibs.sys, "platform", "linux")
    assert syslibs.uses_xcb({})
    assert syslibs.uses_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert not syslibs.uses_xcb({"QT_QPA_PLATFORM": "offscreen"})
    assert not syslibs.uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})
    assert syslibs.uses_xcb({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"})


def test_the_loader_reports_a_missing_library(monkeypatch) -> None:
    """Without ldd every library of the table is dlopen-ed: a missing one is reported, present
    ones (libc's neighbours on any Linux) are not."""
    monkeypatch.setattr(syslibs, "DEBIAN_PACKAGES", {"libc.so.6": "libc6",
                                                     "librezerv-missing.so.9": "rezerv-missing"})
    monkeypatch.setattr(syslibs.shutil, "which", lambda _name: None)
    plugin = syslibs.plugin_path()
    assert plugin is not None
    assert syslibs.missing_libraries(plugin) == ["librezerv-missing.so.9"]


def test_ldd_on_the_real_plugin_lists_only_what_is_missing() -> None:
    plugin = syslibs.plugin_path()
    assert plugin is not None
    found = syslibs._ldd_missing(plugin)
    if found is None:
        pytest.skip("no ldd on this machine")
    # whatever this machine lacks is reported by its soname, never a line of ldd's prose
    assert all(lib.startswith("lib") and ".so" in lib for lib in found)
