"""StemPrep: prepare for a stem cell therapy consultation in South Korea.

`app.domain` holds the rules of the patient's world (question bank, red flags),
`app.export` turns a profile into a printed sheet, and `app.gui` is the only
package that imports Qt.
"""

__version__ = "0.1.0"
