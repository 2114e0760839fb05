"""Fixtures of the scan tests: two real workstations (a body and the Department); the four of a
quarter's cycle (the decision sheet)."""

from tests.quarter.conftest import cycle  # noqa: F401 - the fixture
from tests.transfer.conftest import pair  # noqa: F401 - the fixture
