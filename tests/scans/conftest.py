"""Fixtures of the scan tests: two real workstations (a body and the Department)."""

from tests.transfer.conftest import pair  # noqa: F401 - the fixture
