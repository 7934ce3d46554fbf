"""StemPrep's desktop screens: the only package that imports Qt (PySide6).

One module per screen or step, as in Anki's ``aqt``. Importing this package is
cheap and loads no Qt; the entry point is :func:`app.gui.application.run_gui`.
"""
