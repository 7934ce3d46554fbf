"""Say whether a PDF embeds NanumGothic (scripts/bundle --check, on the bundle's blank sheet).

Korean shows as empty boxes on a computer without a Korean font unless the font travels
inside the PDF, so the check reads the PDF's font descriptors and looks for an embedded
NanumGothic font program. Exits 0 if there is one, 1 if not.
"""

from __future__ import annotations

import sys

from pypdf import PdfReader


def embedded_fonts(path: str) -> set[str]:
    """The names of the fonts whose program is embedded in the PDF at `path`."""
    names: set[str] = set()
    for page in PdfReader(path).pages:
        fonts = (page.get("/Resources") or {}).get_object().get("/Font") or {}
        for ref in fonts.get_object().values():
            font = ref.get_object()
            candidates = [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]
            for candidate in candidates:
                descriptor = candidate.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descriptor.get("/FontName", "")).lstrip("/"))
    return names


def main(argv: list[str]) -> int:
    names = embedded_fonts(argv[1])
    if any("NanumGothic" in name for name in names):
        return 0
    print(f"{argv[1]} embeds {sorted(names) or 'no fonts'}, not NanumGothic", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
