"""Start StemPrep from a checkout: `python main.py [command]` is the same as `stemprep [command]`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
