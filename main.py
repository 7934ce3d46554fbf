"""Start StemPrep from a checkout: `python main.py [command]` is the same as `stemprep [command]`.

It is also the entry point of the self-contained program (packaging/stemprep.spec). There
the batch printer's child process is this same program started again, and
`multiprocessing.freeze_support()` makes that child run its task instead of StemPrep. A
child started by "spawn" from a checkout imports this file under another name, so
nothing but the block below, which such a child skips, does any work.
"""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a no-op elsewhere, where importing multiprocessing only slows the start
        import multiprocessing

        multiprocessing.freeze_support()
    import gc

    # Starting makes tens of thousands of objects that live as long as StemPrep and next to
    # no garbage, so the cyclic collector's passes while it starts only cost time. It is
    # paused here and turned on again by the command line for a command (`app.cli.main`),
    # or by the window once it is built (`app.gui.application.run_gui`).
    gc.disable()
    from app.cli import main

    sys.exit(main())
