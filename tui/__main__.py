"""`python -m tui` and the `samenwerken` console script."""

import sys

from tui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
