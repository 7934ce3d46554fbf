"""Start StemPrep from a checkout: `python main.py [command]` is the same as `stemprep [command]`.

It is also the entry point of the self-contained program (packaging/stemprep.spec). There
the batch printer's child process is this same program started again, and
`multiprocessing.freeze_support()` makes that child run its task instead of StemPrep.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a no-op elsewhere, where importing multiprocessing only slows the start
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
