"""Two real workstations (a body and the Department) pinned both ways, for the positions bundle;
the GUI tests' fixtures."""

from tests.gui.conftest import dialogs, make_window, qapp_args  # noqa: F401 - the GUI tests' fixtures
from tests.transfer.conftest import pair  # noqa: F401 - the fixture
