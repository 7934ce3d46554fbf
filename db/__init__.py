"""StemPrep's storage: one private SQLite file per user, reached only through here.

All SQL lives in this package. It hands out the typed records of `db.records`
and never imports Qt or reportlab.
"""
