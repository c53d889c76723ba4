"""Every equation label cited by the code, the gallery or the book is defined exactly once.

References are collected from
- ``src/`` and ``gallery/``: the reST role ``:eq:`eq-...``` and ``# eq-...`` comments;
- ``docs/*.md``: the MyST role ``{eq}`eq-...``` (also ``{eq}`text <eq-...>```) and ``:eq:``.

Definitions are collected from ``docs/*.md``: display math closed by
``$$ (eq-...)``, and ``{math}`` directives with a ``:label:`` option.
Generated folders (``docs/_build``, ``docs/auto_examples``, ``docs/gen_modules``)
are not sources and are not read.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

LABEL_NAME = re.compile(r"eq-[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ROLE = re.compile(r"(?::eq:|\{eq\})`([^`]+)`")  # :eq:`x` (reST) and {eq}`x` (MyST)
COMMENT = re.compile(r"#\s*(eq-[a-z0-9]+(?:-[a-z0-9]+)*)")  # "# eq-xent-grad, (n, k)"
DOLLAR_DEFINITION = re.compile(r"\$\$[ \t]*\(([^)\s]+)\)")  # closing "$$ (eq-...)"
MATH_DIRECTIVE = re.compile(r"^([`:]{3,})\{math\}[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)
LABEL_OPTION = re.compile(r"^\s*:label:\s*(\S+)", re.MULTILINE)

#: The labels the brief fixes, and the page that must define each.
FIXED_LABELS = {
    "activations.md": [
        "eq-softmax",
        "eq-softmax-shift",
        "eq-softmax-jacobian",
        "eq-logistic",
        "eq-logistic-grad",
        "eq-relu",
        "eq-relu-grad",
        "eq-leaky-relu",
        "eq-leaky-relu-grad",
        "eq-softplus",
        "eq-softplus-grad",
        "eq-tanh",
        "eq-tanh-grad",
    ],
    "linear-stacking.md": ["eq-stacked-linear"],
    "forward.md": ["eq-forward-hidden", "eq-forward-output", "eq-init-he", "eq-init-glorot"],
    "backprop.md": ["eq-xent", "eq-xent-grad", "eq-grad-w", "eq-grad-b", "eq-delta-hidden"],
    "gradient-checking.md": ["eq-central-difference", "eq-relative-error"],
    "training.md": ["eq-gd-update"],
}


def role_target(text: str) -> str:
    """``eq-x`` from a role's text, ``eq-x`` or ``title <eq-x>``."""
    explicit = re.search(r"<([^>]+)>\s*$", text)
    return (explicit.group(1) if explicit else text).strip()


def book_pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def code_files() -> list[Path]:
    return sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "gallery").glob("*.py"))


def references() -> dict[str, list[str]]:
    """Label -> places (``file:line``) that cite it."""
    found: dict[str, list[str]] = {}
    for path in code_files() + book_pages():
        is_code = path.suffix == ".py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            labels = [role_target(t) for t in ROLE.findall(line)]
            if is_code:
                labels += COMMENT.findall(line)
            for label in labels:
                found.setdefault(label, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def definitions() -> list[tuple[str, str]]:
    """Every (label, page) definition in the book, repeated if defined twice."""
    found = []
    for page in book_pages():
        text = page.read_text(encoding="utf-8")
        labels = DOLLAR_DEFINITION.findall(text)
        for _, body in MATH_DIRECTIVE.findall(text):
            labels += LABEL_OPTION.findall(body)
        found += [(label, page.name) for label in labels]
    return found


# ------------------------------------------------------- the scanner itself
def test_scanner_sees_the_packages_references() -> None:
    # guard: the package cites these; if the scanner misses them, the tests below are vacuous
    cited = references()
    for label in ("eq-xent-grad", "eq-delta-hidden", "eq-softmax-jacobian", "eq-gd-update"):
        assert label in cited
    assert any("src/nnscratch/model.py" in place for place in cited["eq-xent-grad"])


def test_scanner_reads_both_definition_forms() -> None:
    page = "$$\nx = 1\n$$ (eq-one)\n\n```{math}\n:label: eq-two\n\ny = 2\n```\n"
    labels = DOLLAR_DEFINITION.findall(page)
    for _, body in MATH_DIRECTIVE.findall(page):
        labels += LABEL_OPTION.findall(body)
    assert labels == ["eq-one", "eq-two"]


def test_role_target_reads_explicit_titles() -> None:
    assert role_target("eq-relu") == "eq-relu"
    assert role_target("the ReLU <eq-relu>") == "eq-relu"


# ------------------------------------------------------- the book's labels
def test_every_referenced_label_is_defined() -> None:
    defined = {label for label, _ in definitions()}
    missing = {
        label: places for label, places in sorted(references().items()) if label not in defined
    }
    assert not missing, "undefined equation labels:\n" + "\n".join(
        f"  {label}: cited at {', '.join(places[:3])}" for label, places in missing.items()
    )


def test_no_label_is_defined_twice() -> None:
    counts = Counter(label for label, _ in definitions())
    pages: dict[str, list[str]] = {}
    for label, page in definitions():
        pages.setdefault(label, []).append(page)
    twice = {label: pages[label] for label, count in counts.items() if count > 1}
    assert not twice, f"labels defined more than once: {twice}"


def test_equation_labels_are_well_formed() -> None:
    # eq-<concept>[-<variant>]: lowercase, hyphens, no leading digit
    names = {label for label, _ in definitions()} | set(references())
    bad = sorted(name for name in names if not LABEL_NAME.fullmatch(name))
    assert not bad, f"malformed equation labels: {bad}"


@pytest.mark.parametrize("page", FIXED_LABELS, ids=str)
def test_fixed_labels_are_defined_on_their_page(page: str) -> None:
    on_page = {label for label, where in definitions() if where == page}
    missing = [label for label in FIXED_LABELS[page] if label not in on_page]
    assert not missing, f"{page} does not define {missing}"
