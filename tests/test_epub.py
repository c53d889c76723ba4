"""Checks of the EPUB book beyond epubcheck: every chapter, figure and formula,
alt texts, internal links, no TeX or scripts left for an e-reader to run.

``nox -s epub`` runs this file as a script on the built book
(``python tests/test_epub.py book.epub``, in the docs environment, which has no
pytest); ``check_epub`` takes the archive's files, so a defect planted in a
tiny book shows that each check finds what it looks for.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
import zipfile
from pathlib import Path

DOCS = Path(__file__).parents[1] / "docs"
RAW_TEX = re.compile(r"\\(?:frac|mathbf|boldsymbol|partial|sum|begin\{|\(|\[)|\$\$")


def chapters() -> list[str]:
    """The documents of the book's toctrees, in order (docs/index.md)."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    names = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, re.DOTALL):
        names += [
            line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")
        ]
    return names


def _text(xhtml: str) -> str:
    """Text of a page without its tags and attribute values (alt texts may hold TeX)."""
    xhtml = re.sub(r"<(script|style)\b.*?</\1>", "", xhtml, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", xhtml)


def check_epub(files: dict[str, str], expected: list[str]) -> list[str]:
    """Defects of an unpacked EPUB (path in the archive -> text of each XHTML/OPF file)."""
    problems = []
    opf_path = next((p for p in files if p.endswith(".opf")), None)
    if opf_path is None:
        return ["no package document (.opf)"]
    opf = files[opf_path]
    root = posixpath.dirname(opf_path)
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    in_spine = {manifest.get(i, "") for i in spine}
    for doc in expected:
        if f"{doc}.xhtml" not in in_spine:
            problems.append(f"{doc}: not in the reading order")
    ids = {
        path: set(re.findall(r'\bid="([^"]+)"', text))
        for path, text in files.items()
        if path.endswith(".xhtml")
    }
    formulas = 0
    for path, text in files.items():
        if not path.endswith(".xhtml"):
            continue
        here = posixpath.dirname(path)
        if re.search(r"<script\b", text):
            problems.append(f"{path}: a script")
        if re.search(r'(?:src|href)="[^"]*mathjax', text, re.IGNORECASE):  # not myst's class names
            problems.append(f"{path}: MathJax")
        if match := RAW_TEX.search(_text(text)):
            problems.append(f"{path}: raw TeX {match[0]!r}")
        for img in re.findall(r"<img\b[^>]*>", text):
            src = re.search(r'\bsrc="([^"]+)"', img)
            alt = re.search(r'\balt="([^"]*)"', img)
            if src is None or posixpath.normpath(posixpath.join(here, src[1])) not in files:
                problems.append(f"{path}: image {src[1] if src else img!r} is missing")
            if 'class="math"' in img:
                formulas += 1
            elif alt is None or not alt[1].strip():
                problems.append(f"{path}: image {src[1] if src else img!r} has no alt text")
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', text):
            if re.match(r"[a-z]+:", href):
                continue
            target, _, fragment = href.partition("#")
            target_path = posixpath.normpath(posixpath.join(here, target)) if target else path
            if target_path not in files:
                problems.append(f"{path}: link to missing {href!r}")
            elif fragment and target_path.endswith(".xhtml") and fragment not in ids[target_path]:
                problems.append(f"{path}: link to missing anchor {href!r}")
    if formulas == 0:
        problems.append("no formula rendered as an image")
    nav = next((t for p, t in files.items() if p.endswith(("nav.xhtml", "toc.ncx"))), "")
    if "\\" in _text(nav):
        problems.append("table of contents: raw TeX")
    del root
    return problems


def read_epub(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as zf:
        assert zf.namelist()[0] == "mimetype", "mimetype is not the first file of the EPUB"
        return {
            name: zf.read(name).decode("utf-8") if name.endswith((".xhtml", ".opf", ".ncx")) else ""
            for name in zf.namelist()
        }


TINY = {
    "mimetype": "",
    "OEBPS/content.opf": '<item id="epub-0" href="intro.xhtml"/><item id="i1" href="_images/f.svg"/>'
    '<itemref idref="epub-0"/>',
    "OEBPS/nav.xhtml": "<nav><a href='intro.xhtml'>Intro</a></nav>",
    "OEBPS/_images/f.svg": "",
    "OEBPS/_images/math/1.svg": "",
    "OEBPS/intro.xhtml": '<p id="top">Text <img class="math" src="_images/math/1.svg" alt="\\frac{1}{2}"/>'
    ' <img src="_images/f.svg" alt="A curve"/> <a href="#top">up</a></p>',
}


def test_tiny_book_passes() -> None:
    assert check_epub(TINY, ["intro"]) == []


#: (text of the tiny book's page, the defect put in its place, part of the message)
PLANTED = [
    ('alt="A curve"', 'alt=""', "no alt text"),
    ('href="#top"', 'href="#nowhere"', "missing anchor"),
    ("Text", "Text \\(x\\)", "raw TeX"),
    ('_images/f.svg" alt', '_images/g.svg" alt', "is missing"),
    ("</p>", "</p><script>x()</script>", "a script"),
]


def test_planted_defects_are_caught() -> None:
    for old, new, message in PLANTED:
        page = TINY["OEBPS/intro.xhtml"]
        assert old in page
        book = dict(TINY, **{"OEBPS/intro.xhtml": page.replace(old, new)})
        assert any(message in p for p in check_epub(book, ["intro"])), (old, new)
    assert check_epub(TINY, ["intro", "training"]) == ["training: not in the reading order"]


def test_built_epub() -> None:
    """The built book (``NNSCRATCH_EPUB``); without it, nothing to check."""
    if not os.environ.get("NNSCRATCH_EPUB"):
        return
    files = read_epub(Path(os.environ["NNSCRATCH_EPUB"]))
    assert check_epub(files, chapters()) == []


if __name__ == "__main__":
    test_tiny_book_passes()
    test_planted_defects_are_caught()
    print(f"self-test: each of {len(PLANTED) + 1} planted defects found")
    found = check_epub(read_epub(Path(sys.argv[1])), chapters())
    print("\n".join(found) or f"{sys.argv[1]}: no defect found")
    sys.exit(1 if found else 0)
