"""The patient's world without a screen: the question bank, red flags, demo data.

Nothing here imports Qt or reportlab, so the CLI, the sheet renderer and the GUI
share one set of rules.
"""
