"""What the nominee list needs before its first paint does not import Pillow or the rule sets:
they come with the first photo and the first check (issue 18, the start beyond the KDF)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_list_services_import_neither_pillow_nor_the_rule_sets():
    code = ("import sys, app.services.nominees, app.services.workstation, app.photo; "
            "print(sorted(m for m in sys.modules if m == 'PIL' or m == 'app.rules.rulesets'))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_the_default_rule_set_is_named_once_for_both():
    from app.rules.rulesets import DEFAULT_RULESET
    from app.services import workstation

    assert workstation.DEFAULT_RULESET == DEFAULT_RULESET


def test_a_photo_still_goes_through_pillow_with_its_limits():
    from app import photo
    from app.services import demo

    jpeg = next(iter(demo.demo_photos()))
    assert photo.is_normalized(photo.normalize(jpeg))
    from PIL import Image, PngImagePlugin

    assert Image.MAX_IMAGE_PIXELS == photo.MAX_PIXELS
    assert PngImagePlugin.MAX_TEXT_CHUNK == photo.MAX_TEXT_BYTES
