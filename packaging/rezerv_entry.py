"""The frozen program's entry point (PyInstaller runs this file as ``__main__``). It is the same
composition root as the ``rezerv`` console script (``ui.bootstrap``): a command runs the CLI, no
command starts the GUI."""

from ui.bootstrap import main

raise SystemExit(main())
