"""Page-by-page checks of the PDF book, on its text as ``pdftotext`` extracts it.

``check_pages`` returns one message per defect a reader of a printed book would
notice. The fixture ``tests/fixtures/pdf/book.txt`` is a small clean book in
``pdftotext``'s format (pages separated by form feeds); each test plants one
defect in it and asserts that the check reports it, so a check that stops
finding its defect fails. ``nox -s pdf`` runs this file as a script on the
built PDF (``python tests/test_pdf.py book.pdf``: the self-test on the planted
defects, then the book), in the docs environment, which has no pytest.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "book.txt"
BIBFILE = Path(__file__).parents[1] / "docs" / "references.bib"

#: the running header of every page after the title page
HEADER = re.compile(r"^A non-linear neural network from scratch, Release \S+$")
#: a footer: the current section's number and title, or the page number alone
PAGE_NUMBER = re.compile(r"^(?:[0-9]+|[ivxlc]+)$")
FOOTER_SECTION = re.compile(r"^[0-9]+(?:\.[0-9]+)*\. .+$")
#: a numbered heading as pdftotext prints it: "7.2 Title" (no dot after the number)
HEADING = re.compile(r"^(?P<number>[0-9]+(?:\.[0-9]+)+) (?P<title>[A-Z].*)$")
#: texts that only make sense on a web page, or are its screen-reader text
SCREEN_READER = (
    "Keyword-only parameters separator",
    "Positional-only parameter separator",
    "PEP 3102",
    "PEP 570",
    "Toggle hidden content",
    "Show code cell",
    "Hide code cell",
    "Gallery examples",
    "Download Python source code",
    "Download Jupyter notebook",
    "Go to the end",
)
#: build plumbing: glue calls, cell options, label comments on their own line
PLUMBING = (
    re.compile(r"\bglue\("),
    re.compile(r"\bmyst_nb\b"),
    re.compile(r"\{code-cell\}|\{glue(?::text)?\}|:tags:|remove-cell|hide-input"),
    re.compile(r"^#\s*eq-[a-z0-9-]+\s*$", re.MULTILINE),
)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext``, reading order)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def bibliography_titles(bibfile: Path = BIBFILE) -> dict[str, str]:
    """Key -> title of every entry of the book's .bib file."""
    text = bibfile.read_text(encoding="utf-8")
    titles = {}
    for entry in re.split(r"\n(?=@)", text):
        key = re.match(r"@\w+\{([^,]+),", entry.strip())
        title = re.search(r"\btitle\s*=\s*[{\"](.+?)[}\"],?\s*\n", entry, re.DOTALL)
        if key and title:
            titles[key[1]] = re.sub(r"[{}]", "", " ".join(title[1].split()))
    return titles


def _words(text: str) -> str:
    """Letters only, lower case: survives line breaks, hyphenation and ligatures."""
    text = text.replace("\N{LATIN SMALL LIGATURE FI}", "fi").replace(
        "\N{LATIN SMALL LIGATURE FF}", "ff"
    )
    text = text.replace("\N{LATIN SMALL LIGATURE FL}", "fl")
    return re.sub(r"[^a-z]", "", text.casefold())


def _content_lines(page: str) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    # the footer is the page's last line or two; elsewhere "3. ..." is a list item
    last = len(lines) - 2
    return [
        line
        for i, line in enumerate(lines)
        if not (
            HEADER.match(line)
            or PAGE_NUMBER.match(line)
            or (i >= last and FOOTER_SECTION.match(line))
        )
        and line != "(continued from previous page)"
    ]


def check_pages(pages: list[str], titles: dict[str, str]) -> list[str]:
    """Every defect found, one message each (empty for a good book)."""
    problems = []
    for number, page in enumerate(pages, start=1):
        where = f"page {number}"
        if number > 1 and not _content_lines(page):
            problems.append(f"{where}: nothing but the running header and page number")
        for match in re.finditer(r"\(\(\s*[0-9]+(?:\.[0-9]+)*\s*\)\)", page):
            problems.append(f"{where}: doubled parentheses {match[0]!r}")
        if "??" in page:
            problems.append(f"{where}: an unresolved reference '??'")
        problems += [
            f"{where}: screen-reader or web text {s!r}" for s in SCREEN_READER if s in page
        ]
        for pattern in PLUMBING:
            if match := pattern.search(page):
                problems.append(f"{where}: build plumbing {match[0]!r}")
    # empty headings: a numbered heading followed by one that is not its child
    lines = [(n, line) for n, page in enumerate(pages, 1) for line in _content_lines(page)]
    start = next((i for i, (_, line) in enumerate(lines) if line.upper() == "CHAPTER"), 0)
    headings = [
        (n, m["number"], i) for i, (n, line) in enumerate(lines) if (m := HEADING.match(line))
    ]
    for (n, first, i), (_, second, j) in itertools.pairwise(headings):
        if i >= start and j == i + 1 and not second.startswith(first + "."):
            problems.append(f"page {n}: heading {first} has no text before heading {second}")
    # the back matter: references with every work, then the index
    text = [_words(page) for page in pages]
    refs = next((i for i, page in enumerate(pages) if page.lstrip().startswith("REFERENCES")), None)
    index = next((i for i, page in enumerate(pages) if page.lstrip().startswith("INDEX")), None)
    if refs is None:
        problems.append("no References chapter")
    else:
        bibliography = "".join(text[refs : index if index is not None else len(pages)])
        problems += [
            f"references: {key} ({title!r}) is missing"
            for key, title in titles.items()
            if _words(title) not in bibliography
        ]
        if not re.search(r"^\[1\] ", pages[refs], re.MULTILINE):
            problems.append("references: the bibliography is empty")
    if index is None:
        problems.append("no index")
    else:
        entries = re.findall(r"^[A-Za-z][^,\n]*, [0-9]+$", "\n".join(pages[index:]), re.MULTILINE)
        if len(entries) < 30:
            problems.append(f"index: only {len(entries)} entries with a page number")
        if refs is not None and index < refs:
            problems.append("the index comes before the references")
    return problems


def clean_book() -> list[str]:
    return FIXTURE.read_text(encoding="utf-8").split("\f")


#: the bibliography of the fixture book
FIXTURE_TITLES = {"rumelhart1986": "Learning representations by back-propagating errors"}


def test_clean_fixture_passes() -> None:
    assert check_pages(clean_book(), FIXTURE_TITLES) == []


def _plant(pages: list[str], old: str, new: str) -> list[str]:
    text = "\f".join(pages)
    assert old in text, f"fixture lacks {old!r}"
    return text.replace(old, new, 1).split("\f")


HEAD = "A non-linear neural network from scratch, Release 0.1.0"
#: name -> (text of the clean fixture, the defect put in its place, part of the message)
PLANTED = {
    "header only": (
        "\f",
        f"\f{HEAD}\n\n7.2. Gradients\n\n12\n\f",
        "nothing but the running header",
    ),
    "empty heading": (
        "7.2 The output delta\n",
        "7.2 The output delta\n7.3 Gallery\n",
        "no text before",
    ),
    "double parentheses": ("by (7.1) and", "by ((7.1)) and", "doubled parentheses"),
    "unresolved": ("Section 7.2 shows", "Section ?? shows", "unresolved reference"),
    "screen reader": (
        "train(model, X, T, *, ",
        "train(model, X, T, * (Keyword-only parameters separator (PEP 3102)), ",
        "screen-reader",
    ),
    "glue call": (
        "print(cost)\n",
        'print(cost)\nglue("cost", cost, display=False)\n',
        "build plumbing",
    ),
    "label comment": (
        "delta = (Y - T) / n\n",
        "delta = (Y - T) / n\n# eq-xent-grad\n",
        "build plumbing",
    ),
    # the fixture breaks this title over two lines, as the PDF does
    "missing work": (
        "Learning representations\nby back-propagating",
        "Learning by",
        "rumelhart1986",
    ),
    "empty bibliography": ("REFERENCES\n\n[1] ", "REFERENCES\n\n", "bibliography is empty"),
    "no index": ("INDEX\n", "LAST WORDS\n", "no index"),
}


def test_planted_defects_are_caught() -> None:
    for name, (old, new, message) in PLANTED.items():
        problems = check_pages(_plant(clean_book(), old, new), FIXTURE_TITLES)
        assert any(message in problem for problem in problems), (name, problems)


def test_bibliography_titles_read_every_entry() -> None:
    text = BIBFILE.read_text(encoding="utf-8")
    assert len(bibliography_titles()) == len(re.findall(r"^@\w+\{", text, re.MULTILINE))


def test_built_pdf() -> None:
    """The built book (``NNSCRATCH_PDF``); without it, nothing to check."""
    if not os.environ.get("NNSCRATCH_PDF"):
        return
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to check the PDF"
    pages = pdf_pages(Path(os.environ["NNSCRATCH_PDF"]))
    assert check_pages(pages, bibliography_titles()) == []


if __name__ == "__main__":
    test_clean_fixture_passes()
    test_planted_defects_are_caught()
    print(f"self-test: each of {len(PLANTED)} planted defects found")
    found = check_pages(pdf_pages(Path(sys.argv[1])), bibliography_titles())
    print("\n".join(found) or f"{sys.argv[1]}: no defect found")
    sys.exit(1 if found else 0)
