from ui.bootstrap import main

raise SystemExit(main())
